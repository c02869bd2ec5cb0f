// Skipping the canonicalisation of successors that are twin renamings of a sibling
// (sibling-delta.ts) changes nothing observable: random symmetric specs (random-sym-spec.ts)
// checked with the skip and without it (MC_SIBLING_SKIP=0) give the same result, field for field
// (distinct, generated per action, coverage, verdict, trace), by BFS, DFS, two workers, and for
// temporal properties. And the skip does happen in these specs (else the test would be vacuous).
// The two-worker case, and more specs, with MC_DIFFERENTIAL_LONG=1 (npm run test:long): each
// check with workers starts threads that load tsx and the spec, seconds each.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import { SuccessorBatch } from "../../src/explore/successor-batch.js";
import { initHash } from "../../src/fingerprint/hash.js";
import { compile } from "../../src/model/compile.js";
import { steps } from "../differential/reference.js";
import { specFiles, symRule } from "./random-sym-cases.js";
import { symSpecOf, type SymDesc, type SymLive } from "./random-sym-spec.js";

const LONG = process.env["MC_DIFFERENTIAL_LONG"] === "1";
const specFile = specFiles("mc-sibling-");
const rule = (k: number) => symRule(k, ["any", "take", "release", "held-elsewhere", "pass"]);
const desc: fc.Arbitrary<SymDesc> = fc.integer({ min: 2, max: 3 }).chain((k) =>
  fc.record({
    n: fc.integer({ min: 2, max: 5 }),
    k: fc.constant(k),
    // the first rule enabled in the initial state (no lock held), so that no spec is a single state
    rules: fc
      .tuple(rule(k), fc.constantFrom("any" as const, "take" as const), fc.array(rule(k), { maxLength: 3 }))
      .map(([first, lock, rest]) => [{ ...first, from: 0, lock }, ...rest]),
    bound: fc.record({ pc: fc.integer({ min: 0, max: k - 1 }), max: fc.integer({ min: 1, max: 5 }) }),
    deadlock: fc.boolean(),
  }),
);
const live: fc.Arbitrary<SymLive> = fc.record({
  fair: fc.array(fc.constantFrom("weak" as const, "strong" as const, null), { minLength: 4, maxLength: 4 }),
  p: fc.record({ pc: fc.nat(1), min: fc.integer({ min: 1, max: 3 }) }),
  q: fc.oneof(fc.record({ pc: fc.nat(1), min: fc.integer({ min: 1, max: 2 }) }), fc.constant("free" as const)),
});

afterEach(() => {
  delete process.env["MC_SIBLING_SKIP"];
});

/** The result with the skip and without it; timings and sizes of memory left out. */
async function both(spec: Spec<unknown>, o: Parameters<typeof check>[1]): Promise<[object, object]> {
  const strip = (r: object): object => ({ ...r, durationMs: 0, storeBytes: 0 });
  process.env["MC_SIBLING_SKIP"] = "1";
  const on = strip(await check(spec, o));
  process.env["MC_SIBLING_SKIP"] = "0";
  const off = strip(await check(spec, o));
  delete process.env["MC_SIBLING_SKIP"];
  return [on, off];
}

/** Successors matched to a sibling over the first states of the plain search (each taken as a parent). */
function matches(spec: Spec<unknown>): number {
  const m = compile(spec);
  const batch = new SuccessorBatch(m);
  const plain = compile(spec, {}, undefined, { symmetry: false });
  let level = [...plain.init];
  for (let d = 0; d < 4; d++) {
    const next: unknown[] = [];
    for (const s of level.slice(0, 50)) {
      batch.collect(s, { touch: () => 0 });
      batch.release();
      for (const x of steps(plain, s)) next.push(x.state);
    }
    level = next;
  }
  return batch.siblings!.hits;
}

describe("the sibling skip changes nothing observable", () => {
  it(`BFS and DFS: the same result with and without it (${LONG ? 300 : 25} specs)`, async () => {
    await initHash();
    let skipped = 0;
    let states = 0;
    await fc.assert(
      fc.asyncProperty(desc, async (d) => {
        const spec = symSpecOf(d) as unknown as Spec<unknown>;
        const opts = { deadlock: d.deadlock, seenCapacity: 1024 };
        for (const o of [opts, { ...opts, strategy: "dfs" as const }]) {
          const [on, off] = await both(spec, o);
          expect(on).toEqual(off);
          states += (on as { distinctStates: number }).distinctStates;
        }
        skipped += matches(spec);
      }),
      { seed: 1414, numRuns: LONG ? 300 : 25 },
    );
    expect(skipped).toBeGreaterThan(300);
    expect(states).toBeGreaterThan(500);
  }, LONG ? 1_800_000 : 120_000);

  it(`temporal properties: the same verdict and lasso (${LONG ? 100 : 8} specs)`, async () => {
    await fc.assert(
      fc.asyncProperty(desc, live, async (d, l) => {
        const spec = symSpecOf({ ...d, deadlock: false, n: Math.min(d.n, 3) }, l) as unknown as Spec<unknown>;
        for (const shape of ["eventually", "leadsTo", "infinitelyOften", "eventuallyAlways"]) {
          const [on, off] = await both(spec, { deadlock: false, seenCapacity: 1024, properties: [shape] });
          expect(on).toEqual(off);
        }
      }),
      { seed: 1415, numRuns: LONG ? 100 : 8 },
    );
  }, LONG ? 1_800_000 : 120_000);

  it.runIf(LONG)("two workers: the same result with and without it", async () => {
    const rules: SymDesc["rules"] = [
      { from: 0, to: 1, lock: "any", mark: false, link: "point" },
      { from: 1, to: 2, lock: "take", mark: true, link: "none" },
      { from: 2, to: 0, lock: "pass", mark: false, link: "clear" },
      { from: 2, to: 0, lock: "release", mark: false, link: "none" },
    ];
    // one spec: each check with two workers starts a worker thread that loads tsx and the spec
    for (const d of [{ n: 4, k: 3, rules, bound: { pc: 2, max: 4 }, deadlock: false }]) {
      const [on, off] = await both(symSpecOf(d) as unknown as Spec<unknown>, { deadlock: d.deadlock, seenCapacity: 1024, workers: 2, file: specFile(d) });
      expect(on).toEqual(off);
      expect((on as { distinctStates: number }).distinctStates).toBeGreaterThan(15);
    }
  }, 120_000);
});
