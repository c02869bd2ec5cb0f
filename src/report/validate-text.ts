// `mc validate`'s answer as text and as one JSON object: the verdict with its counts, and for
// a log that does not fit, the first unexplained event, the states consistent just before it,
// and why each action that could have logged it did not.

import type { ValidateResult } from "../validate/validate.js";
import { leaves } from "./paths.js";
import { plain } from "./json.js";
import { thousands, type Style } from "./style.js";

export function formatValidate(r: ValidateResult, style: Style): string {
  const out: string[] = [""];
  const n = thousands(r.explained);
  const m = thousands(r.statesConsidered);
  if (r.verdict === "fits") {
    out.push(style.ok(`✓ the trace fits: ${n} event${r.explained === 1 ? "" : "s"} explained by a behaviour of ${r.spec} (${m} states considered).`));
  } else {
    const f = r.misfit!;
    out.push(style.bad(`✗ the trace does not fit ${r.spec}: event ${thousands(f.event)} (line ${f.line}) is explained by no behaviour of the spec.`), "");
    out.push(`  line ${f.line}: ${f.text.trim()}`, "");
    out.push(
      `  ${n} event${r.explained === 1 ? "" : "s"} before it were explained; just before it ${thousands(f.consistent)} spec state${f.consistent === 1 ? " was" : "s were"} consistent with the log` +
        (f.consistent > f.states.length ? ` (${f.states.length} shown):` : ":"),
    );
    f.states.forEach((s, i) => {
      out.push(`  ${style.bold(`state ${i + 1}`)}`);
      for (const [path, value] of leaves(s)) out.push(`       ${path}: ${value}`);
    });
    out.push("", `  The pfn is ${f.pages.length === 1 ? f.pages[0] : `one of ${f.pages.join(", ")} (its first event)`}. What the log says, and why no action that can log it explains it:`);
    if (f.whyNot.length === 0) out.push("    no action of the spec changes a page counter in the states met");
    const w = Math.max(...f.whyNot.map((x) => x.action.length), 6);
    for (const x of f.whyNot) out.push(`    ${x.action.padEnd(w)}  ${x.why}`);
  }
  out.push("", "Summary:");
  out.push(`  verdict     ${r.verdict === "fits" ? "fits" : `does not fit (event ${r.misfit!.event}, line ${r.misfit!.line})`}`);
  out.push(`  log         ${r.log} (${r.format}, ${thousands(r.lines)} lines)`);
  out.push(`  explained   ${n} page_ref events`);
  out.push(`  skipped     ${thousands(r.skipped.unmodelledPfn)} event${r.skipped.unmodelledPfn === 1 ? "" : "s"} of pfns the spec does not model, ${thousands(r.skipped.otherEvents)} other event${r.skipped.otherEvents === 1 ? "" : "s"}, ${thousands(r.skipped.comments)} comment or header line${r.skipped.comments === 1 ? "" : "s"}`);
  if (r.bindings.length > 0) out.push(`  pfns        ${r.bindings.map((b) => `${b.pfn} = ${b.page}`).join(", ")}${r.verdict === "fits" && r.consistentAtEnd > 1 ? " (one consistent binding)" : ""}`);
  out.push(`  states      ${m} considered, ${thousands(r.consistentAtEnd)} consistent at the end${r.verdict === "misfit" ? " of the explained prefix" : ""}`);
  const secs = r.durationMs / 1000;
  const total = r.explained + r.skipped.unmodelledPfn + r.skipped.otherEvents;
  const cpu = r.cpuMs / 1000;
  out.push(`  time        ${secs.toFixed(2)} s, ${cpu.toFixed(2)} s of CPU${cpu > 0.05 ? ` (${thousands(Math.round(total / cpu))} lines/s of CPU)` : ""}`);
  return out.join("\n") + "\n";
}

export function validateJson(r: ValidateResult): object {
  return {
    spec: r.spec,
    file: r.file,
    log: r.log,
    format: r.format,
    verdict: r.verdict,
    explained: r.explained,
    lines: r.lines,
    skipped: r.skipped,
    statesConsidered: r.statesConsidered,
    consistentAtEnd: r.consistentAtEnd,
    bindings: r.bindings,
    ...(r.misfit
      ? { misfit: { ...r.misfit, states: r.misfit.states.map(plain) } }
      : {}),
    timeMs: Math.round(r.durationMs),
    cpuMs: Math.round(r.cpuMs),
  };
}
