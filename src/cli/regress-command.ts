// `mc regress`: placeholder until the results/ format lands (issue 3).
import { McError } from "../result/errors.js";
import type { Io } from "./main.js";
export async function runRegress(_a: { update: boolean; resultsDir: string; only: string | undefined }, _io: Io): Promise<number> {
  throw new McError("MC040", "mc regress: not implemented yet.");
}
