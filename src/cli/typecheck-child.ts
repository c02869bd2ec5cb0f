// The type-check process: `typecheck-boot.js RESULT FILE...` type-checks those FILEs that did not
// pass before unchanged (bin/mc.js starts it before anyone has asked the cache), records a pass in
// the cache, and writes its outcome to RESULT as one JSON object (temp file + rename, so the
// parent, which polls for RESULT, never reads half of it).

import { renameSync, writeFileSync } from "node:fs";
import { McError, describeThrown } from "../result/errors.js";
import { recordPass, staleSpecs } from "./typecheck-cache.js";

/** What the child reports: passed, or the MC003 message (or an internal failure's description). */
export type TypecheckOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

const [resultPath, ...files] = process.argv.slice(2);
let outcome: TypecheckOutcome;
try {
  const stale = staleSpecs(files);
  if (stale.length > 0) {
    // the compiler is loaded only now: a spec unchanged since it passed costs no more than its stamps
    const { sources } = (await import("./typecheck.js")).typecheck(stale);
    for (const f of stale) recordPass(f, sources);
  }
  outcome = { ok: true };
} catch (e) {
  outcome = e instanceof McError ? { ok: false, code: e.code, message: e.message } : { ok: false, code: "internal", message: describeThrown(e) };
}
writeFileSync(`${resultPath}.tmp`, JSON.stringify(outcome));
renameSync(`${resultPath}.tmp`, resultPath!);
