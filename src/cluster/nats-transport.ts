// The cluster's transport over a NATS server (the first-party client, @nats-io/transport-node):
// plain core NATS, at-most-once. A lost message is never papered over: after a reconnection the
// coordinator redoes the level (see coordinator.ts), so nothing is counted twice or half.

import { connect, type NatsConnection } from "@nats-io/transport-node";
import { McError } from "../result/errors.js";
import type { Transport } from "./transport.js";

export interface NatsOptions {
  readonly url: string;
  /** How long to try the first connection before giving up (MC066). */
  readonly connectTimeoutMs: number;
  /** How long a lost connection is retried before the process gives up. */
  readonly reconnectForMs: number;
}

export async function natsTransport(o: NatsOptions): Promise<Transport> {
  let nc: NatsConnection;
  const servers = o.url.replace(/^nats:\/\//, "");
  try {
    nc = await connect({ servers, timeout: o.connectTimeoutMs, maxReconnectAttempts: Math.max(1, Math.ceil(o.reconnectForMs / 250)), reconnectTimeWait: 250, name: `mc-${process.pid}` });
  } catch (e) {
    throw new McError(
      "MC066",
      `--cluster ${o.url}: cannot reach a NATS server there within ${o.connectTimeoutMs} ms (${e instanceof Error ? e.message : String(e)}). Start one (\`mc cluster up\`, or \`nats-server -a 127.0.0.1 -p 4222\`), or pass the URL of a running one.`,
    );
  }
  const reconnected: (() => void)[] = [];
  void (async () => {
    for await (const s of nc.status()) if (s.type === "reconnect") for (const cb of reconnected) cb();
  })();
  const sent = { msgs: 0, bytes: 0 };
  return {
    sent,
    publish(subject, data, reply) {
      sent.msgs++;
      sent.bytes += data.length;
      nc.publish(subject, data, reply ? { reply } : undefined);
    },
    subscribe(subject, on) {
      const sub = nc.subscribe(subject, { callback: (err, m) => {
          if (err === null) on(m.data, m.reply);
        } });
      return () => sub.unsubscribe();
    },
    async request(subject, data, timeoutMs) {
      sent.msgs++;
      sent.bytes += data.length;
      return (await nc.request(subject, data, { timeout: timeoutMs })).data;
    },
    // a flush cut short by a disconnection is not an error here: the reconnection redoes the level
    flush: () => nc.flush().catch(() => undefined),
    onReconnect: (cb) => reconnected.push(cb),
    async close() {
      await nc.close().catch(() => undefined);
    },
  };
}
