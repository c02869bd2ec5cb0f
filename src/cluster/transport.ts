// What the cluster needs from a message bus: publish, subscribe to exact subjects,
// request/reply with a timeout, and word of a reconnection (messages may have been lost). NATS
// provides it between machines (nats-transport.ts); the in-process bus here runs the same
// workers and coordinator inside one process, so unit tests need no server.

export type Handler = (data: Uint8Array, reply: string | undefined) => void;

export interface Transport {
  publish(subject: string, data: Uint8Array, reply?: string): void;
  /** Returns a function that ends the subscription. */
  subscribe(subject: string, on: Handler): () => void;
  /** The reply's bytes; rejects after `timeoutMs` with no reply. */
  request(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array>;
  /** Resolves once everything published so far has reached the bus. */
  flush(): Promise<void>;
  /** Called after the connection to the bus was lost and re-established. */
  onReconnect(cb: () => void): void;
  close(): Promise<void>;
  /** Messages and payload bytes published so far. */
  readonly sent: { msgs: number; bytes: number };
}

/** One process's bus: every endpoint made by `endpoint()` sees the others' messages. */
export class InProcessBus {
  private readonly subs = new Map<string, Set<Handler>>();
  private inbox = 0;

  endpoint(): Transport {
    const bus = this;
    const mine = new Set<() => void>();
    const sent = { msgs: 0, bytes: 0 };
    return {
      sent,
      publish(subject, data, reply) {
        sent.msgs++;
        sent.bytes += data.length;
        bus.deliver(subject, data.slice(), reply);
      },
      subscribe(subject, on) {
        const off = bus.on(subject, on);
        mine.add(off);
        return () => {
          off();
          mine.delete(off);
        };
      },
      request(subject, data, timeoutMs) {
        const inbox = `_INBOX.${bus.inbox++}`;
        return new Promise<Uint8Array>((resolve, reject) => {
          const timer = setTimeout(() => {
            off();
            reject(new Error(`no reply on ${subject} within ${timeoutMs} ms`));
          }, timeoutMs);
          const off = bus.on(inbox, (d) => {
            clearTimeout(timer);
            off();
            resolve(d);
          });
          sent.msgs++;
          sent.bytes += data.length;
          bus.deliver(subject, data.slice(), inbox);
        });
      },
      flush: () => new Promise((r) => setImmediate(r)),
      onReconnect() {},
      async close() {
        for (const off of mine) off();
        mine.clear();
      },
    };
  }

  private on(subject: string, h: Handler): () => void {
    let set = this.subs.get(subject);
    if (!set) this.subs.set(subject, (set = new Set()));
    set.add(h);
    return () => set.delete(h);
  }

  /** Asynchronously, as a network would: a handler never runs inside publish(). */
  private deliver(subject: string, data: Uint8Array, reply: string | undefined): void {
    setImmediate(() => {
      for (const h of this.subs.get(subject) ?? []) h(data, reply);
    });
  }
}
