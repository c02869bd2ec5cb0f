// Orbits by brute force, for checking the symmetry reduction on real specs: every reachable
// state of the plain model (a breadth-first search over the spec's own values), each one's least
// encoding over every renaming of the group. Also the group itself for owned sets: every
// permutation of the owners and of the members, kept when it maps the ownership to itself, and
// the product of the plain sets' permutations.
import { Encoder } from "../../src/fingerprint/encode.js";
import type { Model } from "../../src/model/compile.js";
import { steps } from "../differential/reference.js";

function permutations(xs: readonly string[]): string[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Every renaming that permutes each set within itself (a product of symmetric groups). */
export function productRenamings(sets: readonly (readonly string[])[]): Map<string, string>[] {
  let group: Map<string, string>[] = [new Map()];
  for (const c of sets) group = permutations(c).flatMap((p) => group.map((g) => new Map([...g, ...c.map((x, i) => [x, p[i]!] as const)])));
  return group;
}

/** Every renaming of `owners` and `members` together that keeps `ownerOf` (member → owner). */
export function ownershipRenamings(owners: readonly string[], members: readonly string[], ownerOf: ReadonlyMap<string, string>): Map<string, string>[] {
  const onMembers = productRenamings([members]);
  const out: Map<string, string>[] = [];
  for (const po of permutations(owners)) {
    const onOwners = new Map(owners.map((p, i) => [p, po[i]!]));
    for (const r of onMembers) {
      if (members.every((t) => ownerOf.get(r.get(t)!) === onOwners.get(ownerOf.get(t)!))) out.push(new Map([...onOwners, ...r]));
    }
  }
  return out;
}

/** The plain model's reachable states and their orbits under `renamings` (the whole group). */
export function bruteOrbits(m: Model, renamings: readonly Map<string, string>[]): { states: number; orbits: number } {
  const enc = new Encoder();
  const key = (s: unknown, r: Map<string, string> | null): string => {
    enc.rename = r;
    try {
      return Buffer.from(enc.buf.subarray(0, enc.encode(s))).toString("latin1");
    } finally {
      enc.rename = null;
    }
  };
  const seen = new Set<string>();
  const orbits = new Set<string>();
  let level = [...m.init];
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const s of level) {
      const k = key(s, null);
      if (seen.has(k)) continue;
      seen.add(k);
      let best = k;
      for (const r of renamings) {
        const x = key(s, r);
        if (x < best) best = x;
      }
      orbits.add(best);
      for (const t of steps(m, s)) next.push(t.state);
    }
    level = next;
  }
  return { states: seen.size, orbits: orbits.size };
}
