// What bin/mc.js starts before it loads tsx and the CLI, for a plain `mc check <spec> ...`: the
// type check (typecheck-spawn.js) and the worker threads of --workers N. Plain JavaScript, as it
// runs before tsx is loaded; anything less plain than `check <spec>` first is left to yargs.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { prewarmWorkers } from "../explore/parallel/spawn-worker.js";

/** For `mc check <spec> ...` with an existing spec first and no --cluster/--help/--version: the spec and the flags after it. */
export function plainCheck(argv) {
  const [command, spec, ...rest] = argv;
  if (command !== "check" || spec === undefined || spec.startsWith("-") || !existsSync(spec)) return undefined;
  if (rest.some((a) => /^--(cluster|help|version)/.test(a))) return undefined;
  return { spec, rest };
}

/** For a plain `mc check <spec> ... --workers N` (N ≥ 2 or auto), starts its N - 1 workers now. */
export function startEarlyWorkers(argv) {
  const plain = plainCheck(argv);
  if (plain === undefined) return;
  const { spec, rest } = plain;
  const at = rest.findIndex((a) => a === "--workers" || a.startsWith("--workers="));
  if (at < 0) return;
  const value = rest[at] === "--workers" ? rest[at + 1] : rest[at].slice("--workers=".length);
  const n = value === "auto" ? availableParallelism() : /^[1-9][0-9]{0,2}$/.test(value ?? "") ? Number(value) : 1;
  if (n > 1) prewarmWorkers(spec, n - 1);
}
