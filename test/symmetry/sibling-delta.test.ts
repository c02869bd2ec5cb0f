// The sibling signatures of sibling-delta.ts: a successor matched to an earlier sibling must be a
// renaming of it by a permutation within the parent's twin classes (checked by brute force over
// those permutations, and by the canonicaliser: one representative), and the commonest
// renamings (one twin taking a step instead of another) must match. Parents are states of the
// random symmetric specs' shape: a Map of counters, an owner (an identity as a value), a Set and
// a Map from thread to thread, with up to 12 threads so that the Maps are tries, not arrays.

import fc from "fast-check";
import { Map as IMap, Set as ISet } from "immutable";
import { describe, expect, it } from "vitest";
import { Encoder } from "../../src/fingerprint/encode.js";
import { OrbitCanon } from "../../src/symmetry/canon.js";
import { SiblingSignatures } from "../../src/symmetry/sibling-delta.js";
import { State, type S } from "./random-sym-spec.js";
import { productRenamings } from "../support/brute-orbits.js";

const threads = (n: number): string[] => Array.from({ length: n }, (_, i) => `t${i + 1}`);

const enc = new Encoder();
function bytes(s: unknown, rename: ReadonlyMap<string, string> | null = null): string {
  enc.rename = rename;
  try {
    return Buffer.from(enc.buf.subarray(0, enc.encode(s))).toString("latin1");
  } finally {
    enc.rename = null;
  }
}

/** The twin classes of r by brute force: u and v are twins when swapping them leaves r's bytes. */
function twinClasses(r: S, ids: readonly string[]): string[][] {
  const own = bytes(r);
  const classes: string[][] = [];
  for (const g of ids) {
    const c = classes.find((c) => bytes(r, new Map([[c[0]!, g], [g, c[0]!]])) === own);
    if (c) c.push(g);
    else classes.push([g]);
  }
  return classes;
}

/** Every permutation within the classes (a product of symmetric groups), as renamings; null when too many. */
function twinGroup(classes: readonly string[][]): Map<string, string>[] | null {
  let size = 1;
  for (const c of classes) for (let i = 2; i <= c.length; i++) size *= i;
  return size > 5040 ? null : productRenamings(classes);
}

const renameValue = (s: S, p: ReadonlyMap<string, string>): S => {
  const f = (x: string): string => p.get(x) ?? x;
  return State({
    pc: IMap([...s.pc].map(([k, v]) => [f(k), v] as const)),
    owner: s.owner === null ? null : f(s.owner),
    marked: ISet([...s.marked].map(f)),
    link: IMap([...s.link].map(([k, v]) => [f(k), f(v)] as const)),
  });
};

type Edit = { kind: "pc"; t: number; v: number } | { kind: "owner"; t: number } | { kind: "mark"; t: number } | { kind: "link"; t: number; to: number };

function apply(s: S, ids: readonly string[], edits: readonly Edit[]): S {
  for (const e of edits) {
    const t = ids[e.t % ids.length]!;
    if (e.kind === "pc") s = s.set("pc", s.pc.set(t, e.v));
    else if (e.kind === "owner") s = s.set("owner", s.owner === t ? null : t);
    else if (e.kind === "mark") s = s.set("marked", s.marked.has(t) ? s.marked.delete(t) : s.marked.add(t));
    else s = s.set("link", e.to < 0 ? s.link.delete(t) : s.link.set(t, ids[e.to % ids.length]!));
  }
  return s;
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("pc" as const), t: fc.nat(11), v: fc.nat(2) }),
  fc.record({ kind: fc.constant("owner" as const), t: fc.nat(11) }),
  fc.record({ kind: fc.constant("mark" as const), t: fc.nat(11) }),
  fc.record({ kind: fc.constant("link" as const), t: fc.nat(11), to: fc.integer({ min: -1, max: 11 }) }),
);

/** A parent: n threads, mostly idle (counter 0, unmarked, unlinked) so that it has twins. */
const parent = fc.record({ n: fc.integer({ min: 2, max: 12 }), edits: fc.array(edit, { maxLength: 4 }) });

/** A successor: random edits of the parent, or an earlier successor renamed within the twin classes. */
const sibling = fc.oneof(fc.record({ edits: fc.array(edit, { minLength: 0, maxLength: 3 }), action: fc.nat(1) }), fc.record({ of: fc.nat(), perm: fc.nat(), action: fc.nat(1) }));

describe("sibling signatures", () => {
  it("a match is always a twin renaming of the earlier sibling, with the same representative", () => {
    let hits = 0;
    fc.assert(
      fc.property(parent, fc.array(sibling, { minLength: 1, maxLength: 12 }), ({ n, edits }, sibs) => {
        const ids = threads(n);
        const r = apply(State({ pc: IMap<string, number>(ids.map((t) => [t, 0])) }), ids, edits);
        const classes = twinClasses(r, ids);
        const group = twinGroup(classes);
        const canon = new OrbitCanon({ names: ["Threads"], sets: [ids] });
        const sig = new SiblingSignatures({ names: ["Threads"], sets: [ids] });
        const anyTwins = sig.start(r);
        expect(anyTwins).toBe(classes.some((c) => c.length > 1));
        const succ: { s: S; a: number }[] = [];
        for (const x of sibs) {
          let s: S;
          if ("edits" in x || succ.length === 0 || group === null) s = apply(r, ids, "edits" in x ? x.edits : []);
          else s = renameValue(succ[x.of % succ.length]!.s, group[x.perm % group.length]!);
          succ.push({ s, a: x.action });
        }
        if (!anyTwins) return;
        succ.forEach(({ s, a }, j) => {
          const i = sig.match(r, a, s, j);
          if (i < 0) return;
          hits++;
          expect(i).toBeLessThan(j);
          expect(succ[i]!.a).toBe(a);
          expect(Buffer.from(canon.bytesOf(s))).toEqual(Buffer.from(canon.bytesOf(succ[i]!.s)));
          if (group !== null) expect(group.some((p) => bytes(renameValue(succ[i]!.s, p)) === bytes(s))).toBe(true);
        });
      }),
      { seed: 1406, numRuns: 400 },
    );
    // the property above is vacuous unless matches happen
    expect(hits).toBeGreaterThan(200);
  });

  const ids = threads(10);
  // t1 busy and marked, t2 owns the lock, t3 links to t1: t4..t10 are twins
  const r = State({ pc: IMap<string, number>(ids.map((t) => [t, 0])).set("t1", 2), owner: "t2", marked: ISet(["t1"]), link: IMap([["t3", "t1"]]) });
  const run = (succs: readonly S[], action = 0): number[] => {
    const sig = new SiblingSignatures({ names: ["Threads"], sets: [ids] });
    expect(sig.start(r)).toBe(true);
    return succs.map((s, j) => sig.match(r, action, s, j));
  };

  it("one idle thread stepping instead of another matches (counters, Set members, Map entries added and deleted)", () => {
    const idle = ids.slice(3);
    expect(run(idle.map((t) => r.set("pc", r.pc.set(t, 1))))).toEqual([-1, 0, 0, 0, 0, 0, 0]);
    expect(run(idle.map((t) => r.set("marked", r.marked.add(t))))).toEqual([-1, 0, 0, 0, 0, 0, 0]);
    expect(run(idle.map((t) => r.set("link", r.link.set(t, "t1"))))).toEqual([-1, 0, 0, 0, 0, 0, 0]);
    expect(run(idle.map((t) => r.set("pc", r.pc.delete(t))))).toEqual([-1, 0, 0, 0, 0, 0, 0]);
    // an identity as a value: a twin takes the lock from t2
    expect(run(idle.map((t) => r.set("owner", t)))).toEqual([-1, 0, 0, 0, 0, 0, 0]);
    // a twin pointing at another twin, for any two twins
    expect(run([r.set("link", r.link.set("t4", "t5")), r.set("link", r.link.set("t9", "t6")), r.set("link", r.link.set("t7", "t10"))])).toEqual([-1, 0, 0]);
  });

  it("different changes, non-twins and other actions do not match", () => {
    // a twin steps, the busy t1 steps alike, the lock owner steps alike
    expect(run([r.set("pc", r.pc.set("t4", 1)), r.set("pc", r.pc.set("t1", 1)), r.set("pc", r.pc.set("t2", 1))])).toEqual([-1, -1, -1]);
    // a twin pointing at itself is no renaming of a twin pointing at another twin
    expect(run([r.set("link", r.link.set("t4", "t5")), r.set("link", r.link.set("t4", "t4")), r.set("link", r.link.set("t6", "t6"))])).toEqual([-1, -1, 1]);
    // pointing at a twin and pointing at t1 (not a twin)
    expect(run([r.set("link", r.link.set("t4", "t5")), r.set("link", r.link.set("t4", "t1"))])).toEqual([-1, -1]);
    // an entry added against an entry deleted; a deletion of a twin's entry against t1's
    expect(run([r.set("link", r.link.set("t5", "t1")), r.set("link", r.link.delete("t3")), r.set("pc", r.pc.delete("t4")), r.set("pc", r.pc.delete("t1"))])).toEqual([-1, -1, -1, -1]);
    // two twins swapping roles with t2, the lock owner: t4 takes the lock and t2 steps, against t4 taking it while t5 steps
    const a = r.set("owner", "t4").set("pc", r.pc.set("t2", 1));
    const b = r.set("owner", "t4").set("pc", r.pc.set("t5", 1));
    const c = r.set("owner", "t6").set("pc", r.pc.set("t2", 1));
    expect(run([a, b, c])).toEqual([-1, -1, 0]);
    // the same change by two actions: two successors, not one
    const sig = new SiblingSignatures({ names: ["Threads"], sets: [ids] });
    sig.start(r);
    expect([sig.match(r, 0, r.set("owner", "t4"), 0), sig.match(r, 1, r.set("owner", "t5"), 1), sig.match(r, 1, r.set("owner", "t6"), 2)]).toEqual([-1, -1, 1]);
  });

  it("no twins, nothing to match", () => {
    const sig = new SiblingSignatures({ names: ["Threads"], sets: [["t1", "t2"]] });
    expect(sig.start(State({ pc: IMap([["t1", 0], ["t2", 1]]) }))).toBe(false);
    expect(sig.start(State({ pc: IMap([["t1", 0], ["t2", 0]]) }))).toBe(true);
  });
});
