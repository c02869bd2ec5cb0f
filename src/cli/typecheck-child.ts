// The type-check process: `typecheck-boot.js RESULT FILE...` type-checks FILEs, records a pass in
// the cache, and writes its outcome to RESULT as one JSON object (temp file + rename, so the
// parent, which polls for RESULT, never reads half of it).

import { renameSync, writeFileSync } from "node:fs";
import { McError, describeThrown } from "../result/errors.js";
import { recordPass } from "./typecheck-cache.js";
import { typecheck } from "./typecheck.js";

/** What the child reports: passed, or the MC003 message (or an internal failure's description). */
export type TypecheckOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

const [resultPath, ...files] = process.argv.slice(2);
let outcome: TypecheckOutcome;
try {
  const { sources } = typecheck(files);
  for (const f of files) recordPass(f, sources);
  outcome = { ok: true };
} catch (e) {
  outcome = e instanceof McError ? { ok: false, code: e.code, message: e.message } : { ok: false, code: "internal", message: describeThrown(e) };
}
writeFileSync(`${resultPath}.tmp`, JSON.stringify(outcome));
renameSync(`${resultPath}.tmp`, resultPath!);
