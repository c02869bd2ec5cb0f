// `mc cluster worker <spec>`: one worker of a distributed check over NATS (the command a
// Kubernetes Indexed Job's pods run, and the one `mc check --cluster` starts N times locally);
// worker 0 also coordinates and prints the verdict as `mc check` does. `mc cluster up`: runs
// a NATS server on this machine for local clusters.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Argv } from "yargs";
import { DEFAULT_TIMEOUTS, type ClusterTimeouts } from "../cluster/timeouts.js";
import { parseConstFlags } from "../model/constants.js";
import { loadSpec, requireFile } from "../model/load-spec.js";
import { McError } from "../result/errors.js";
import { errorJson, toJson } from "../report/json.js";
import { progressLine } from "../report/progress.js";
import { styleFor } from "../report/style.js";
import { formatResult, header } from "../report/text.js";
import { BackgroundTypecheck } from "./background-typecheck.js";
import { EXIT, fail, type Io } from "./main.js";
import { checkOutputNames, writeOutputs } from "./output-flags.js";
import { catchInterrupts, INTERRUPT_EXIT } from "./interrupt.js";

export interface WorkerArgs {
  readonly spec: string;
  readonly url: string;
  readonly nodes: number;
  /** --index, else JOB_COMPLETION_INDEX (a Kubernetes Indexed Job's). */
  readonly index: number | undefined;
  readonly run: string;
  /** A folder, or false for --no-checkpoints. */
  readonly checkpointDir: string | false;
  readonly consts: readonly string[];
  readonly invariants: readonly string[];
  readonly deadlock: boolean;
  /** --no-symmetry: false. The cluster explores the full state space, so a spec that declares symmetry needs it. */
  readonly symmetry: boolean;
  readonly maxDepth: number | undefined;
  readonly maxStates: number | undefined;
  readonly strategy: string;
  readonly json: boolean;
  readonly trace?: string | undefined;
  readonly typecheck: boolean;
  /** Seconds. */
  readonly joinTimeout: number;
  readonly peerTimeout: number;
  readonly connectTimeout: number;
  /** Print the per-level table (time, messages, bytes, peak memory) on stderr at the end. */
  readonly stats: boolean;
}

/** The flags `mc check --cluster` and `mc cluster worker` share (seconds for timeouts). */
export const clusterFlags = {
  nodes: { type: "number", describe: "number of cluster workers (owners of fp mod N)" },
  run: { type: "string", describe: "run id: names the NATS subjects (default: $MC_RUN, or a fresh id locally)" },
  "checkpoint-dir": { type: "string", describe: "where each worker writes its per-level checkpoints (default: the system's temp folder)" },
  checkpoints: { type: "boolean", default: true, describe: "write per-level checkpoints (--no-checkpoints: a restarted worker cannot rejoin)" },
  "join-timeout": { type: "number", default: DEFAULT_TIMEOUTS.joinMs / 1000, describe: "seconds for every worker to join (and to rejoin after a restart)" },
  "peer-timeout": { type: "number", default: DEFAULT_TIMEOUTS.peerMs / 1000, describe: "seconds of silence after which a worker or the coordinator is taken for lost" },
  "connect-timeout": { type: "number", default: DEFAULT_TIMEOUTS.connectMs / 1000, describe: "seconds to reach the NATS server" },
  "cluster-stats": { type: "boolean", default: false, describe: "print per-level time, messages, bytes and worker memory on stderr" },
} as const;

export function clusterCommand(y: Argv, run: (a: { action: string; worker?: WorkerArgs; port: number; addr: string }) => void): Argv {
  return y.command(
    "cluster <action> [spec]",
    "distributed checking over NATS: `worker <spec>` runs one worker (index from --index or JOB_COMPLETION_INDEX); `up` runs a local NATS server",
    (c) =>
      c
        .positional("action", { type: "string", choices: ["worker", "up"], demandOption: true })
        .positional("spec", { type: "string", describe: "the spec file (.ts), for worker" })
        .option("cluster", { type: "string", default: process.env["MC_NATS_URL"] ?? "nats://127.0.0.1:4222", describe: "the NATS server's URL (default $MC_NATS_URL)" })
        .option("index", { type: "number", describe: "this worker's index, 0..nodes-1 (default $JOB_COMPLETION_INDEX)" })
        .option("const", { type: "string", array: true, default: [] as string[] })
        .option("invariant", { type: "string", array: true, default: [] as string[] })
        .option("deadlock", { type: "boolean", default: true })
        .option("symmetry", { type: "boolean", default: true })
        .option("max-depth", { type: "number" })
        .option("max-states", { type: "number" })
        .option("strategy", { type: "string", default: "bfs" })
        .option("json", { type: "boolean", default: false })
        .option("trace", { type: "string" })
        .option("typecheck", { type: "boolean", default: true })
        .option("port", { type: "number", default: 4222, describe: "for up: the port" })
        .option("addr", { type: "string", default: "127.0.0.1", describe: "for up: the address to listen on" })
        .options(clusterFlags),
    (a) => {
      const worker: WorkerArgs | undefined =
        a.action === "worker"
          ? {
              spec: String(a.spec ?? ""),
              url: a.cluster,
              nodes: a.nodes ?? NaN,
              index: a.index ?? indexFromEnv(),
              run: a.run ?? process.env["MC_RUN"] ?? "default",
              checkpointDir: a.checkpoints ? (a["checkpoint-dir"] ?? join(tmpdir(), "mc-cluster")) : false,
              consts: a.const.map(String),
              invariants: a.invariant.map(String),
              deadlock: a.deadlock,
              symmetry: a.symmetry,
              maxDepth: a["max-depth"],
              maxStates: a["max-states"],
              strategy: a.strategy,
              json: a.json,
              trace: a.trace,
              typecheck: a.typecheck,
              joinTimeout: a["join-timeout"],
              peerTimeout: a["peer-timeout"],
              connectTimeout: a["connect-timeout"],
              stats: a["cluster-stats"],
            }
          : undefined;
      run({ action: a.action, ...(worker ? { worker } : {}), port: a.port, addr: a.addr });
    },
  );
}

function indexFromEnv(): number | undefined {
  const v = process.env["JOB_COMPLETION_INDEX"];
  return v === undefined || v === "" ? undefined : Number(v);
}

/** Checks the cluster flags; MC072 names the bad one. */
export function checkClusterFlags(a: { url: string; nodes: number; index?: number | undefined; run: string }, worker: boolean): void {
  const bad = (m: string): never => {
    throw new McError("MC072", m);
  };
  if (!/^nats:\/\/[^\s/]+$/.test(a.url)) bad(`--cluster ${a.url}: expected a NATS URL such as nats://127.0.0.1:4222.`);
  if (!Number.isInteger(a.nodes) || a.nodes < 1 || a.nodes > 1024) bad(`--nodes ${String(a.nodes)}: expected the number of workers, a whole number from 1 to 1024.`);
  if (worker && (a.index === undefined || !Number.isInteger(a.index) || a.index < 0 || a.index >= a.nodes)) {
    bad(`this worker's index ${String(a.index)} (--index, or JOB_COMPLETION_INDEX) must be a whole number from 0 to ${a.nodes - 1} (--nodes ${a.nodes}).`);
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(a.run)) bad(`--run ${a.run}: a run id is 1-64 letters, digits, '-' or '_' (it names NATS subjects).`);
}

export async function runClusterWorker(a: WorkerArgs, io: Io): Promise<number> {
  try {
    requireFile(a.spec);
    checkClusterFlags(a, true);
    if (a.trace !== undefined) checkOutputNames(a);
    const options = { strategy: a.strategy, deadlock: a.deadlock, symmetry: a.symmetry, constants: parseConstFlags(a.consts), maxDepth: a.maxDepth, maxStates: a.maxStates, file: a.spec, invariants: a.invariants };
    const timeouts: ClusterTimeouts = { ...DEFAULT_TIMEOUTS, joinMs: a.joinTimeout * 1000, peerMs: a.peerTimeout * 1000, connectMs: a.connectTimeout * 1000 };
    const coordinator = a.index === 0;
    // Ctrl-C or SIGTERM: the coordinator ends the run and prints what the completed levels reached
    const interrupt = coordinator ? catchInterrupts() : undefined;
    const tc = coordinator && a.typecheck ? new BackgroundTypecheck([a.spec]) : undefined;
    const spec = await loadSpec(a.spec);
    // The cluster engine and the NATS client load only for a cluster worker, not at every mc start-up.
    const [{ coordinateCheck, runWorker }, { natsTransport }] = await Promise.all([import("../cluster/check-cluster.js"), import("../cluster/nats-transport.js")]);
    const t = await natsTransport({ url: a.url, connectTimeoutMs: timeouts.connectMs, reconnectForMs: timeouts.peerMs });
    const setup = { run: a.run, nodes: a.nodes, timeouts, source: readFileSync(a.spec, "utf8") };
    const checkpointDir = a.checkpointDir === false ? undefined : join(a.checkpointDir, a.run, `worker-${a.index!}`);
    try {
      const mine = runWorker(spec, options, t, { ...setup, index: a.index!, ...(checkpointDir ? { checkpointDir } : {}) });
      if (!coordinator) {
        await mine;
        return EXIT.ok;
      }
      // the coordinator reports the run's failure; this worker's own cause goes to stderr
      mine.catch((e: unknown) => io.err(`mc: worker 0 stopped: ${e instanceof Error ? e.message : String(e)}\n`));
      const { result, levels, redone } = await coordinateCheck(spec, { ...options, signal: interrupt!.signal }, t, setup, {
        onStart: (info) => {
          if (!a.json) io.out(header({ ...info, file: a.spec, deadlock: a.deadlock }));
        },
        onProgress: (p) => {
          tc?.poll();
          io.err(progressLine(p) + "\n");
        },
      });
      if (result.verdict !== "interrupted") await tc?.done();
      tc?.dispose();
      io.out(a.json ? JSON.stringify(toJson(result)) + "\n" : formatResult(result, styleFor(io.tty && !a.json)));
      if (result.verdict === "interrupted") return INTERRUPT_EXIT[interrupt!.caught ?? "SIGINT"];
      if (a.stats) {
        io.err(`mc: cluster of ${a.nodes}: ${levels.length} levels, ${redone} redone\n  level   new states      ms   messages      bytes   peak RSS MiB per worker\n`);
        for (const l of levels) io.err(`  ${String(l.level).padStart(5)} ${String(l.newStates).padStart(12)} ${String(l.ms).padStart(7)} ${String(l.msgs).padStart(10)} ${String(l.bytes).padStart(10)}   ${l.rssBytes.map((b) => (b / 2 ** 20).toFixed(0)).join(" ")}\n`);
      }
      writeOutputs(a, result, { strategy: a.strategy, deadlock: a.deadlock, maxStates: a.maxStates, maxDepth: a.maxDepth }, io);
      return result.verdict === "ok" ? EXIT.ok : result.verdict === "violation" ? EXIT.violation : EXIT.bounded;
    } finally {
      interrupt?.release();
      await t.close();
    }
  } catch (e) {
    if (a.json && a.index === 0 && e instanceof McError) io.out(JSON.stringify(errorJson(a.spec, e.code, e.message)) + "\n");
    return fail(e, io);
  }
}

/** `mc cluster up`: nats-server in the foreground, as the docs start it. */
export async function runClusterUp(a: { port: number; addr: string }, io: Io): Promise<number> {
  io.err(`mc: starting nats-server -a ${a.addr} -p ${a.port} (Ctrl-C stops it)\n`);
  return new Promise((resolve) => {
    const p = spawn("nats-server", ["-a", a.addr, "-p", String(a.port)], { stdio: "inherit" });
    p.on("error", () => resolve(fail(new McError("MC066", `mc cluster up: cannot start nats-server (is it installed? \`apt-get install -y nats-server\`).`), io)));
    p.on("exit", (code) => resolve(code ?? EXIT.ok));
  });
}
