// The orbit canonicaliser (src/symmetry/canon.ts): every renaming of a state gets the same
// bytes, and states in different orbits different ones, including structures colour refinement
// cannot tell apart (every identity of a union of cycles looks alike until the canonicaliser
// branches).
import fc from "fast-check";
import { Map as IMap, Record, Set as ISet, is } from "immutable";
import { describe, expect, it } from "vitest";
import { Decoder } from "../../src/fingerprint/decode.js";
import { Encoder } from "../../src/fingerprint/encode.js";
import { OrbitCanon } from "../../src/symmetry/canon.js";
import { compile } from "../../src/model/compile.js";
import { successorsOf } from "../../src/model/successors.js";
import devprivSym from "../../specs/devpriv-sym.js";
import { ids, type Spec } from "../../src/index.js";

const enc = new Encoder();
const dec = new Decoder();
function rename(s: unknown, from: readonly string[], to: readonly string[]): unknown {
  enc.rename = new Map(from.map((x, i) => [x, to[i]!]));
  const len = enc.encode(s);
  enc.rename = null;
  return dec.decode(enc.buf.subarray(0, len), 0);
}
const Shape = Record({ pc: IMap<string, unknown>(), busy: ISet<string>(), used: IMap<string, number>() });
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** An undirected graph on identities as a Map from each to the Set of its neighbours. */
function cycles(names: readonly string[], lengths: readonly number[]): unknown {
  let m = IMap<string, ISet<string>>();
  let at = 0;
  for (const n of lengths) {
    for (let i = 0; i < n; i++) {
      const a = names[at + i]!;
      const b = names[at + ((i + 1) % n)]!;
      m = m.update(a, ISet(), (x) => x.add(b)).update(b, ISet(), (x) => x.add(a));
    }
    at += n;
  }
  return m;
}

describe("orbit canonicaliser", () => {
  const nodes = ids("v", 12);
  const canon = new OrbitCanon({ names: ["V"], sets: [nodes] });
  const perm = fc.shuffledSubarray(nodes, { minLength: 12, maxLength: 12 });

  it("gives every renaming of a union of cycles the same representative, and other unions others", () => {
    const a = cycles(nodes, [6, 3, 3]);
    const want = hex(canon.bytesOf(a));
    fc.assert(fc.property(perm, (p) => hex(canon.bytesOf(rename(a, nodes, p))) === want), { seed: 3, numRuns: 25 });
    const others = [cycles(nodes, [6, 6]), cycles(nodes, [12]), cycles(nodes, [4, 4, 4]), cycles(nodes, [3, 3, 3, 3])];
    const reps = new Set([want, ...others.map((o) => hex(canon.bytesOf(o)))]);
    expect(reps.size).toBe(5);
  });

  it("gives a representative in the state's orbit, its own representative", () => {
    const a = cycles(nodes, [5, 4, 3]);
    const bytes = canon.bytesOf(a);
    const rep = dec.decode(bytes, 0) as IMap<string, ISet<string>>;
    expect([...rep.values()].map((s) => s.size)).toEqual(Array(12).fill(2));
    expect(hex(enc.buf.subarray(0, enc.encode(rep)))).toBe(hex(bytes));
    expect(hex(canon.bytesOf(rep))).toBe(hex(bytes));
    expect(is(rep, a) || hex(canon.bytesOf(cycles(nodes, [4, 4, 4]))) !== hex(bytes)).toBe(true);
  });

  it("gives renamings of reachable devpriv-sym states one representative (P=3 T=5)", () => {
    const m = compile(devprivSym as Spec<unknown>, { P: 3, T: 5 });
    const c = new OrbitCanon(m.symmetry!);
    const states: unknown[] = [];
    let s = m.init[0];
    for (let i = 0; i < 60; i++) {
      const all = m.actions.flatMap((a) => [...successorsOf(a(s))]);
      s = all[(i * 7) % all.length];
      states.push(s);
    }
    const names = [...ids("t", 5), ...ids("p", 3)];
    const arb = fc.tuple(fc.integer({ min: 0, max: 59 }), fc.shuffledSubarray(ids("t", 5), { minLength: 5, maxLength: 5 }), fc.shuffledSubarray(ids("p", 3), { minLength: 3, maxLength: 3 }));
    fc.assert(
      fc.property(arb, ([i, t, p]) => hex(c.bytesOf(rename(states[i], names, [...t, ...p]))) === hex(c.bytesOf(states[i]))),
      { seed: 5, numRuns: 50 },
    );
  });

  it("orders identities by profile when none relates to another: renamings agree, other multisets differ", () => {
    // Two sets; identities only as Map keys (values identity-free, Records and Lists among them)
    // and Set members, reached through a Record: the profile-sorting path (twins.ts, sortable).
    const ts = ids("t", 7);
    const ps = ids("p", 4);
    const c = new OrbitCanon({ names: ["Threads", "Pages"], sets: [ts, ps] });
    const state = (pc: readonly number[], used: readonly number[]): unknown =>
      Shape({
        pc: IMap(ts.map((t, i) => [t, pc[i]! % 3 === 0 ? IMap({ at: pc[i]! }) : pc[i]!])),
        busy: ISet(ts.filter((_, i) => pc[i]! > 1)),
        used: IMap(ps.map((p, i) => [p, used[i]!])),
      });
    const names = [...ts, ...ps];
    const arb = fc.tuple(
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 7, maxLength: 7 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
      fc.shuffledSubarray(ts, { minLength: 7, maxLength: 7 }),
      fc.shuffledSubarray(ps, { minLength: 4, maxLength: 4 }),
    );
    fc.assert(
      fc.property(arb, ([pc, used, t, p]) => {
        const a = state(pc, used);
        const want = hex(c.bytesOf(a));
        // a renaming gets the same bytes; so does the same multiset in another order
        if (hex(c.bytesOf(rename(a, names, [...t, ...p]))) !== want) return false;
        if (hex(c.bytesOf(state([...pc].reverse(), [...used].reverse()))) !== want) return false;
        // the representative is in the orbit: same multisets of values
        const rep = dec.decode(c.bytesOf(a), 0) as ReturnType<typeof Shape>;
        const sorted = (m: IMap<string, unknown>): string[] => [...m.values()].map((x) => JSON.stringify(x)).sort();
        if (JSON.stringify(sorted(rep.pc)) !== JSON.stringify(sorted((a as typeof rep).pc))) return false;
        // one thread's counter changed to a value none had: another orbit
        const other = state([...pc.slice(0, 6), 4 + 5 * (1 + pc[6]!)], used);
        return hex(c.bytesOf(other)) !== want;
      }),
      { seed: 11, numRuns: 200 },
    );
    expect(c.refines).toBe(0); // sorted, never refined
  });
});
