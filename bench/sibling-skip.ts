// How many successors the sibling skip spares canonicalising (docs/symmetry.md, "Siblings"): one
// in-process check of a symmetric spec, then this thread's tally (parents looked at, those with
// twins, signatures, matches) against the successors generated. CPU rates are measured on whole
// processes instead (`node bin/mc.js check ... --no-typecheck`, MC_SIBLING_SKIP=0 for the other
// side). Run: npx tsx bench/sibling-skip.ts <spec.ts> [NAME=value ...] [--invariant name ...]

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { check, type Spec } from "../src/index.js";
import { siblingTally } from "../src/symmetry/sibling-delta.js";

const args = process.argv.slice(2);
const file = args[0]!;
const constants: Record<string, string> = {};
const invariants: string[] = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === "--invariant") invariants.push(args[++i]!);
  else {
    const [k, v] = args[i]!.split("=");
    constants[k!] = v!;
  }
}
const spec = (await import(pathToFileURL(resolve(file)).href)).default as Spec<unknown>;
const cpu = process.cpuUsage();
const r = await check(spec, { constants, ...(invariants.length > 0 ? { invariants } : {}) });
const used = process.cpuUsage(cpu);
const t = siblingTally;
const pct = (x: number, of: number): string => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
console.log(
  `${file} ${JSON.stringify(constants)}: ${r.verdict}, ${r.distinctStates} distinct, ${r.generatedStates} generated; ` +
    `parents looked at ${t.parents} (${t.withTwins} with twins), signatures ${t.signed}, ` +
    `matched ${t.matched} = ${pct(t.matched, r.generatedStates)} of successors not canonicalised; ` +
    `${((used.user + used.system) / 1e6).toFixed(2)} CPU s in process (MC_SIBLING_SKIP=${process.env["MC_SIBLING_SKIP"] ?? "1"})`,
);
