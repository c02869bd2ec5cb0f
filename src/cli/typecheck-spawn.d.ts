// Types of typecheck-spawn.js (plain JavaScript: bin/mc.js runs it before tsx is loaded).
export interface StartedTypecheck {
  /** The spec files, resolved. */
  readonly files: readonly string[];
  /** Where the process writes its outcome (a TypecheckOutcome as JSON, whole or not at all). */
  readonly resultPath: string;
  /** Settles when the process has ended, with how (for a process that wrote no outcome). */
  readonly exited: Promise<string>;
  /** Stops the process if it still runs and removes its files. */
  dispose(): void;
}

export function spawnTypecheck(files: readonly string[]): StartedTypecheck;
export function startEarly(argv: readonly string[]): StartedTypecheck | undefined;
export function adoptEarly(files: readonly string[]): StartedTypecheck | undefined;
export function disposeEarly(): void;
