// Ctrl-C and SIGTERM during long runs: the real bin in a child process, the signal sent once the
// run is under way. The run stops cleanly (summary so far, verdict "interrupted", exit 130 or
// 143, no stack trace, one JSON object with --json) and leaves no process behind; an interrupted
// `mc regress --update` writes no partial result file.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/temp.js";
import { check, type Spec } from "../../src/index.js";
import devpriv from "../../specs/devpriv.js";
import jugs from "../fixtures/jugs.js";

const ROOT = resolve(import.meta.dirname, "../..");

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  /** Milliseconds from the signal to the exit. */
  stopMs: number;
}

/** Runs bin/mc.js, sends `sig` once `ready(stdout, stderr)` holds, and waits for the exit. */
function runAndSignal(args: string[], sig: NodeJS.Signals, ready: (out: string, err: string) => boolean, env: NodeJS.ProcessEnv = process.env): Promise<Ended> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "bin/mc.js"), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let sentAt = 0;
  return new Promise((done, fail) => {
    const poke = (): void => {
      if (sentAt === 0 && ready(out, err)) {
        sentAt = Date.now();
        child.kill(sig);
      }
    };
    const poll = setInterval(poke, 100);
    child.stdout!.on("data", (d) => ((out += d), poke()));
    child.stderr!.on("data", (d) => ((err += d), poke()));
    child.on("error", fail);
    child.on("exit", (code, signal) => {
      clearInterval(poll);
      // let the pipes drain
      setTimeout(() => done({ code, signal, out, err, stopMs: Date.now() - sentAt }), 50);
    });
  });
}

/** Processes whose command line mentions `text` (a path unique to one test). */
function processesMentioning(text: string): string[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes(text));
}

/** A spec file in a fresh folder that re-exports devpriv: its path names this run only. */
function longSpec(): string {
  const dir = tempDir("mc-interrupt-");
  const file = join(dir, "long.ts");
  writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`); // .ts files here are ES modules
  writeFileSync(file, `export { default } from ${JSON.stringify(join(ROOT, "specs/devpriv.ts"))};\n`);
  return file;
}

const long = ["--no-typecheck", "--const", "P=5", "--const", "T=8"];
const progressed = (_out: string, err: string): boolean => /distinct [\d,]+, generated/.test(err);

describe.concurrent("interrupting mc check", () => {
  it("SIGINT: the summary so far, verdict interrupted, exit 130, no stack trace, nothing left running", async () => {
    const spec = longSpec();
    const r = await runAndSignal(["check", spec, ...long], "SIGINT", progressed);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.out).toContain("… Interrupted: incomplete.");
    expect(r.out).toMatch(/verdict {5}interrupted: incomplete\n {2}distinct {4}[1-9][\d,]* states/);
    expect(r.err).not.toMatch(/\n\s+at |Error/);
    expect(r.stopMs).toBeLessThan(5000);
    expect(processesMentioning(spec)).toEqual([]);
  });

  it("SIGTERM with two workers and --json: exactly one object with the counts reached, exit 143", async () => {
    const spec = longSpec();
    const r = await runAndSignal(["check", spec, ...long, "--workers", "2", "--json"], "SIGTERM", progressed);
    expect(r.code).toBe(143);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!);
    expect(j).toMatchObject({ verdict: "interrupted", workers: 2 });
    expect(j.distinctStates).toBeGreaterThan(0);
    expect(j.generatedStates).toBeGreaterThanOrEqual(j.distinctStates);
    expect(j.violation).toBeUndefined();
    expect(r.err).not.toMatch(/\n\s+at |Error/);
    expect(r.stopMs).toBeLessThan(5000);
    expect(processesMentioning(spec)).toEqual([]);
  });

  it("an interrupted mc regress --update writes no partial result file", async () => {
    const dir = tempDir("mc-regress-int-");
    mkdirSync(join(dir, "specs"));
    mkdirSync(join(dir, "results"));
    writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`);
    const marker = join(dir, "slow-started");
    // A counter without end in its SLOW configuration; its init marks when that one starts.
    writeFileSync(
      join(dir, "specs/count.ts"),
      `import { writeFileSync } from "node:fs";
import { defineSpec } from ${JSON.stringify(join(ROOT, "src/index.ts"))};
export default defineSpec({
  name: "count",
  constants: { SLOW: false },
  init: ({ SLOW }) => { if (SLOW) writeFileSync(${JSON.stringify(marker)}, ""); return [0]; },
  actions: ({ SLOW }) => ({ Step: (x: number) => (SLOW || x < 5 ? x + 1 : null) }),
});
`,
    );
    const resultFile = join(dir, "results/count.json");
    const before = JSON.stringify({ spec: "count", runs: [{ flags: ["--no-deadlock"] }, { flags: ["--no-deadlock", "--const", "SLOW=true"] }] }, null, 2);
    writeFileSync(resultFile, before);
    const r = await runAndSignal(["regress", "--update", "--specs", join(dir, "specs"), "--results", join(dir, "results")], "SIGINT", () => existsSync(marker));
    expect(r.code).toBe(130);
    expect(r.out).toMatch(/count\.ts\s+--no-deadlock\s+-\s+ok 6\/6\/6/); // the first configuration was checked
    expect(r.out).toContain("interrupted (SIGINT)");
    expect(r.err).not.toMatch(/\n\s+at |Error/);
    expect(readFileSync(resultFile, "utf8")).toBe(before);
    expect(readdirSync(join(dir, "results"))).toEqual(["count.json"]);
  });
});

describe("interrupting mc mutate", () => {
  it("SIGTERM: exit 143, one line saying so, and no mirror folder left in the temporary directory", async () => {
    const tmp = tempDir("mc-interrupt-mutate-");
    const mirrors = (): string[] => readdirSync(tmp).filter((f) => f.startsWith("mc-mutate-"));
    // runaway.ts has a mutant that hangs until the wall clock: the run is still going when signalled
    const started = (): boolean => mirrors().some((m) => readdirSync(join(tmp, m)).length > 0);
    const r = await runAndSignal(["mutate", "test/fixtures/mutate/runaway.ts", "--jobs", "1", "--timeout", "60"], "SIGTERM", started, { ...process.env, TMPDIR: tmp });
    expect(r.code).toBe(143);
    expect(r.err).toContain("mc mutate: interrupted by SIGTERM");
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(mirrors()).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
  }, 60_000);
});

describe("check() with an AbortSignal", () => {
  for (const workers of [1, 2]) {
    it(`stops with the verdict interrupted and the counts reached (${workers} worker${workers > 1 ? "s" : ""})`, async () => {
      const ac = new AbortController();
      const r = await check(devpriv as Spec<unknown>, { file: "specs/devpriv.ts", workers, constants: { P: 5, T: 8 }, progressIntervalMs: 200, signal: ac.signal }, { onProgress: () => ac.abort() });
      expect(r.verdict).toBe("interrupted");
      expect(r.distinctStates).toBeGreaterThan(0);
      expect(r.distinctStates).toBeLessThan(4_354_992);
      expect(r.violation).toBeUndefined();
    });
  }

  it("one signal serves many parallel checks (as in mc regress) without piling up listeners", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): number => warnings.push(w.message);
    process.on("warning", onWarning);
    const ac = new AbortController();
    for (let i = 0; i < 11; i++) await check(jugs as Spec<unknown>, { workers: 2, file: "test/fixtures/jugs.ts", signal: ac.signal });
    await new Promise((r) => setTimeout(r, 50));
    process.off("warning", onWarning);
    expect(warnings).toEqual([]);
  });

  it("a signal aborted before the start explores nothing", async () => {
    const r = await check(devpriv as Spec<unknown>, { signal: AbortSignal.abort() });
    expect(r).toMatchObject({ verdict: "interrupted", distinctStates: 0, generatedStates: 0 });
  });
});
