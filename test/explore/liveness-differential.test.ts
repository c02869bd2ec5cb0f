// The liveness checker against a brute-force reference on random small graphs (fast-check).
// The reference knows nothing of SCCs or refinement: a violation exists iff some set S of
// states is "closed under a fair run" — strongly connected through its own edges (a single
// state: stuttering) — reachable as the property's negation requires, and such that running
// round all of S taking every edge inside it satisfies every fairness condition.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, defineSpec, eventually, eventuallyAlways, infinitelyOften, leadsTo, type FairnessKind, type Spec } from "../../src/index.js";
import { assertValidLasso } from "../support/lasso.js";

interface G {
  n: number;
  init: number[];
  /** edges[a][x]: the successors of x by action a (may include x itself: a stuttering step). */
  edges: number[][][];
  p: boolean[];
  q: boolean[];
  fair: (FairnessKind | null)[];
}

const graph: fc.Arbitrary<G> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    init: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
    edges: fc.array(fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 3 }),
    p: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    q: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    fair: fc.array(fc.constantFrom<FairnessKind | null>(null, "weak", "strong"), { minLength: 3, maxLength: 3 }),
  }),
);

const SHAPES = ["eventually", "leadsTo", "infinitelyOften", "eventuallyAlways"] as const;

function specOf(g: G): Spec<unknown> {
  const actions: { [k: string]: (x: number) => number[] } = {};
  g.edges.forEach((row, a) => (actions[`A${a}`] = (x) => row[x]!));
  const fairness: { [k: string]: FairnessKind } = {};
  g.edges.forEach((_, a) => {
    if (g.fair[a]) fairness[`A${a}`] = g.fair[a]!;
  });
  const p = (x: number) => g.p[x]!;
  const q = (x: number) => g.q[x]!;
  return defineSpec({
    name: "random",
    init: g.init,
    actions,
    fairness,
    properties: { eventually: eventually(p), leadsTo: leadsTo(p, q), infinitelyOften: infinitelyOften(p), eventuallyAlways: eventuallyAlways(p) },
  }) as Spec<unknown>;
}

/** Does some fair behaviour violate the property? By enumerating every set of states. */
function reference(g: G, shape: (typeof SHAPES)[number]): boolean {
  const real = (a: number, x: number) => g.edges[a]![x]!.filter((y) => y !== x);
  const succ = (x: number) => g.edges.flatMap((_, a) => real(a, x));
  const reach = (from: number[], ok: (x: number) => boolean): Set<number> => {
    const seen = new Set(from.filter(ok));
    const todo = [...seen];
    while (todo.length) for (const y of succ(todo.pop()!)) if (ok(y) && !seen.has(y)) (seen.add(y), todo.push(y));
    return seen;
  };
  const all = () => true;
  const reachable = reach(g.init, all);
  for (let mask = 1; mask < 1 << g.n; mask++) {
    const S = [...Array(g.n).keys()].filter((x) => mask & (1 << x));
    const inS = (x: number) => S.includes(x);
    // strongly connected through edges inside S
    if (S.some((x) => S.some((y) => !reach([x], inS).has(y)))) continue;
    const fairOk = g.edges.every((_, a) => {
      const kind = g.fair[a];
      if (!kind) return true;
      const enabled = S.filter((x) => real(a, x).length > 0);
      const taken = S.some((x) => real(a, x).some(inS));
      if (taken || enabled.length === 0) return true;
      return kind === "weak" && enabled.length < S.length;
    });
    if (!fairOk) continue;
    const np = (x: number) => !g.p[x];
    const nq = (x: number) => !g.q[x];
    if (shape === "eventually") {
      if (S.every(np) && S.some((x) => reach(g.init, np).has(x))) return true;
    } else if (shape === "leadsTo") {
      const seeds = [...reachable].filter((x) => g.p[x] && !g.q[x]);
      if (S.every(nq) && S.some((x) => reach(seeds, nq).has(x))) return true;
    } else if (shape === "infinitelyOften") {
      if (S.every(np) && S.some((x) => reachable.has(x))) return true;
    } else if (S.some(np) && S.some((x) => reachable.has(x))) return true;
  }
  return false;
}

describe("liveness against a brute-force reference", () => {
  it("agrees on random graphs with weak, strong and no fairness, for every shape; every lasso is valid", async () => {
    await fc.assert(
      fc.asyncProperty(graph, async (g) => {
        const spec = specOf(g);
        for (const shape of SHAPES) {
          const r = await check(spec, { deadlock: false, properties: [shape] });
          expect([shape, r.verdict === "violation"]).toEqual([shape, reference(g, shape)]);
          if (r.verdict === "violation") assertValidLasso(spec, r);
        }
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
