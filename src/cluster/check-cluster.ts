// The cluster mode's entry points: what it refuses (MC070), the hash every worker must match at
// join, the coordinator's check (a CheckResult like check()'s, built by the same resultOf), one
// worker's part, and the whole cluster inside one process over the in-process bus (tests, API).

import { createHash } from "node:crypto";
import { initHash } from "../fingerprint/hash.js";
import { compile, type Model } from "../model/compile.js";
import { selectChecks } from "../model/select.js";
import { McError } from "../result/errors.js";
import type { CheckListener, CheckResult } from "../result/result.js";
import type { Spec } from "../spec/types.js";
import { resultOf } from "../explore/check.js";
import { resolveOptions, type CheckOptions, type ResolvedOptions } from "../explore/options.js";
import { coordinate, type LevelStats } from "./coordinator.js";
import { DEFAULT_TIMEOUTS, type ClusterTimeouts } from "./timeouts.js";
import { InProcessBus, type Transport } from "./transport.js";
import { ClusterWorker } from "./worker.js";

export interface ClusterSetup {
  readonly run: string;
  readonly nodes: number;
  readonly timeouts?: Partial<ClusterTimeouts>;
  /** Bytes a successor batch collects before it is sent (default 64 KiB). */
  readonly batchBytes?: number;
  /** The spec's source text, hashed with the constants so that every worker checks the same thing. */
  readonly source: string;
}

export interface ClusterResult {
  readonly result: CheckResult;
  readonly levels: readonly LevelStats[];
  readonly redone: number;
}

/** Compiles the spec as the cluster runs it, refusing what the cluster mode cannot check the same way (MC070). */
export async function clusterModel<S>(spec: Spec<S>, options: CheckOptions): Promise<{ model: Model; opts: ResolvedOptions }> {
  const opts = resolveOptions(options, 1);
  await initHash();
  const model = selectChecks(compile(spec as Spec<unknown>, opts.constants, opts.file, { symmetry: opts.symmetry }), opts.select);
  const refuse = (what: string, fix = "leave it out, or run the check on one machine (without --cluster)"): never => {
    throw new McError("MC070", `${model.file}: the cluster mode does not check ${what}; ${fix}.`);
  };
  const onlyInvariants = `check only the invariants (--invariant ${model.invariantNames[0] ?? "NAME"} ...), or run the check on one machine (without --cluster)`;
  if (model.propertyNames.length > 0) refuse(`temporal properties (${model.propertyNames.join(", ")}): liveness needs the whole state graph in one place`, onlyInvariants);
  if (model.actionPropertyNames.length > 0) refuse(`action properties (${model.actionPropertyNames.join(", ")})`, onlyInvariants);
  if (model.symmetry !== null) refuse("a spec's declared symmetry: it explores the full state space and does not reduce by symmetry", "run it with --no-symmetry, or on one machine (without --cluster)");
  if (model.constraints.length > 0) refuse(`state constraints (${model.constraintNames.join(", ")})`);
  if (model.terminals.length > 0) refuse(`terminal states (${model.terminalNames.join(", ")})`);
  if (opts.strategy !== "bfs") refuse("--strategy dfs: it is a breadth-first search, level by level");
  if (opts.maxStates !== Infinity) refuse("--max-states (where one machine stops inside a level depends on a global count); use --max-depth");
  if (opts.coverage) refuse("--coverage");
  if (opts.workers > 1) refuse("--workers (each cluster worker is one process; add workers with --nodes)");
  return { model, opts };
}

/** What every worker must agree on: the spec's source and the resolved constants and checks. */
export function runHash(model: Model, source: string): { hash: string; describe: string } {
  const consts = Object.entries(model.constants).map(([k, v]) => `${k}=${String(v)}`).join(" ");
  const checks = `invariants ${model.invariantNames.join(",") || "(none)"}`;
  const sourceHash = createHash("sha256").update(source).digest("hex");
  const hash = createHash("sha256").update(JSON.stringify([sourceHash, model.constants, model.invariantNames, model.actionNames])).digest("hex").slice(0, 16);
  return { hash, describe: `${model.file} (source sha256 ${sourceHash.slice(0, 12)}, constants ${consts || "(none)"}, ${checks})` };
}

const timeoutsOf = (s: ClusterSetup): ClusterTimeouts => ({ ...DEFAULT_TIMEOUTS, ...s.timeouts });

/** The coordinator's part: the run from joining to the verdict. */
export async function coordinateCheck<S>(spec: Spec<S>, options: CheckOptions, t: Transport, setup: ClusterSetup, listener: CheckListener = {}): Promise<ClusterResult> {
  const { model, opts } = await clusterModel(spec, options);
  const { hash, describe } = runHash(model, setup.source);
  listener.onStart?.({ spec: model.name, strategy: opts.strategy, workers: setup.nodes, constants: model.constants });
  const started = performance.now();
  const out = await coordinate(model, opts, t, { run: setup.run, nodes: setup.nodes, hash, describe, timeouts: timeoutsOf(setup) }, listener);
  return { result: { ...resultOf(model, opts, out, started), workers: setup.nodes }, levels: out.levels, redone: out.redone };
}

/** One worker's part, until the coordinator ends the run. */
export async function runWorker<S>(spec: Spec<S>, options: CheckOptions, t: Transport, setup: ClusterSetup & { readonly index: number; readonly checkpointDir?: string }): Promise<void> {
  const { model, opts } = await clusterModel(spec, options);
  const { hash, describe } = runHash(model, setup.source);
  const w = new ClusterWorker(model, t, {
    run: setup.run,
    nodes: setup.nodes,
    index: setup.index,
    hash,
    describe,
    deadlock: opts.deadlock,
    ...(setup.checkpointDir !== undefined ? { checkpointDir: setup.checkpointDir } : {}),
    batchBytes: setup.batchBytes ?? 64 << 10,
    timeouts: timeoutsOf(setup),
  });
  await w.run();
}

/**
 * The whole cluster in this process: `nodes` workers and the coordinator, each with its own
 * endpoint of one in-process bus, or of what `connect` gives (a NATS connection each, in tests).
 */
export async function checkInProcess<S>(spec: Spec<S>, options: CheckOptions, nodes: number, extra: Partial<ClusterSetup> = {}, connect?: () => Promise<Transport>): Promise<ClusterResult> {
  const bus = new InProcessBus();
  const endpoint = connect ?? (async () => bus.endpoint());
  const setup: ClusterSetup = { run: "local", nodes, source: "", ...extra };
  const ends = await Promise.all([...Array(nodes + 1).keys()].map(() => endpoint()));
  try {
    const workers = [...Array(nodes).keys()].map((index) => runWorker(spec, options, ends[index]!, { ...setup, index }));
    const coord = coordinateCheck(spec, options, ends[nodes]!, setup);
    const [res] = await Promise.all([coord, ...workers.map((w) => w.catch((e: unknown) => e))]);
    return res;
  } finally {
    await Promise.all(ends.map((t) => t.close()));
  }
}
