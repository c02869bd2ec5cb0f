// Ctrl-C (SIGINT) and SIGTERM during a command: the first one aborts the AbortSignal handed to
// the explorer, which stops between batches of states and returns what it reached (the verdict
// "interrupted"); the command then prints that and exits 128 + the signal's number. A second
// signal exits at once, for a user who does not want to wait for the summary.

export const INTERRUPT_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type Caught = keyof typeof INTERRUPT_EXIT;

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly caught: Caught | undefined;
  /** Removes the handlers (the command is over). */
  release(): void;
}

export function catchInterrupts(): Interrupt {
  const ac = new AbortController();
  let caught: Caught | undefined;
  const release = onInterrupt((sig) => {
    if (caught !== undefined) process.exit(INTERRUPT_EXIT[sig]);
    caught = sig;
    ac.abort();
  });
  return {
    signal: ac.signal,
    get caught() {
      return caught;
    },
    release,
  };
}

/**
 * For commands with nothing partial to report (mc mutate): a signal ends the process at once,
 * through process.exit, so 'exit' listeners still remove what the command made (its mirror
 * folders), which the default action of SIGTERM would leave behind. Returns the release.
 */
export function exitOnInterrupt(say: (line: string) => void): () => void {
  return onInterrupt((sig) => {
    say(`interrupted by ${sig}\n`);
    process.exit(INTERRUPT_EXIT[sig]);
  });
}

/** Calls `on` for SIGINT and SIGTERM until the returned release. */
function onInterrupt(on: (sig: Caught) => void): () => void {
  const onInt = (): void => on("SIGINT");
  const onTerm = (): void => on("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return () => {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  };
}
