// `mc check <spec> --cluster nats://HOST:PORT --nodes N`: starts N local processes running the
// very command a Kubernetes Indexed Job's pods run (`mc cluster worker`, the index in
// JOB_COMPLETION_INDEX), relays worker 0's verdict and exit code, and, as a Job would, restarts
// a worker that a signal killed (it resumes from its checkpoints).

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { CheckArgs } from "./check-command.js";
import { checkClusterFlags } from "./cluster-command.js";
import type { Io } from "./main.js";
import { requireFile } from "../model/load-spec.js";

export interface LaunchArgs {
  readonly url: string;
  readonly nodes: number;
  readonly run?: string | undefined;
  readonly checkpointDir?: string | undefined;
  readonly checkpoints?: boolean;
  /** Extra worker flags (timeouts, --cluster-stats), passed through as given. */
  readonly passThrough?: readonly string[];
}

const MC = fileURLToPath(new URL("../../bin/mc.js", import.meta.url));
/** Restarts of one worker killed by a signal, before the launcher gives up on it. */
const RESTARTS = 3;

/** The argv of worker processes: the same for every index (the index comes from the environment). */
export function workerArgv(a: CheckArgs, l: LaunchArgs, run: string): string[] {
  const argv = ["cluster", "worker", a.spec, "--cluster", l.url, "--nodes", String(l.nodes), "--run", run];
  for (const c of a.consts) argv.push("--const", c);
  for (const i of a.invariants) argv.push("--invariant", i);
  for (const p of a.properties) argv.push("--property", p);
  if (!a.deadlock) argv.push("--no-deadlock");
  if (a.symmetry === false) argv.push("--no-symmetry");
  if (a.maxDepth !== undefined) argv.push("--max-depth", String(a.maxDepth));
  if (a.maxStates !== undefined) argv.push("--max-states", String(a.maxStates));
  if (a.strategy !== "bfs") argv.push("--strategy", a.strategy);
  if (a.json) argv.push("--json");
  if (a.trace !== undefined) argv.push("--trace", a.trace);
  if (!a.typecheck) argv.push("--no-typecheck");
  if (l.checkpoints === false) argv.push("--no-checkpoints");
  if (l.checkpointDir !== undefined) argv.push("--checkpoint-dir", l.checkpointDir);
  return [...argv, ...(l.passThrough ?? [])];
}

export async function launchLocal(a: CheckArgs, l: LaunchArgs, io: Io): Promise<number> {
  requireFile(a.spec);
  const run = l.run ?? `local-${randomBytes(4).toString("hex")}`;
  checkClusterFlags({ url: l.url, nodes: l.nodes, run }, false);
  const argv = workerArgv(a, l, run);
  const children = new Map<number, ChildProcess>();
  const restarts = new Int32Array(l.nodes);
  let coordinatorCode: number | undefined;
  let stopping = false;
  const stopAll = (sig: NodeJS.Signals = "SIGTERM"): void => {
    stopping = true;
    for (const c of children.values()) c.kill(sig);
  };
  // the signal goes on to every worker: worker 0 prints the counts reached and exits 130 or 143
  const onInt = (): void => stopAll("SIGINT");
  const onTerm = (): void => stopAll("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    return await new Promise<number>((resolve) => {
      const start = (i: number): void => {
        const c = spawn(process.execPath, [MC, ...argv], { env: { ...process.env, JOB_COMPLETION_INDEX: String(i) }, stdio: ["ignore", "pipe", "pipe"] });
        children.set(i, c);
        io.err(`mc: worker ${i} started (pid ${c.pid})\n`);
        if (i === 0) c.stdout!.on("data", (d: Buffer) => io.out(d.toString()));
        else c.stdout!.resume();
        c.stderr!.on("data", (d: Buffer) => io.err(i === 0 ? d.toString() : prefix(i, d.toString())));
        c.on("exit", (code, signal) => {
          children.delete(i);
          if (signal === "SIGKILL" && !stopping && l.checkpoints !== false && restarts[i]! < RESTARTS && coordinatorCode === undefined) {
            restarts[i]!++;
            io.err(`mc: worker ${i} was killed; restarting it (it resumes from its checkpoints)\n`);
            return start(i);
          }
          if (i === 0) coordinatorCode = code ?? 2;
          if (i === 0 && children.size > 0) setTimeout(() => stopAll(), 5000).unref(); // the others end on the coordinator's word
          if (children.size === 0) resolve(coordinatorCode ?? 2);
        });
      };
      for (let i = 0; i < l.nodes; i++) start(i);
    });
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

function prefix(i: number, s: string): string {
  return s.replace(/^(?=.)/gm, `[worker ${i}] `);
}
