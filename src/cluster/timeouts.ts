// The cluster's timeouts, with their defaults in one place (docs/cluster.md lists them): every
// wait in the cluster mode ends in an McError naming what did not happen, never a hang.

export interface ClusterTimeouts {
  /** First connection to the NATS server (MC066). */
  readonly connectMs: number;
  /** Every worker joining the run, and a worker hearing from the coordinator (MC067). */
  readonly joinMs: number;
  /** Silence of a joined worker or of the coordinator before it is taken for lost (MC069). */
  readonly peerMs: number;
  readonly heartbeatMs: number;
  /** One request to a worker (a parent, a count) while rebuilding a counterexample. */
  readonly requestMs: number;
}

export const DEFAULT_TIMEOUTS: ClusterTimeouts = { connectMs: 5_000, joinMs: 60_000, peerMs: 30_000, heartbeatMs: 1_000, requestMs: 10_000 };
