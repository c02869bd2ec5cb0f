// The type-check process (started by typecheck-boot.cjs: RESULT FILE...): type-checks those FILEs
// that did not pass before unchanged (bin/mc.js starts it before anyone has asked the cache),
// records a pass in the cache, and writes its outcome to RESULT as one JSON object (temp file +
// rename, so the parent, which polls for RESULT, never reads half of it).

import { renameSync, writeFileSync } from "node:fs";
import { McError, describeThrown } from "../result/errors.js";
import { recordPass, staleSpecs } from "./typecheck-cache.js";
import type { Checked } from "./typecheck.js";

/** What the child reports: passed, or the MC003 message (or an internal failure's description). */
export type TypecheckOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

/** Checks and reports; returns what the compiler read of the library when it passed (for the snapshot). */
export async function runChild([resultPath, ...files]: readonly string[]): Promise<Checked["library"] | undefined> {
  let outcome: TypecheckOutcome;
  let library: Checked["library"] | undefined;
  try {
    const stale = staleSpecs(files);
    if (stale.length > 0) {
      // the compiler is loaded only now: a spec unchanged since it passed costs no more than its stamps
      const checked = (await import("./typecheck.js")).typecheck(stale);
      for (const f of stale) recordPass(f, checked.sources);
      library = checked.library;
    }
    outcome = { ok: true };
  } catch (e) {
    outcome = e instanceof McError ? { ok: false, code: e.code, message: e.message } : { ok: false, code: "internal", message: describeThrown(e) };
  }
  writeFileSync(`${resultPath}.tmp`, JSON.stringify(outcome));
  renameSync(`${resultPath}.tmp`, resultPath!);
  return library;
}
