// Round trip (issue 15 §4): random behaviours of every kernel spec, rendered as the ftrace lines
// the kernel would print, validate against that spec; and with one event deleted, duplicated or
// its delta changed they do not. Stated so that it is true of any spec: the mutated event (or the
// next one on its pfn) no longer continues its page's count sequence, and a page's counter moves
// only by the steps that log its events, so no behaviour at all explains the mutated log.
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { initHash } from "../../src/fingerprint/hash.js";
import { compile, type Model } from "../../src/model/compile.js";
import { successorsOf } from "../../src/model/successors.js";
import type { Spec } from "../../src/spec/types.js";
import { resolveMapping } from "../../src/validate/mapping.js";
import { behaviourEvents, ftraceLine, type RenderedEvent } from "../../src/validate/render.js";
import { validateLog } from "../../src/validate/validate.js";
import { tempDir } from "../support/temp.js";

const LONG = process.env["MC_LONG"] === "1";
/** Every kernel spec: specs/<family>/<variant>.ts and the top-level ones (npm test: one variant per family). */
function kernelSpecs(): string[] {
  const out = ["specs/fsdax.ts", "specs/devpriv.ts"];
  if (LONG) out.push("specs/devpriv-plain.ts", "specs/devpriv-liveness.ts");
  for (const d of readdirSync("specs", { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === "examples" || d.name === "fsdax") continue;
    const variants = readdirSync(join("specs", d.name)).filter((f) => f.endsWith(".ts") && f !== "model.ts" && f !== "log.ts").sort();
    out.push(...(LONG ? variants : variants.slice(0, 1)).map((v) => `specs/${d.name}/${v}`));
  }
  return out;
}

const dir = tempDir("mc-roundtrip-");
let files = 0;
function write(events: readonly RenderedEvent[]): string {
  const f = join(dir, `b${files++}.trace`);
  writeFileSync(f, ["# tracer: nop", ...events.map(ftraceLine)].join("\n") + "\n");
  return f;
}

/** A behaviour of the spec: from an initial state, successors picked by `choices`. */
function walk(m: Model, choices: readonly number[]): unknown[] {
  let s = m.init[choices[0]! % m.init.length];
  const states = [s];
  for (const c of choices.slice(1)) {
    const succ = m.actions.flatMap((a) => [...successorsOf(a(s))]);
    if (succ.length === 0) break;
    s = succ[c % succ.length];
    states.push(s);
  }
  return states;
}

/** Indices of events with an event on the same pfn before and after them. */
function inner(events: readonly RenderedEvent[]): number[] {
  return events.map((_, i) => i).filter((i) => events.slice(0, i).some((e) => e.pfn === events[i]!.pfn) && events.slice(i + 1).some((e) => e.pfn === events[i]!.pfn));
}

beforeAll(async () => {
  await initHash();
});

describe("round trip: a behaviour's log validates, a mutated one does not", () => {
  it.each(kernelSpecs())("%s", { timeout: LONG ? 900_000 : 60_000 }, async (file) => {
    const spec = (await import(resolve(file))).default as Spec<unknown>;
    const consts: { [k: string]: number } = file === "specs/fsdax.ts" ? (LONG ? { NG: 2 } : { NG: 2, ORDER: 0 }) : {};
    const m = compile(spec, consts, file);
    const mapping = resolveMapping(m);
    const pfnOf = (p: number): number => 0x23ff00 + 0x40 * p;
    fc.assert(
      fc.property(fc.array(fc.nat(1 << 20), { minLength: 2, maxLength: LONG ? 40 : 20 }), fc.nat(1 << 20), fc.constantFrom("delete", "duplicate", "delta"), (choices, pick, how) => {
        const events = behaviourEvents(mapping, walk(m, choices), pfnOf);
        const ok = validateLog(m, write(events));
        expect(ok.verdict, `${file}: a behaviour's own log must fit`).toBe("fits");
        expect(ok.explained).toBe(events.length);
        if (how === "duplicate") {
          if (events.length === 0) return;
          const i = pick % events.length;
          const r = validateLog(m, write([...events.slice(0, i + 1), ...events.slice(i)]));
          expect(r.verdict).toBe("misfit");
          expect(r.misfit!.event).toBe(i + 2);
          return;
        }
        const cands = inner(events);
        if (cands.length === 0) return;
        const i = cands[pick % cands.length]!;
        if (how === "delete") {
          const next = events.findIndex((e, j) => j > i && e.pfn === events[i]!.pfn);
          const r = validateLog(m, write([...events.slice(0, i), ...events.slice(i + 1)]));
          expect(r.verdict).toBe("misfit");
          expect(r.misfit!.event).toBeLessThanOrEqual(next); // the next event on its pfn, now at index next-1
        } else {
          const e = events[i]!;
          const val = [e.val + 1, e.val - 1, -e.val].find((v) => v !== 0 && Math.abs(v) !== 1023 && Math.abs(v) !== 1024)!;
          const r = validateLog(m, write([...events.slice(0, i), { ...e, val }, ...events.slice(i + 1)]));
          expect(r.verdict).toBe("misfit");
          expect(r.misfit!.event).toBe(i + 1);
        }
      }),
      { numRuns: LONG ? (file === "specs/fsdax.ts" ? 15 : 100) : 6, seed: 15 },
    );
  });
});
