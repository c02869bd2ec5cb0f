// The worker threads of a parallel check: started (even before the check, to overlap their
// loading with this thread's), joined to each level once ready, paused and resumed while the
// shared seen-set grows.

import { collectGarbage } from "./collect-garbage.js";
import type { Worker } from "node:worker_threads";
import { prewarmed, spawnWorker } from "./spawn-worker.js";
import { firstFail } from "./reach-share.js";
import { rethrown } from "../../result/errors.js";
import type { Model } from "../../model/compile.js";
import type { Selection } from "../../model/select.js";
import type { Expander } from "./expander.js";
import type { Interruption } from "../interruption.js";
import { C_PAUSE, type DoneMsg, type FromWorker, type LevelMsg, type ReachFail, type ReachMsg, type TableRef, type ToWorker } from "./protocol.js";

/** The worker threads: each joins the levels once it has loaded and compiled the spec. */
export class WorkerPool {
  private readonly ready: Worker[] = [];
  private readonly all: Worker[] = [];
  private failure: unknown;
  private wake: (() => void) | undefined;
  private readonly done: DoneMsg[] = [];
  /** The workers the level in progress was sent to. */
  private workers: Worker[] = [];
  /** Replies to a ReachMsg, the mismatch each worker met if any. */
  private readonly reached: (ReachFail | undefined)[] = [];
  private readonly paused = new Set<Worker>();
  private readonly unwatch: () => void;

  constructor(
    file: string,
    model: Model,
    ctrl: SharedArrayBuffer,
    threads: number,
    select: Selection | null,
    private readonly interrupt: Interruption,
  ) {
    this.unwatch = interrupt.onAbort(() => this.wake?.());
    const warm = prewarmed().get(file)?.splice(0, threads - 2) ?? [];
    for (let index = 1; index < threads - 1; index++) {
      const entry = warm[index - 1] ?? spawnWorker(file);
      const w = entry.worker;
      w.ref();
      this.all.push(w);
      if (entry.error !== undefined) this.failure = entry.error;
      w.on("message", (m: FromWorker) => {
        if (m.type === "ready") this.ready.push(w);
        else if (m.type === "done") this.done.push(m);
        else if (m.type === "reached") this.reached.push(m.fail);
        else if (m.type === "paused") this.paused.add(w);
        else this.failure = rethrown(m);
        this.wake?.();
      });
      w.on("error", (e) => {
        this.failure = e;
        this.wake?.();
      });
      w.postMessage({ type: "init", constants: model.constants, symmetry: model.symmetry !== null, select, index, threads, ctrl } satisfies ToWorker);
    }
  }

  /**
   * Starts a level on every ready worker, while this thread may still be numbering it (the
   * workers then wait for each position to be numbered: expander.ts).
   */
  post(msg: LevelMsg): void {
    this.done.length = 0;
    this.workers = [...this.ready];
    for (const w of this.workers) w.postMessage(msg satisfies ToWorker);
  }

  /** Resolves once every worker has loaded the spec and compiled the model. */
  allReady(): Promise<void> {
    return this.until(() => this.ready.length === this.all.length);
  }

  /** Whether a worker is ready to take part in a level (else posting one ahead gains nothing). */
  get anyReady(): boolean {
    return this.ready.length > 0;
  }

  /**
   * Runs the posted level on this thread too, and on workers that became ready since. This
   * thread works synchronously; whenever every participant has paused (or finished) for the
   * seen-set to grow, it grows it. Undefined when the search was interrupted (the workers are
   * then left to close()).
   */
  async runLevel(msg: LevelMsg, main: Expander, grow: () => TableRef, report: () => void): Promise<DoneMsg[] | undefined> {
    // Let the event loop deliver what workers said meanwhile ("ready", above all): this thread
    // may have run several levels without waiting for anyone.
    await new Promise((resolve) => setImmediate(resolve));
    const workers = this.workers;
    main.startLevel(msg);
    let mine: DoneMsg | undefined;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.interrupt.aborted) return undefined;
      // Workers that are ready join, even in the middle of the level: they take blocks from
      // the same cursor, with the seen-set as it is now.
      for (const w of this.ready) {
        if (workers.includes(w)) continue;
        workers.push(w);
        w.postMessage({ ...msg, table: main.tableRef } satisfies ToWorker);
      }
      if (mine === undefined) {
        // While a worker is still loading, work in slices and look for its "ready" in between;
        // while the search can be interrupted, let the signal handlers run now and then.
        const r = main.run(this.ready.length < this.all.length ? 256 : this.interrupt.watching ? 1024 : Infinity);
        if (r === "yield") {
          // all workers in: turn the event loop only every Interruption's period
          if (this.ready.length === this.all.length && !this.interrupt.due()) continue;
          await new Promise((resolve) => setImmediate(resolve));
          this.interrupt.yielded();
          continue;
        }
        if (r === "done") mine = main.finish();
      }
      report();
      if (mine !== undefined && this.done.length === workers.length) return [mine, ...this.done.splice(0)];
      if (this.paused.size + this.done.length < workers.length) {
        await this.message();
        continue;
      }
      // every worker has paused or finished, and so has this thread: grow, then go on
      if (Atomics.load(main.ctrl, C_PAUSE) === 1) {
        const ref = grow();
        for (const w of this.paused) w.postMessage({ type: "resume", table: ref } satisfies ToWorker);
        this.paused.clear();
        msg = { ...msg, table: ref }; // the old table must not stay reachable from here
        collectGarbage();
      }
    }
  }

  /**
   * Waits for the workers to stop on a level posted ahead that the search will not need (it
   * stopped while numbering the level before), so that they are free for what follows.
   */
  async drain(): Promise<void> {
    await this.until(() => this.paused.size + this.done.length >= this.workers.length);
    this.done.length = 0;
  }

  /**
   * The symmetry check after the search, on this thread (`mine`, run synchronously) and every
   * ready worker together (reach-share.ts); the first mismatch in sample order, if any.
   */
  async runReach(msg: ReachMsg, mine: () => ReachFail | undefined): Promise<ReachFail | undefined> {
    await new Promise((resolve) => setImmediate(resolve)); // a "ready" said meanwhile
    this.reached.length = 0;
    const workers = [...this.ready];
    for (const w of workers) w.postMessage(msg satisfies ToWorker);
    const fails = [mine()];
    await this.until(() => this.reached.length >= workers.length);
    fails.push(...this.reached);
    return firstFail(fails);
  }

  /** Waits, message by message, until `done` holds; a worker's failure is thrown. */
  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.failure !== undefined) throw this.failure;
      await this.message();
    }
  }

  private message(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  close(): void {
    this.unwatch();
    for (const w of this.all) void w.terminate();
  }
}
