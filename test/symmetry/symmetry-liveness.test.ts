// Liveness under symmetry against the plain search: random specs symmetric by construction
// (random-sym-spec.ts) with fairness per rule and the four shapes of temporal property; the
// verdict with symmetry must be the verdict without, and every lasso found on the quotient must
// be a real, fair, violating behaviour (checked by test/support/lasso.ts and by replaying its
// trace file as `mc replay` does). A longer run with MC_DIFFERENTIAL_LONG=1 (npm run test:long).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import { compile } from "../../src/model/compile.js";
import { readTrace } from "../../src/replay/read-trace.js";
import { replayTrace } from "../../src/replay/replay-trace.js";
import { renderJsonTrace } from "../../src/report/trace-file.js";
import { assertValidLasso } from "../support/lasso.js";
import { symSpecOf, type SymDesc, type SymLive } from "./random-sym-spec.js";
import { tempDir } from "../support/temp.js";

const LONG = process.env["MC_DIFFERENTIAL_LONG"] === "1";
const SHAPES = ["eventually", "leadsTo", "infinitelyOften", "eventuallyAlways"] as const;
const dir = tempDir("mc-symlive-");

// Rules that keep a thread's counter and pass the lock on, or re-point a link, step into the
// state's own orbit: self-loops of the quotient, whose lassos close only after several passes.
const rule = (k: number) =>
  fc.integer({ min: 0, max: k - 1 }).chain((from) =>
    fc.record({
      from: fc.constant(from),
      to: fc.oneof(fc.constant(from), fc.integer({ min: 0, max: k - 1 })),
      lock: fc.constantFrom("any" as const, "take" as const, "release" as const, "held-elsewhere" as const, "pass" as const),
      // marks only grow: a rule that marks ends no cycle, so mostly not
      mark: fc.constantFrom(false, false, false, true),
      link: fc.constantFrom("none" as const, "none" as const, "point" as const, "clear" as const),
    }),
  );
const count = (k: number, n: number) => fc.record({ pc: fc.integer({ min: 0, max: k - 1 }), min: fc.integer({ min: 1, max: n }) });
const cases: fc.Arbitrary<{ d: SymDesc; live: SymLive }> = fc.record({ k: fc.integer({ min: 2, max: 3 }), n: fc.integer({ min: 2, max: 3 }) }).chain(({ k, n }) =>
  fc.record({
    d: fc.record({
      n: fc.constant(n),
      k: fc.constant(k),
      // a lock taken and passed round in most specs, then rules at random
      rules: fc.tuple(fc.boolean(), rule(k), rule(k), fc.array(rule(k), { minLength: 1, maxLength: 3 })).map(([lock, take, pass, rest]) => (lock ? [{ ...take, lock: "take" as const }, { ...pass, lock: "pass" as const }, ...rest] : rest)),
      bound: fc.constant({ pc: 0, max: n }),
      deadlock: fc.constant(false),
    }),
    live: fc.record({
      fair: fc.array(fc.constantFrom("weak" as const, "strong" as const, "weak" as const, null), { minLength: 5, maxLength: 5 }),
      p: count(k, n),
      q: fc.oneof(count(k, n), fc.constant("free" as const)),
    }),
  }),
);

/** The same with the threads owned by one or two processes, rules bumping or waiting on them. */
const ownedCases = cases.chain((c) =>
  fc
    .record({ procs: fc.integer({ min: 1, max: 2 }), proc: fc.array(fc.constantFrom("none" as const, "bump" as const, "gate" as const), { minLength: 6, maxLength: 6 }) })
    .map(({ procs, proc }) => ({ d: { ...c.d, procs, rules: c.d.rules.map((r, i) => ({ ...r, proc: proc[i]! })) }, live: c.live })),
);

let files = 0;
/** The lasso's trace file, read back and replayed against the spec as `mc replay` does. */
function replays(spec: Spec<unknown>, r: Awaited<ReturnType<typeof check>>): void {
  const file = join(dir, `t${files++}.json`);
  writeFileSync(file, renderJsonTrace(r)!);
  const out = replayTrace(compile(spec), readTrace(file));
  expect([out.misfit, out.stillViolates, out.fair?.ok]).toEqual([undefined, true, true]);
}

async function agree({ d, live }: { d: SymDesc; live: SymLive }): Promise<void> {
  const spec = symSpecOf(d, live) as unknown as Spec<unknown>;
  for (const shape of SHAPES) {
    const o = { deadlock: false, seenCapacity: 1024, properties: [shape] };
    const [sym, plain] = [await check(spec, o), await check(spec, { ...o, symmetry: false })];
    expect([shape, sym.verdict]).toEqual([shape, plain.verdict]);
    if (sym.verdict !== "violation") continue;
    assertValidLasso(spec, sym);
    replays(spec, sym);
  }
}

describe("liveness under symmetry against the plain search", () => {
  it(`the same verdict for every shape; every lasso real, fair, violating and replayable (${LONG ? 600 : 40} specs)`, async () => {
    await fc.assert(fc.asyncProperty(cases, agree), { seed: 52, numRuns: LONG ? 600 : 40 });
  }, LONG ? 1_800_000 : 120_000);

  it(`the same with threads owned by processes (${LONG ? 200 : 15} specs)`, async () => {
    await fc.assert(fc.asyncProperty(ownedCases, agree), { seed: 53, numRuns: LONG ? 200 : 15 });
  }, LONG ? 1_800_000 : 120_000);
});
