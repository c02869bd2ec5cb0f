// The memory budget: a state space bigger than memory stops with a clear MC030 error that gives
// the counts reached so far, never with a crash deep inside V8. Checked against the process's
// resident size while exploring, and on any failed allocation of the big typed arrays.

import { McError } from "../result/errors.js";

export interface Counts {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
}

export class MemoryBudget {
  constructor(
    private readonly file: string,
    private readonly limitMiB: number,
  ) {}

  /** Throws MC030 when the process has grown past the budget. */
  check(c: Counts): void {
    const rss = process.memoryUsage.rss() / 2 ** 20;
    if (rss > this.limitMiB) throw outOfMemory(this.file, c, `the process uses ${rss.toFixed(0)} MiB, over the ${this.limitMiB} MiB budget (--memory)`);
  }
}

export function isAllocationFailure(e: unknown): boolean {
  return e instanceof RangeError && /allocation failed|Invalid typed array length|Invalid array length|Array buffer/i.test(e.message);
}

export function outOfMemory(file: string, c: Counts, why: string): McError {
  return new McError(
    "MC030",
    `${file}: the state space does not fit in memory: ${why}, after ${c.distinct.toLocaleString("en-US")} distinct states, ` +
      `${c.generated.toLocaleString("en-US")} generated, depth ${c.depth}. Check a smaller configuration, bound the search with ` +
      `--max-states or --max-depth, or give it more memory with --memory MiB.`,
  );
}
