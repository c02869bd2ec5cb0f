// Differential test of the symmetry reduction: random specs symmetric by construction
// (random-sym-spec.ts), checked by mc with symmetry against a brute-force orbit count of the
// whole state space (each reachable state's least encoding over every permutation of its
// threads): distinct states when no invariant fails, the verdict, and the length of the
// shortest counterexample, which must be a real behaviour; BFS, DFS, and two workers. With
// threads owned by processes (an owned set), the brute force takes the renamings that keep the
// ownership: every pair of a process and a thread permutation, filtered.
// A longer run with MC_DIFFERENTIAL_LONG=1 (npm run test:long).
import fc from "fast-check";
import { is } from "immutable";
import { describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import { Encoder } from "../../src/fingerprint/encode.js";
import { compile, type Model } from "../../src/model/compile.js";
import { broken, steps } from "../differential/reference.js";
import { specFiles, symRule } from "./random-sym-cases.js";
import { ownersOf, symSpecOf, type SymDesc, type SymRule } from "./random-sym-spec.js";
import { ownershipRenamings, productRenamings } from "../support/brute-orbits.js";

const LONG = process.env["MC_DIFFERENTIAL_LONG"] === "1";
const specFile = specFiles("mc-symmetry-");
const rule = (k: number) => symRule(k, ["any", "take", "release", "held-elsewhere"]);
/** Specs over k counters drawn by `rule`; with `procs`, the threads owned by that many processes. */
const descs = (kMax: number, r: (k: number) => fc.Arbitrary<SymRule>, procs?: fc.Arbitrary<number>): fc.Arbitrary<SymDesc> =>
  fc.integer({ min: 2, max: kMax }).chain((k) =>
    fc.record({
      n: fc.integer({ min: 2, max: 4 }),
      k: fc.constant(k),
      rules: fc.array(r(k), { minLength: 1, maxLength: 4 }),
      bound: fc.record({ pc: fc.integer({ min: 0, max: k - 1 }), max: fc.integer({ min: 1, max: 4 }) }),
      deadlock: fc.boolean(),
      ...(procs === undefined ? {} : { procs }),
    }),
  );
const desc = descs(4, rule);
const procRule = (k: number) =>
  fc.record({ r: rule(k), proc: fc.constantFrom("none" as const, "bump" as const, "gate" as const) }).map(({ r, proc }) => ({ ...r, proc }));
/** Threads owned by 1-3 processes: two threads each, or blocks of unequal sizes (n = 3, 2 processes). */
const ownedDesc = descs(3, procRule, fc.integer({ min: 1, max: 3 }));

/** Every renaming of the threads, or with processes every one that keeps each thread's process. */
function group(d: SymDesc): Map<string, string>[] {
  const threads = Array.from({ length: d.n }, (_, i) => `t${i + 1}`);
  if (d.procs === undefined) return productRenamings([threads]);
  const procs = Array.from({ length: d.procs }, (_, i) => `p${i + 1}`);
  return ownershipRenamings(procs, threads, ownersOf(d.n, d.procs));
}

/** The whole state space by BFS over Immutable values: orbits by brute force, first violation depths. */
function bruteForce(m: Model, renamings: readonly Map<string, string>[], deadlock: boolean): { orbits: number; firstBad: number } {
  const enc = new Encoder();
  const orbitKey = (s: unknown): string => {
    let best = "";
    for (const r of renamings) {
      enc.rename = r;
      const k = Buffer.from(enc.buf.subarray(0, enc.encode(s))).toString("latin1");
      enc.rename = null;
      if (best === "" || k < best) best = k;
    }
    return best;
  };
  const seen = new Map<string, unknown>();
  const orbits = new Set<string>();
  let level = [...m.init];
  let firstBad = Infinity;
  for (let d = 1; level.length > 0; d++) {
    const next: unknown[] = [];
    for (const s of level) {
      const k = Buffer.from(enc.buf.subarray(0, enc.encode(s))).toString("latin1");
      if (seen.has(k)) continue;
      seen.set(k, s);
      orbits.add(orbitKey(s));
      if (broken(m, s) !== null) firstBad = Math.min(firstBad, d);
      const succ = steps(m, s);
      if (succ.length === 0 && deadlock) firstBad = Math.min(firstBad, d);
      for (const x of succ) next.push(x.state);
    }
    level = next;
  }
  return { orbits: orbits.size, firstBad };
}

async function withoutSiblingSkip<T>(f: () => Promise<T>): Promise<T> {
  process.env["MC_SIBLING_SKIP"] = "0";
  try {
    return await f();
  } finally {
    delete process.env["MC_SIBLING_SKIP"];
  }
}

async function agree(d: SymDesc, twoWorkers: boolean): Promise<void> {
  const spec = symSpecOf(d);
  const m = compile(spec as unknown as Spec<unknown>, {}, undefined, { symmetry: false });
  const ref = bruteForce(m, group(d), d.deadlock);
  const opts = { deadlock: d.deadlock, seenCapacity: 1024 };
  const bfs = await check(spec, opts);
  const dfs = await check(spec, { ...opts, strategy: "dfs" });
  const plain = await check(spec, { ...opts, symmetry: false });
  // Every successor canonicalised: the sibling skip hides a representative that is not
  // canonical whenever the states it would tell apart are twin renamings of one parent's.
  const unskipped = d.procs === undefined ? null : await withoutSiblingSkip(() => check(spec, opts));
  if (unskipped !== null) expect([unskipped.verdict, unskipped.distinctStates]).toEqual([bfs.verdict, bfs.distinctStates]);
  if (ref.firstBad === Infinity) {
    for (const r of [bfs, dfs]) expect([r.verdict, r.distinctStates]).toEqual(["ok", ref.orbits]);
  } else {
    for (const r of [bfs, dfs]) {
      expect(r.verdict).toBe("violation");
      // a real behaviour: each step one of the spec's own successors, ending in the violation
      const t = r.violation!.trace;
      expect(m.init.some((s) => is(s, t[0]!.state))).toBe(true);
      for (let i = 1; i < t.length; i++) expect(steps(m, t[i - 1]!.state).some((x) => x.action === t[i]!.action && is(x.state, t[i]!.state))).toBe(true);
      const last = t.at(-1)!.state;
      if (r.violation!.kind === "invariant") expect(broken(m, last)).toBe("Bound");
      else expect(steps(m, last)).toEqual([]);
    }
    expect(bfs.violation!.trace.length).toBe(ref.firstBad);
    expect(bfs.violation!.trace.length).toBe(plain.violation!.trace.length);
  }
  if (twoWorkers) {
    const two = await check(spec, { ...opts, workers: 2, file: specFile(d), workersFirst: true });
    const strip = (r: object): object => ({ ...r, durationMs: 0, workers: 0, storeBytes: 0, file: undefined });
    expect(strip(two)).toEqual(strip(bfs));
  }
}

describe("symmetry reduction against a brute-force orbit count", () => {
  it(`BFS and DFS, one worker (${LONG ? 1000 : 15} specs)`, async () => {
    await fc.assert(fc.asyncProperty(desc, (d) => agree(d, false)), { seed: 14, numRuns: LONG ? 1000 : 15 });
  }, LONG ? 1_800_000 : 120_000);

  it(`threads owned by processes: the renamings that keep ownership (${LONG ? 150 : 15} specs)`, async () => {
    await fc.assert(fc.asyncProperty(ownedDesc, (d) => agree(d, false)), { seed: 7, numRuns: LONG ? 150 : 15 });
  }, LONG ? 1_800_000 : 120_000);

  // (each run waits for its worker to load the spec, about a second: the count is what the time allows)
  it(`two workers give the one-worker result (${LONG ? 40 : 4} specs)`, async () => {
    await fc.assert(fc.asyncProperty(desc, (d) => agree(d, true)), { seed: 41, numRuns: LONG ? 30 : 2 });
    await fc.assert(fc.asyncProperty(ownedDesc, (d) => agree(d, true)), { seed: 43, numRuns: LONG ? 10 : 2 });
  }, LONG ? 1_800_000 : 120_000);
});
