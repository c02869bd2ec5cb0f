// Against a real nats-server (the long suite; .ci/run installs it): a worker process killed
// with SIGKILL mid-run and restarted with the same index (as a Kubernetes Job restarts a failed
// index) resumes from its checkpoints, and a NATS server restart mid-level makes the level be
// redone; either way the run ends with exactly the one-machine answer, trace included.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { toJson } from "../../src/report/json.js";
import grid from "../fixtures/grid.js";
import { NatsServer, natsInstalled } from "./nats-server.js";
import { tempDir } from "../support/temp.js";

const LONG = process.env["MC_LONG"] === "1" && natsInstalled;
const SPEC = "test/fixtures/grid.ts";
const CONSTS = ["--const", "W=40", "--const", "TX=39", "--const", "TY=38"];

interface Proc {
  p: ChildProcess;
  out: string;
  err: string;
  code: Promise<number>;
}

function mcProcess(args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const p = spawn(process.execPath, ["bin/mc.js", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const r: Proc = { p, out: "", err: "", code: Promise.resolve(0) };
  p.stdout!.on("data", (d: Buffer) => (r.out += d.toString()));
  p.stderr!.on("data", (d: Buffer) => (r.err += d.toString()));
  r.code = new Promise((res) => p.on("exit", (c, sig) => res(c ?? (sig ? 128 : 2))));
  return r;
}

async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const by = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > by) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const strip = (j: object): object => ({ ...j, timeMs: 0, workers: 0 });

describe.runIf(LONG)("cluster faults against a real nats-server", () => {
  let nats: NatsServer;
  let dir: string;
  let expected: object;
  beforeAll(async () => {
    nats = await NatsServer.start();
    dir = tempDir("mc-cluster-test-");
    expected = strip(toJson(await check(grid, { file: SPEC, constants: { W: "40", TX: "39", TY: "38" } })));
  });
  afterAll(async () => {
    await nats?.down();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a worker killed with SIGKILL mid-run and restarted with its index resumes; same answer", async () => {
    const run = "kill";
    const args = (i: number): [string[], NodeJS.ProcessEnv] => [["cluster", "worker", SPEC, ...CONSTS, "--cluster", nats.url, "--nodes", "3", "--run", run, "--checkpoint-dir", dir, "--json", "--no-typecheck"], { JOB_COMPLETION_INDEX: String(i) }];
    const ws = [0, 1, 2].map((i) => mcProcess(...args(i)));
    const mark = join(dir, run, "worker-1", "depth-00030.bin");
    await until(() => existsSync(mark));
    ws[1]!.p.kill("SIGKILL");
    expect(await ws[1]!.code).toBe(128);
    ws[1] = mcProcess(...args(1));
    const codes = await Promise.all(ws.map((w) => w.code));
    expect(codes, ws.map((w) => w.err).join("\n")).toEqual([1, 0, 0]);
    const got = JSON.parse(ws[0]!.out) as { violation: { trace: unknown[] } };
    expect(strip(got)).toEqual(expected);
    expect(got.violation.trace).toHaveLength(78);
  });

  it("mc check --cluster restarts a killed worker itself", async () => {
    const c = mcProcess(["check", SPEC, ...CONSTS, "--cluster", nats.url, "--nodes", "2", "--checkpoint-dir", dir, "--json", "--no-typecheck"]);
    await until(() => /worker 1 started \(pid (\d+)\)/.test(c.err) && /depth-000[2-9]\d/.test(readdirSafe(dir)));
    process.kill(Number(/worker 1 started \(pid (\d+)\)/.exec(c.err)![1]), "SIGKILL");
    expect(await c.code, c.err).toBe(1);
    expect(c.err).toMatch(/worker 1 was killed; restarting it/);
    expect(strip(JSON.parse(c.out) as object)).toEqual(expected);
  });

  it("a NATS server restart mid-run makes the level be redone; same answer", async () => {
    const c = mcProcess(["check", SPEC, ...CONSTS, "--cluster", nats.url, "--nodes", "2", "--run", "natsdown", "--checkpoint-dir", dir, "--json", "--no-typecheck", "--cluster-stats", "--peer-timeout", "15", "--join-timeout", "15"]);
    await until(() => existsSync(join(dir, "natsdown", "worker-0", "depth-00020.bin")));
    await nats.down();
    await nats.up();
    expect(await c.code, c.err).toBe(1);
    expect(strip(JSON.parse(c.out) as object)).toEqual(expected);
    const redone = Number(/(\d+) redone/.exec(c.err)?.[1]);
    expect(redone).toBeGreaterThanOrEqual(1);
  });
});

describe.runIf(LONG)("cluster worker processes", () => {
  it("rebuild a Record type they have only seen as bytes (by running the spec along the state's path key)", async () => {
    const nats = await NatsServer.start();
    try {
      const spec = (await import("../fixtures/late-record.js")).default;
      const want = strip(toJson(await check(spec, { file: "test/fixtures/late-record.ts" })));
      const c = mcProcess(["check", "test/fixtures/late-record.ts", "--cluster", nats.url, "--nodes", "3", "--json", "--no-typecheck", "--no-checkpoints"]);
      expect(await c.code, c.err).toBe(1);
      expect(strip(JSON.parse(c.out) as object)).toEqual(want);
    } finally {
      await nats.down();
    }
  });
});

function readdirSafe(dir: string): string {
  return readdirSync(dir, { recursive: true }).map(String).join("\n");
}
