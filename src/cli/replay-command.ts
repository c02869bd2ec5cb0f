// `mc replay <spec.ts> <trace>`: re-runs a saved counterexample (ITF or mc JSON) against the
// spec as it is now. Exit 1: it still violates; 0: every step replays and the property holds;
// 2: the trace no longer fits the spec (the first step that does not is named).

import type { Argv } from "yargs";
import { initHash } from "../fingerprint/hash.js";
import { compile } from "../model/compile.js";
import { parseConstFlags } from "../model/constants.js";
import { loadSpec, requireFile } from "../model/load-spec.js";
import { replayTrace } from "../replay/replay-trace.js";
import { readTrace } from "../replay/read-trace.js";
import { styleFor } from "../report/style.js";
import { EXIT, type Io } from "./main.js";

export interface ReplayArgs {
  readonly spec: string;
  readonly trace: string;
  readonly consts: readonly string[];
  readonly typecheck: boolean;
}

export function replayCommand(y: Argv, run: (a: ReplayArgs) => void): Argv {
  return y.command(
    "replay <spec> <trace>",
    "re-run a saved counterexample (.itf.json or mc .json) against the spec as it is now",
    (c) =>
      c
        .positional("spec", { type: "string", demandOption: true, describe: "the spec file (.ts)" })
        .positional("trace", { type: "string", demandOption: true, describe: "the trace file (ITF *.itf.json or mc *.json)" })
        .option("const", { type: "string", array: true, default: [] as string[], describe: "override a constant recorded in the trace: NAME=VALUE" })
        .option("typecheck", { type: "boolean", default: true, describe: "type-check the spec first" }),
    (a) => {
      // no promise back to yargs: main.ts awaits the outcome and maps its errors
      run({ spec: String(a.spec), trace: String(a.trace), consts: (a.const as string[]).map(String), typecheck: a.typecheck as boolean });
    },
  );
}

export async function runReplay(a: ReplayArgs, io: Io): Promise<number> {
  requireFile(a.spec);
  const trace = readTrace(a.trace);
  const flags = parseConstFlags(a.consts);
  if (a.typecheck) (await import("./typecheck.js")).typecheck([a.spec]);
  const spec = await loadSpec(a.spec);
  // the trace's constants, where the spec still declares them; --const wins
  const recorded = Object.fromEntries(Object.entries(trace.constants).filter(([k]) => k in spec.constants));
  await initHash();
  const model = compile(spec, { ...recorded, ...flags }, a.spec);
  const style = styleFor(io.tty);
  const n = trace.keys.length;
  const consts = Object.entries(model.constants).map(([k, v]) => `${k}=${String(v)}`).join(" ");
  io.out(`mc: replaying ${a.trace} (${trace.format}, ${n} state${n === 1 ? "" : "s"}${trace.loop !== undefined ? `, loop back to ${trace.loop}` : ""}) against ${model.name} (${a.spec})\n`);
  if (consts) io.out(`  constants ${consts}\n`);
  const r = replayTrace(model, trace);
  for (let i = 0; i < r.states.length; i++) io.out(`  ${i}. ${i === 0 ? "initial state" : r.actions[i - 1]} ${style.ok("✓")}\n`);
  if (r.misfit) {
    const m = r.misfit;
    const at = m.step < n ? `step ${m.step}` : "the loop step";
    io.out(`  ${m.step}. ${m.step === 0 ? "initial state" : (trace.actions[m.step] ?? trace.loopAction ?? "?")} ${style.bad("✗")}\n\n`);
    io.out(style.bad(`✗ The trace no longer fits the spec at ${at}: ${m.reason}.`) + "\n");
    if (m.step < n) io.out(`  recorded state ${m.step}: ${JSON.stringify(trace.shown[m.step]).slice(0, 400)}\n`);
    return EXIT.error;
  }
  if (trace.loop !== undefined) io.out(`  ${n}. back to state ${trace.loop} (${trace.loopAction ?? "stuttering"}) ${style.ok("✓")}\n`);
  if (r.fair) io.out(`  the lasso is ${r.fair.ok ? "fair under the spec's fairness" : `not fair: ${r.fair.broken.join("; ")}`}\n`);
  io.out("\n" + (r.stillViolates ? style.bad(`✗ Still violated: ${r.detail}.`) : style.ok(`✓ Every step replays and the violation is gone: ${r.detail}.`)) + "\n");
  return r.stillViolates ? EXIT.violation : EXIT.ok;
}
