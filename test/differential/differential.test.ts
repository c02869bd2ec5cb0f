// Differential testing: small random specs (random-spec.ts, arbitrary.ts) checked by mc (BFS and
// DFS, one and two workers) and by a reference explorer written for obviousness (reference.ts).
// They must agree on distinct and generated states, depth, the verdict and the length of the
// shortest counterexample; every counterexample must be a behaviour of the spec that ends in a
// violating state; two workers must give exactly the one-worker result. Fixed seeds; a longer run
// with MC_DIFFERENTIAL_LONG=1 (npm run test:long). Every disagreement found is kept in cases.ts.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { is } from "immutable";
import { describe, expect, it } from "vitest";
import { check, type CheckResult, type Violation } from "../../src/index.js";
import { compile, type Model } from "../../src/model/compile.js";
import { specDesc } from "./arbitrary.js";
import { regressions } from "./cases.js";
import { specOf, type SpecDesc } from "./random-spec.js";
import { broken, explore, steps } from "./reference.js";
import { tempDir } from "../support/temp.js";

const LONG = process.env["MC_DIFFERENTIAL_LONG"] === "1";
/** About 60 ms a spec on an idle machine; room for a loaded one. */
const TIMEOUT = LONG ? 1_800_000 : 180_000;
const INTERPRETER = resolve(import.meta.dirname, "random-spec.ts");
const dir = tempDir("mc-differential-");
writeFileSync(join(dir, "package.json"), `{ "type": "module" }\n`);
let files = 0;
/** Seen-set slots to start with: these specs are small, and the default allocates 16 MiB a check. */
const SMALL = 1024;

/** A spec file for worker threads, which load the spec themselves: the description as a literal. */
function specFile(d: SpecDesc): string {
  const file = join(dir, `case-${files++}.ts`);
  writeFileSync(file, `import { specOf } from ${JSON.stringify(INTERPRETER)};\nexport default specOf(${JSON.stringify(d)});\n`);
  return file;
}

/** The trace is a behaviour of the spec: an initial state, then successors by the named actions, ending in a violation. */
function expectBehaviour(m: Model, v: Violation): void {
  const t = v.trace;
  expect(t[0]!.action).toBeNull();
  expect(m.init.some((s) => is(s, t[0]!.state))).toBe(true);
  for (let i = 1; i < t.length; i++) {
    expect(steps(m, t[i - 1]!.state).some((x) => x.action === t[i]!.action && is(x.state, t[i]!.state))).toBe(true);
  }
  const last = t.at(-1)!.state;
  if (v.kind === "invariant") expect(broken(m, last)).toBe(v.name);
  else expect(steps(m, last)).toEqual([]);
}

const strip = (r: CheckResult): object => ({ ...r, durationMs: 0, workers: 0, storeBytes: 0, file: undefined });

/** mc and the reference agree on `d`; with `twoWorkers`, two workers give the one-worker result. */
async function agree(d: SpecDesc, twoWorkers: boolean): Promise<void> {
  const spec = specOf(d);
  const m = compile(spec);
  const ref = explore(m);
  const deadlock = d.deadlock;
  const bfs = await check(spec, { deadlock, seenCapacity: SMALL });
  const dfs = await check(spec, { deadlock, strategy: "dfs", seenCapacity: SMALL });
  const inv = ref.firstBroken;
  const dead = deadlock ? ref.firstDeadlock : Infinity;
  if (inv === Infinity && dead === Infinity) {
    const want = { verdict: "ok", distinctStates: ref.distinct, generatedStates: ref.generated };
    for (const r of [bfs, dfs]) expect({ verdict: r.verdict, distinctStates: r.distinctStates, generatedStates: r.generatedStates }).toEqual(want);
    expect(bfs.depth).toBe(ref.depth);
  } else {
    for (const r of [bfs, dfs]) {
      expect(r.verdict).toBe("violation");
      expectBehaviour(m, r.violation!);
    }
    // BFS stops in the first level whose expansion meets a violation: a broken state among the
    // level's successors (depth inv) or a deadlocked state of the level itself (depth dead).
    const v = bfs.violation!;
    const level = inv === 1 ? 0 : Math.min(dead, inv - 1);
    const allowed = [...(inv === 1 || inv - 1 === level ? [{ kind: "invariant", length: inv }] : []), ...(dead === level ? [{ kind: "deadlock", length: dead }] : [])];
    expect(allowed).toContainEqual({ kind: v.kind, length: v.trace.length });
    expect(bfs.depth).toBe(v.trace.length);
  }
  if (twoWorkers) {
    // the worker in from the first level: every level is sent to it while the one before is numbered
    const two = await check(spec, { deadlock, workers: 2, file: specFile(d), seenCapacity: SMALL, workersFirst: true });
    expect(strip(two)).toEqual(strip(bfs));
  }
}

describe("mc against a reference explorer on random specs", () => {
  it(`BFS and DFS, one worker (${LONG ? 2000 : 200} specs)`, async () => {
    await fc.assert(fc.asyncProperty(specDesc, (d) => agree(d, false)), { seed: 8, numRuns: LONG ? 2000 : 200 });
  }, TIMEOUT);

  // (each run waits for its worker to load the spec, about 0.6 s: the count is what the time allows)
  it(`two workers give the one-worker result (${LONG ? 60 : 8} specs)`, async () => {
    await fc.assert(fc.asyncProperty(specDesc, (d) => agree(d, true)), { seed: 88, numRuns: LONG ? 60 : 8 });
  }, TIMEOUT);

  for (const c of regressions) {
    it(`regression: ${c.name}`, async () => {
      await agree(c.desc, true);
    });
  }
});
