// `mc graph <spec.ts> [--max-states N] [--out FILE]`: the reachable state graph as Graphviz DOT
// on stdout (or in FILE, whole or not at all); refuses above N states (default 1,000).

import { writeOutputFile } from "./write-file-atomic.js";
import type { Argv } from "yargs";
import { initHash } from "../fingerprint/hash.js";
import { compile } from "../model/compile.js";
import { parseConstFlags } from "../model/constants.js";
import { loadSpec, requireFile } from "../model/load-spec.js";
import { stateGraph } from "../explore/graph.js";
import { McError } from "../result/errors.js";
import { renderDot } from "../report/dot.js";
import { thousands } from "../report/style.js";
import { EXIT, type Io } from "./main.js";

export interface GraphArgs {
  readonly spec: string;
  readonly consts: readonly string[];
  readonly maxStates: number;
  readonly out: string | undefined;
  readonly typecheck: boolean;
  /** --no-symmetry: the whole graph instead of the quotient. */
  readonly symmetry?: boolean;
}

export function graphCommand(y: Argv, run: (a: GraphArgs) => void): Argv {
  return y.command(
    "graph <spec>",
    "print the reachable state graph as Graphviz DOT (small specs only)",
    (c) =>
      c
        .positional("spec", { type: "string", demandOption: true, describe: "the spec file (.ts)" })
        .option("const", { type: "string", array: true, default: [] as string[], describe: "override a constant: NAME=VALUE (repeatable)" })
        .option("max-states", { type: "number", default: 1000, describe: "refuse graphs with more states than this" })
        .option("out", { type: "string", describe: "write the DOT to this file instead of stdout" })
        .option("typecheck", { type: "boolean", default: true, describe: "type-check the spec first" })
        .option("symmetry", { type: "boolean", default: true, describe: "draw one node per orbit of the spec's declared symmetry (--no-symmetry: every state)" }),
    (a) => {
      // no promise back to yargs: main.ts awaits the outcome and maps its errors
      run({ spec: String(a.spec), consts: (a.const as string[]).map(String), maxStates: a["max-states"] as number, out: a.out as string | undefined, typecheck: a.typecheck as boolean, symmetry: a.symmetry as boolean });
    },
  );
}

export async function runGraph(a: GraphArgs, io: Io): Promise<number> {
  requireFile(a.spec);
  if (!Number.isInteger(a.maxStates) || a.maxStates < 1) throw new McError("MC023", `--max-states ${a.maxStates}: expected a whole number of at least 1.`);
  const constants = parseConstFlags(a.consts);
  if (a.typecheck) (await import("./typecheck.js")).typecheck([a.spec]);
  const spec = await loadSpec(a.spec);
  await initHash();
  const model = compile(spec, constants, a.spec, { symmetry: a.symmetry ?? true });
  const g = stateGraph(model, a.maxStates);
  if (!g) {
    throw new McError(
      "MC045",
      `${a.spec}: spec '${model.name}' has more than ${thousands(a.maxStates)} reachable states, too many to draw readably. ` +
        `Shrink it with --const, or raise the limit with --max-states N if you really want the picture.`,
    );
  }
  const dot = renderDot(model.name, g);
  if (a.out !== undefined) {
    writeOutputFile(a.out, dot);
    io.err(`mc: wrote the state graph of ${model.name} (${g.states.length} states, ${g.edges.length} transitions) to ${a.out}\n`);
  } else io.out(dot);
  return EXIT.ok;
}
