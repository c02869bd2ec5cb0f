// mc mutate end to end on the fixtures test/fixtures/mutate/ (their verdicts worked out by hand
// below) and on a kernel spec whose original fails. Child processes and 8 s safety-net mutants
// make it slow (about a minute): part of `npm run test:long` (MC_LONG=1).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mutate, type MutationReport } from "../../src/mutate/mutate.js";
import { mc } from "../helpers.js";
import { recordOf } from "../../src/cli/mutate-regress.js";
import { tempDir } from "../support/temp.js";

const long = process.env["MC_LONG"] === "1";
// made only when the tests run: vitest runs no hook of a file whose tests are all skipped, so a
// folder made regardless was left behind by every short run
const tmp = long ? tempDir("mc-mutate-test-") : "";
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!long)("mc mutate on the fixture", () => {
  let r: MutationReport;
  beforeAll(async () => {
    r = await mutate("test/fixtures/mutate/counter.ts", { jobs: 2, timeoutMs: 2000 });
  }, 300_000);
  const one = (diff: string, line?: number) => {
    const found = r.mutants.filter((m) => m.diff === diff && (line === undefined || m.line === line));
    expect(found, diff).toHaveLength(1);
    return found[0]!;
  };

  it("kills a get that takes away instead of adding, by the invariant, in one step", () => {
    expect(one("s.rc + 1 → s.rc - 1")).toMatchObject({ status: "killed", killedBy: "Balanced", steps: 1 });
  });
  it("lets a put that never drops survive: Put becomes a stutter, the holder keeps its reference, Balanced still holds", () => {
    // same states and counts as the original, but not the same edges: a survivor, not an equivalent
    expect(one("drop(t) → (t)").status).toBe("survived");
  });
  it("stops a mutant that loops forever inside an action at the loop budget, not the clock", () => {
    expect(one("i++ → i--")).toMatchObject({ status: "budget", stoppedBy: "loop" });
  });
  it("does not run mutants of code that never runs, nor count the checks' own code", () => {
    expect(one("2 → 3", 9).status).toBe("not-reached"); // unused()
    expect(r.mutants.filter((m) => m.line === 24).every((m) => m.status === "oracle")).toBe(true); // the invariant
  });
  it("counts a guard that disables an action as caught by the never-enabled warning", () => {
    expect(one("take(s) → (s)")).toMatchObject({ status: "killed", killedBy: "warning: action 'Put' is never enabled" });
  });
  it("mc regress --mutate reports a survivor that appeared since the record, and accepts the record as it is", { timeout: 300_000 }, async () => {
    const rec = recordOf(r, [], true);
    mkdirSync(join(tmp, "ok/mutate"), { recursive: true });
    // recorded where the wall clock stopped the endless loop first: undecided either way, no mismatch
    const loop = r.mutants.findIndex((m) => m.diff === "i++ → i--");
    expect(rec.verdicts[loop]).toBe("B");
    const clocked = rec.verdicts.slice(0, loop) + "T" + rec.verdicts.slice(loop + 1);
    writeFileSync(join(tmp, "ok/mutate/counter.json"), JSON.stringify({ ...rec, verdicts: clocked }));
    // a record from before a weakening: one survivor fewer, one more killed
    mkdirSync(join(tmp, "old/mutate"), { recursive: true });
    const first = r.mutants.findIndex((m) => m.status === "survived");
    const verdicts = rec.verdicts.slice(0, first) + "K" + rec.verdicts.slice(first + 1);
    writeFileSync(join(tmp, "old/mutate/counter.json"), JSON.stringify({ ...rec, verdicts, survivors: rec.survivors.slice(1), counts: { ...rec.counts, survived: rec.counts.survived - 1, killed: rec.counts.killed + 1 } }));
    const same = await mc("regress", "--mutate", "--results", join(tmp, "ok"));
    expect(same.code, same.out).toBe(0);
    const drift = await mc("regress", "--mutate", "--results", join(tmp, "old"));
    expect(drift.code).toBe(1);
    expect(drift.out).toContain(`new survivor (recorded killed): ${rec.survivors[0]}`);
  });
  it("scores killed over killed + survived + timeout + budget + crashed", () => {
    const c = r.counts;
    expect(c.total).toBe(r.mutants.length);
    expect(r.score).toBeCloseTo(c.killed / (c.killed + c.survived + c.timeout + c.budget + c.crashed));
  });
});

describe.skipIf(!long)("mc mutate on mutants that run away (test/fixtures/mutate/runaway.ts)", () => {
  let r: MutationReport;
  beforeAll(async () => {
    // a small heap so the exploding mutant dies within a second or two, whatever the load
    r = await mutate("test/fixtures/mutate/runaway.ts", { jobs: 2, timeoutMs: 8000, heapMiB: 256 });
  }, 300_000);
  const one = (diff: string, file = "runaway.ts", line?: number) => {
    const found = r.mutants.filter((m) => m.diff === diff && m.file.endsWith(file) && (line === undefined || m.line === line));
    expect(found.length, diff).toBeGreaterThan(0);
    return found;
  };

  it("a mutant whose memory explodes is over budget (heap) in its own child; the run goes on", () => {
    // on worker threads a heap exhaustion is V8's fatal error of the whole process, or a timeout
    expect(one("k++ → k--")).toMatchObject([{ status: "budget", stoppedBy: "heap" }]);
    expect(r.counts.killed).toBeGreaterThan(20);
  });
  it("a mutant that makes another file's loop endless is stopped by the wall-clock safety net", () => {
    // spin(1 - s.n) → spin(0 - s.n): spin.ts counts up towards -1; spin.ts's own loop is unmutated
    const [guard, arg] = one("1 → 0", "runaway.ts", 21); // s.n === 0 (killed: deadlock), then spin(0 - s.n)
    expect(guard!.status).toBe("killed");
    expect(arg).toMatchObject({ status: "timeout", stoppedBy: "wall clock" });
    expect(one("s.n === 1 → true")).toMatchObject([{ status: "timeout", stoppedBy: "wall clock" }]);
  });
  it("a loop the mutant itself made endless stops at the loop budget, within the time of a normal check", () => {
    const [m] = one("0 → 1", "spin.ts");
    expect(m).toMatchObject({ status: "budget", stoppedBy: "loop" });
    expect(m!.ms).toBeLessThan(5000);
  });
  it("counts the undecided in the score's denominator", () => {
    const c = r.counts;
    expect(c.budget).toBe(2);
    expect(r.score).toBeCloseTo(c.killed / (c.killed + c.survived + c.timeout + c.budget + c.crashed));
  });
});

describe.skipIf(!long)("the equivalence digest (test/fixtures/mutate/named.ts)", () => {
  let r: MutationReport;
  beforeAll(async () => {
    r = await mutate("test/fixtures/mutate/named.ts", { jobs: 2 });
  }, 300_000);
  const at = (line: number, diff: string) => r.mutants.filter((m) => m.line === line && m.diff === diff).map((m) => m.status);

  it("a mutant that only renames the actions, or only reorders the table, is an equivalent candidate", () => {
    expect(at(10, "1 → 2")).toEqual(["equivalent"]);
    expect(at(11, "true → false")).toEqual(["equivalent"]);
  });
  it("a mutant that drops an action's fairness is not: the same edges under another fairness", () => {
    expect(at(12, "true → false")).toEqual(["survived"]);
  });
});

describe.skipIf(!long)("mc mutate on the command line", () => {
  it("prints the score and the survivors, writes the HTML page, and refuses a failing spec with MC061", { timeout: 300_000 }, async () => {
    const html = join(tmp, "m.html");
    const t = await mc("mutate", "test/fixtures/mutate/counter.ts", "--jobs", "2", "--timeout", "2", "--html", html);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(/Mutation score \d+\.\d%/);
    expect(t.out).toMatch(/Survivors \(\d+\): all invariants and properties hold, at defaults\n/);
    expect(t.out).toMatch(/\n  test\/fixtures\/mutate\/counter\.ts:18 +removed-call +drop\(t\) → \(t\)\n/);
    expect(existsSync(html) && readFileSync(html, "utf8")).toContain("<td>survived</td>");
    const bad = await mc("mutate", "specs/fsdax-idle/felixB.ts", "--json");
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).error.code).toBe("MC061");
  });
});
