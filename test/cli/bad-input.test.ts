// Every broken spec or flag exits 2 with one paragraph naming the file and the action,
// invariant or flag at fault, and never shows a stack frame from mc's own code.
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";

const broken = (name: string): string => fixture(`broken/${name}.ts`);

function expectCleanError(r: { code: number; out: string; err: string }, code: string, ...mentions: (string | RegExp)[]): void {
  expect(r.code).toBe(2);
  expect(r.err).toContain(`error ${code}`);
  for (const m of mentions) expect(r.err).toMatch(m);
  expect(r.err).not.toMatch(/^\s+at .*\(?\/.*src\/(cli|explore|model|fingerprint|report|result|spec)\//m);
  expect(r.err).not.toContain("internal error");
}

describe("broken specs exit 2 with a message naming the culprit", () => {
  it("missing file", async () => {
    expectCleanError(await mc("check", "specs/nope.ts"), "MC001", "specs/nope.ts");
  });

  it("syntax error", async () => {
    expectCleanError(await mc("check", broken("syntax-error"), "--no-typecheck"), "MC002", "syntax-error.ts");
  });

  it("type error (type-checked by default)", async () => {
    const r = await mc("check", broken("type-error"));
    expectCleanError(r, "MC003", /type-error\.ts:2:7 - error TS2322/, /not assignable to type\s+'number'/); // wrapped at 100 columns
  });

  it("an exception at the spec's top level", async () => {
    expectCleanError(await mc("check", broken("top-level-throws"), "--no-typecheck"), "MC002", "top-level-throws.ts", "table not filled");
  });

  it("a bare predicate where a named table is meant: MC005 shows the named form, even though the type check fails too", async () => {
    const r = await mc("check", broken("bare-terminal")); // type check on: its error is harder to read
    expectCleanError(r, "MC005", "bare-terminal.ts", "`terminal` is a function", "returned boolean false", "terminal: { Done: (s) => boolean }");
    expect(r.err).not.toContain("MC003");
    const t = await mc("check", broken("bare-invariant"), "--no-typecheck");
    expectCleanError(t, "MC005", "bare-invariant.ts", "`invariants` is a function", "threw TypeError", "invariants: { Safe: (s) => boolean }");
  });

  it("no default export", async () => {
    expectCleanError(await mc("check", broken("no-default"), "--no-typecheck"), "MC004", "no-default.ts", "export default defineSpec");
  });

  it("a default export not made by defineSpec", async () => {
    expectCleanError(await mc("check", broken("not-a-spec"), "--no-typecheck"), "MC004", "not-a-spec.ts");
  });

  it("empty init", async () => {
    expectCleanError(await mc("check", broken("empty-init"), "--no-typecheck"), "MC006", "empty-init.ts", "no initial states");
  });

  it("an action that throws names the action and the state", async () => {
    expectCleanError(await mc("check", broken("action-throws"), "--no-typecheck"), "MC011", "action-throws.ts", "action 'Explode'", "boom at two", "in state 2");
  });

  it("an action that returns a plain object", async () => {
    expectCleanError(await mc("check", broken("plain-object"), "--no-typecheck"), "MC010", "action 'MakeObject'", "plain object", "in state 0");
  });

  it("an action that returns a Promise", async () => {
    expectCleanError(await mc("check", broken("promise"), "--no-typecheck"), "MC010", "action 'Later'", "Promise");
  });

  it("an array with undefined in it", async () => {
    expectCleanError(await mc("check", broken("undefined-in-array"), "--no-typecheck"), "MC010", "action 'Branch'", "successor 1", "undefined");
  });

  it("an invariant that throws", async () => {
    expectCleanError(await mc("check", broken("invariant-throws"), "--no-typecheck"), "MC012", "invariant 'FirstPositive'", "in state []");
  });

  it("an invariant that returns a non-boolean", async () => {
    expectCleanError(await mc("check", broken("invariant-non-boolean"), "--no-typecheck"), "MC013", "invariant 'Counts'", "(number)");
  });

  it("a nondeterministic spec is caught when its trace is replayed", async () => {
    expectCleanError(await mc("check", broken("nondeterministic"), "--no-typecheck"), "MC014", "nondeterministic.ts");
  });
});

describe("bad flags exit 2", () => {
  const ok = fixture("counter.ts");

  it("unknown flag", async () => {
    expectCleanError(await mc("check", ok, "--frobnicate"), "MC020", "frobnicate");
  });

  it("unknown command and missing spec", async () => {
    expectCleanError(await mc("verify", ok), "MC020");
    expectCleanError(await mc("check"), "MC020", "spec");
  });

  it("bad --strategy", async () => {
    expectCleanError(await mc("check", ok, "--strategy", "random"), "MC021", "random", "bfs", "dfs");
  });

  it("bad --const: unknown name, malformed, wrong type", async () => {
    expectCleanError(await mc("check", ok, "--const", "M=3"), "MC022", "'M'", "N (default 5)");
    expectCleanError(await mc("check", ok, "--const", "N"), "MC022", "NAME=VALUE");
    expectCleanError(await mc("check", ok, "--const", "N=five"), "MC022", "number");
  });

  it("bad --workers and --max-states", async () => {
    expectCleanError(await mc("check", ok, "--workers", "0"), "MC023", "--workers");
    expectCleanError(await mc("check", ok, "--max-states", "-3"), "MC023", "--max-states");
  });
});

describe("JSON mode", () => {
  it("prints exactly one JSON object on stdout, also for an error", async () => {
    const r = await mc("check", broken("plain-object"), "--json", "--no-typecheck");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: "error", error: { code: "MC010" } });
  });
});

describe("a state space bigger than memory", () => {
  it("stops with MC030 and the counts so far, not a crash", async () => {
    for (const workers of ["1", "2"]) {
      const r = await mc("check", "specs/devpriv.ts", "--no-typecheck", "--const", "P=4", "--const", "T=8", "--memory", "60", "--workers", workers);
      expectCleanError(r, "MC030", "specs/devpriv.ts", /after [\d,]+ distinct states, [\d,]+ generated, depth \d+/, "--memory");
    }
  });

  it("a bad --memory is a usage error", async () => {
    expectCleanError(await mc("check", fixture("counter.ts"), "--memory", "0"), "MC023", "--memory");
  });
});
