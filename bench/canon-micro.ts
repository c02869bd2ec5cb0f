// In-process cost of canonicalisation per state (issue 14 §4): a sample of reachable states of
// a symmetric spec (a plain BFS, so not one per orbit), each encoded plainly and as its orbit
// representative, interleaved rounds so load on a shared machine hits both alike. Run:
// npx tsx bench/canon-micro.ts <spec.ts> [NAME=value ...] [--states 20000] [--rounds 5]

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { Encoder } from "../src/fingerprint/encode.js";
import { compile } from "../src/model/compile.js";
import { successorsAt } from "../src/explore/spec-calls.js";
import { orbitCanon } from "../src/symmetry/orbit.js";
import type { Spec } from "../src/index.js";

const args = process.argv.slice(2);
const file = args[0]!;
const consts: Record<string, string> = {};
let want = 20000;
let rounds = 5;
for (let i = 1; i < args.length; i++) {
  if (args[i] === "--states") want = Number(args[++i]);
  else if (args[i] === "--rounds") rounds = Number(args[++i]);
  else {
    const [k, v] = args[i]!.split("=");
    consts[k!] = v!;
  }
}
const spec = (await import(pathToFileURL(resolve(file)).href)).default as Spec<unknown>;
const model = compile(spec, consts, file, { symmetry: true });
const enc = new Encoder();
// states: a BFS without reduction, keeping successors (many per orbit, as the search meets them)
const states: unknown[] = [];
const seen = new Set<string>();
let queue: unknown[] = [...model.init];
while (states.length < want && queue.length > 0) {
  const next: unknown[] = [];
  for (const s of queue) {
    for (let a = 0; a < model.actions.length && states.length < want; a++) {
      for (const t of successorsAt(model, a, s)) {
        states.push(t);
        const key = Buffer.from(enc.buf.subarray(0, enc.encode(t))).toString("latin1");
        if (!seen.has(key)) {
          seen.add(key);
          next.push(t);
        }
      }
    }
  }
  queue = next;
}
const canon = orbitCanon(model);
const time = (f: (s: unknown) => number): number => {
  // CPU time of this thread, steadier than wall time on a shared machine
  const t0 = process.cpuUsage();
  let x = 0;
  for (const s of states) x += f(s);
  if (x < 0) console.log(x);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / states.length;
};
const plain: number[] = [];
const rep: number[] = [];
for (let r = 0; r < rounds; r++) {
  plain.push(time((s) => enc.encode(s)));
  rep.push(time((s) => canon.encodeRep(s, enc)));
}
const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${file} ${JSON.stringify(consts)}: ${states.length} states; CPU µs per state, median of ${rounds}: plain encode ${med(plain).toFixed(2)}, representative ${med(rep).toFixed(2)} (${(med(rep) / med(plain)).toFixed(1)}×); leaves ${canon.leaves}, refines ${canon.refines}`);
