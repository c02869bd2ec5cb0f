// Parses the check flags recorded in a results/ file (a subset of `mc check`'s flags) into
// check options, so a recorded configuration is re-run exactly as it was recorded.

import type { CheckOptions } from "../explore/options.js";
import { parseConstFlags } from "../model/constants.js";
import { McError } from "../result/errors.js";

export function parseRunFlags(flags: readonly string[], where: string): CheckOptions {
  const consts: string[] = [];
  const invariants: string[] = [];
  const properties: string[] = [];
  let o: { -readonly [K in keyof CheckOptions]: CheckOptions[K] } = {};
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    const arg = (): string => {
      const v = flags[++i];
      if (v === undefined) throw new McError("MC040", `${where}: flag ${f} needs a value.`);
      return v;
    };
    if (f === "--no-deadlock") o.deadlock = false;
    else if (f === "--no-symmetry") o.symmetry = false;
    else if (f === "--strategy") o.strategy = arg();
    else if (f === "--const") consts.push(arg());
    else if (f === "--max-states") o.maxStates = Number(arg());
    else if (f === "--max-depth") o.maxDepth = Number(arg());
    else if (f === "--workers") o.workers = Number(arg());
    else if (f === "--invariant") invariants.push(arg());
    else if (f === "--property") properties.push(arg());
    else throw new McError("MC040", `${where}: unsupported flag '${f}' (use --strategy, --no-deadlock, --no-symmetry, --const, --max-states, --max-depth, --workers, --invariant or --property).`);
  }
  o = { ...o, constants: parseConstFlags(consts), ...(invariants.length ? { invariants } : {}), ...(properties.length ? { properties } : {}) };
  return o;
}
