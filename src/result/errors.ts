// The closed list of errors mc reports for bad input. A violation is a result, never one of
// these: an McError means the spec, a flag or a file is broken, and the CLI exits 2.
// Each code is explained once here; messages name the file, action, invariant or state.

export const ERROR_CODES = {
  MC001: "spec file not found or not readable",
  MC002: "spec module failed to load (syntax error, failing import, or an exception at top level)",
  MC003: "spec has TypeScript type errors",
  MC004: "spec module has no default export made by defineSpec",
  MC005: "spec definition is malformed (name, init, actions, invariants or constants of the wrong shape)",
  MC006: "spec has no initial states",
  MC007: "init threw or produced a value that is not a state",
  MC010: "an action returned a value that is not a state (plain object, class instance, Promise, undefined, function, NaN, ...)",
  MC011: "an action threw",
  MC012: "an invariant threw",
  MC013: "an invariant returned a non-boolean",
  MC014: "the spec is not deterministic: replaying a trace did not reproduce the same state",
  MC015: "a temporal property's state predicate threw",
  MC016: "a temporal property's state predicate returned a non-boolean",
  MC017: "an action property threw",
  MC018: "an action property returned a non-boolean",
  MC019: "temporal properties cannot be checked with this search (--strategy dfs)",
  MC020: "bad command-line usage (unknown flag or command, missing argument)",
  MC021: "bad --strategy",
  MC022: "bad --const (unknown constant, malformed NAME=VALUE, or a value of the wrong type)",
  MC023: "bad numeric option (--workers, --max-states, --max-depth)",
  MC024: "unknown --invariant or --property name",
  MC030: "the state space does not fit in memory",
  MC040: "results/ file missing or malformed",
  MC041: "cannot write an output file",
  MC042: "bad output file name (--trace FILE's format follows its name; --emit-test wants FILE.test.ts)",
  MC043: "cannot read a trace file (missing, not JSON, or neither an ITF trace nor an mc JSON trace)",
  MC044: "a trace names an invariant or property the spec does not have",
  MC045: "the state graph is too big to draw (more states than mc graph --max-states)",
  MC050: "an action property threw or returned a non-boolean",
  MC073: "a state constraint (the spec's `constraints`) threw or returned a non-boolean",
  MC074: "a terminal predicate (the spec's `terminal`) threw or returned a non-boolean",
  MC075: "a --const value outside the constant's declared min/max",
  MC076: "checkSpec was given an option it does not know",
  MC056: "mc validate cannot read the log file (missing, unreadable, or a directory)",
  MC057: "a line of the log is not a trace line of the expected format, or the log lost events",
  MC058: "the spec declares no event mapping for mc validate (no view.log and no counter named page*)",
  MC059: "a bad mc validate flag (--format, --max-hidden)",
  MC060: "the spec's view.log is malformed (a page that is no counter, an event or action that does not exist)",
  MC051: "the spec is not symmetric under its declared symmetry (an initial state set, action, invariant, property or fairness entry treats an identity specially)",
  MC052: "a lasso found under symmetry did not close in real identities (check the property with --no-symmetry)",
  MC066: "cluster: cannot reach the NATS server (--cluster URL)",
  MC067: "cluster: a worker never joined the run, or no coordinator answered a worker's join (--join-timeout)",
  MC068: "cluster: a worker's spec source, constants or --nodes differ from the run's (compared by hash at join)",
  MC069: "cluster: a worker or the coordinator was lost mid-run (silent past --peer-timeout, restarted without checkpoints, or a request unanswered)",
  MC070: "cluster: a check the cluster mode does not support (temporal or action properties, symmetry, --strategy dfs, --max-states, --coverage)",
  MC071: "cluster: a checkpoint needed to resume is missing or damaged",
  MC072: "cluster: bad cluster flags (--cluster URL, --nodes, --index or JOB_COMPLETION_INDEX, --run)",
  MC061: "mc mutate: the original spec does not pass at these constants (mutation testing measures a spec that holds)",
  MC062: "mc mutate: the spec has no source of its own to mutate (no file under the spec's folder or src/kernel/ it imports)",
  MC063: "mc mutate: a mutant worker failed for a reason that is no verdict (it could not start or load the original spec)",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class McError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "McError";
    this.code = code;
  }
}

export function isMcError(e: unknown): e is McError {
  return e instanceof McError;
}

/** A short description of a thrown value for an error message, never a stack trace. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `non-Error value ${String(e)}`;
}

/**
 * An error as plain data, for a message between threads or processes (parallel workers, cluster
 * workers): an McError keeps its code; anything else is an internal error, described.
 */
export interface Thrown {
  readonly code: string;
  readonly message: string;
  readonly internal: boolean;
}

export function thrown(e: unknown): Thrown {
  const mc = e instanceof McError;
  return { code: mc ? e.code : "internal", message: mc ? e.message : describeThrown(e), internal: !mc };
}

/** The error a Thrown stands for, raised again on the receiving side. */
export function rethrown(t: Thrown): Error {
  return t.internal ? new Error(t.message) : new McError(t.code as ErrorCode, t.message);
}
