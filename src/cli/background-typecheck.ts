// Runs the type check beside the search instead of before it: a child process (so that the
// compiler's memory never counts in the checking process), started only when the cache says the
// spec changed, or already by bin/mc.js (typecheck-spawn.js). The caller polls it while
// searching and awaits it before printing a verdict, so a type error still ends the run with
// MC003 and no verdict.

import { existsSync, readFileSync } from "node:fs";
import { McError, type ErrorCode } from "../result/errors.js";
import { staleSpecs } from "./typecheck-cache.js";
import type { TypecheckOutcome } from "./typecheck-child.js";
import { adoptEarly, spawnTypecheck, type StartedTypecheck } from "./typecheck-spawn.js";

export class BackgroundTypecheck {
  private readonly started: StartedTypecheck | undefined;
  private outcome: TypecheckOutcome | undefined;

  /** Starts checking those of `files` that did not pass before unchanged (a few file reads each). */
  constructor(files: readonly string[]) {
    // the process started early skips the spec itself if it passed before unchanged
    this.started = adoptEarly(files);
    if (this.started === undefined) {
      const stale = staleSpecs(files);
      if (stale.length === 0) {
        this.outcome = { ok: true };
        return;
      }
      this.started = spawnTypecheck(stale);
    }
  }

  private read(): TypecheckOutcome | undefined {
    if (this.outcome === undefined && this.started !== undefined && existsSync(this.started.resultPath)) {
      this.outcome = JSON.parse(readFileSync(this.started.resultPath, "utf8")) as TypecheckOutcome;
    }
    return this.outcome;
  }

  /** Synchronous: throws MC003 if the check has already failed (called from the search's progress). */
  poll(): void {
    const o = this.read();
    if (o !== undefined && !o.ok) throw toError(o);
  }

  /** Waits for the check, and for its process to end (it ends as it reports); throws MC003 on a type error. */
  async done(): Promise<void> {
    if (this.started !== undefined) {
      const how = await this.started.exited;
      // no outcome written: the process failed (never a pass)
      if (this.read() === undefined) this.outcome = { ok: false, code: "internal", message: `the type-check process ${how}` };
    }
    this.poll();
  }

  /** Stops the child if it still runs and removes its files. */
  dispose(): void {
    this.started?.dispose();
  }
}

function toError(o: Extract<TypecheckOutcome, { ok: false }>): Error {
  return o.code === "internal" ? new Error(`type check failed: ${o.message}`) : new McError(o.code as ErrorCode, o.message);
}
