// The cost of checking symmetry (issue 14 §1): per spec, CPU time of the check before the search
// (first states), of the search itself, and of the check on the reached states after it
// (src/explore/symmetry-reach.ts), in the same process, each the median of REPEAT runs.
// Run: node --import tsx bench/symmetry-check.ts [REPEAT]

import { initHash } from "../src/fingerprint/hash.js";
import { compile } from "../src/model/compile.js";
import { selectChecks } from "../src/model/select.js";
import { search } from "../src/explore/search.js";
import { resolveOptions } from "../src/explore/options.js";
import { verifyReached } from "../src/explore/symmetry-reach.js";
import { verifySymmetry } from "../src/symmetry/verify.js";
import type { Spec } from "../src/spec/types.js";

const cases: { label: string; file: string; constants: Record<string, string | number>; invariants?: string[] }[] = [
  { label: "devpriv-sym P=4 T=8", file: "../specs/devpriv-sym.ts", constants: { P: 4, T: 8 } },
  { label: "devpriv-sym P=5 T=10", file: "../specs/devpriv-sym.ts", constants: { P: 5, T: 10 } },
  { label: "sym-counters N=11 K=8", file: "./specs/sym-counters.ts", constants: { N: 11, K: 8 } },
  {
    label: "fsdax-idle popple2024 NG=6 parameterised",
    file: "../specs/fsdax-idle/popple2024.ts",
    constants: { NG: 6, ACTORS: "parameterised" },
    invariants: ["TruncateNeverWhilePinned", "NoStrandedWaiter", "NoGetOnZero", "NoUnderflow", "RefcountMatchesHolders"],
  },
];

const cpu = (f: () => unknown): number => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;

await initHash();
const repeat = Number(process.argv[2] ?? 5);
for (const c of cases) {
  const spec = (await import(c.file)).default as Spec<unknown>;
  const model = selectChecks(compile(spec, c.constants), c.invariants ? { invariants: c.invariants, properties: [] } : null);
  const opts = resolveOptions({ constants: c.constants, deadlock: true }, 1);
  const first: number[] = [];
  const searchMs: number[] = [];
  const reach: number[] = [];
  let checked = 0;
  let distinct = 0;
  for (let i = 0; i < repeat; i++) {
    first.push(cpu(() => verifySymmetry(model)));
    const t = process.cpuUsage();
    const out = await search(model, opts);
    const d = process.cpuUsage(t);
    searchMs.push((d.user + d.system) / 1000);
    distinct = out.distinct;
    reach.push(cpu(() => (checked = verifyReached(model, out.store))));
  }
  console.log(`${c.label}: ${distinct} orbits; CPU ms (median of ${repeat}): first states ${med(first).toFixed(0)}, search ${med(searchMs).toFixed(0)}, reached states (${checked} checked) ${med(reach).toFixed(0)} = ${((100 * med(reach)) / med(searchMs)).toFixed(0)}% of the search`);
}
