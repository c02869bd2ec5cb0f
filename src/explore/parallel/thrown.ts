// An error crossing between threads of a parallel check: what a worker (or the expander on any
// thread) caught, as plain data a message can carry, and the error it becomes again on the
// coordinator's thread. An McError keeps its code; anything else is an internal error.

import { McError, describeThrown, type ErrorCode } from "../../result/errors.js";

export interface Thrown {
  readonly code: string;
  readonly message: string;
  readonly internal: boolean;
}

export function thrown(e: unknown): Thrown {
  const mc = e instanceof McError;
  return { code: mc ? e.code : "internal", message: mc ? e.message : describeThrown(e), internal: !mc };
}

export function rethrown(t: Thrown): Error {
  return t.internal ? new Error(t.message) : new McError(t.code as ErrorCode, t.message);
}
