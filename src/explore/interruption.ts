// Stopping a search from outside (the CLI's SIGINT/SIGTERM handlers abort an AbortSignal). The
// search is synchronous work on this thread, and a signal handler only runs when the event loop
// turns: so while a signal is given, the search yields to the event loop every YIELD_MS, between
// batches of states, and then looks whether it was aborted.

const YIELD_MS = 50;

export class Interruption {
  private next = Date.now() + YIELD_MS;

  constructor(private readonly signal: AbortSignal | undefined) {}

  /** Whether anyone can abort this search (else it never yields). */
  get watching(): boolean {
    return this.signal !== undefined;
  }

  /**
   * Calls `wake` when the search is aborted (to end a wait for workers' messages); returns
   * what removes it again (one signal may serve many checks, as in mc regress).
   */
  onAbort(wake: () => void): () => void {
    this.signal?.addEventListener("abort", wake, { once: true });
    return () => this.signal?.removeEventListener("abort", wake);
  }

  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  /** Whether it is time to yield (cheap: called every batch of states). */
  due(): boolean {
    return this.signal !== undefined && Date.now() >= this.next;
  }

  /** Lets the event loop run (signal handlers among others), then says whether to stop. */
  async stopped(): Promise<boolean> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.yielded();
    return this.aborted;
  }

  /** The caller let the event loop run itself: the next yield is due a period from now. */
  yielded(): void {
    this.next = Date.now() + YIELD_MS;
  }
}
