// The holder ledger: on hand-made traces (never dropped, dropped twice, dropped by a step that
// took none, a spec's own view.refs), and on every kernel variant whose recorded counterexample
// breaks a refcount invariant or a freeing property: the culprit's actor and step, and the
// action at that step is the one specs/NOTES.md lists at that position of the bug's trace.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check } from "../../src/explore/check.js";
import { ledgerOf } from "../../src/explore/ledger.js";
import { parseRunFlags } from "../../src/cli/run-flags.js";
import { loadSpec } from "../../src/model/load-spec.js";
import type { TraceStep } from "../../src/result/result.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { formatResult } from "../../src/report/text.js";
import { styleFor } from "../../src/report/style.js";
import { toJson } from "../../src/report/json.js";

const steps = (...labels: string[]): TraceStep[] => [{ action: null, state: 0 }, ...labels.map((l, i) => ({ action: `A${i + 1}`, state: i + 1, label: l }))];
const rc = (...values: number[]) => [{ name: "page0", values }];

describe("ledgerOf on hand-made traces", () => {
  it("names the get that is never put", () => {
    const l = ledgerOf(steps("try_grab_page(page0) by gup2", "put_page(page0) by gup1", "owner waits"), rc(1, 2, 1, 1), {})!;
    // gup1 took nothing, so its put drops the reference held from the start; gup2's stays open
    expect(l.rows.map((r) => [r.kind, r.takenAt, r.takenBy, r.droppedAt])).toEqual([["initial", 0, "initial state", 2], ["pin", 1, "gup2", null]]);
    expect(l.culprit).toEqual({ step: 1, actor: "gup2", counter: "page0" });
    expect(l.sentence).toBe("the reference gup2 took at step 1 (try_grab_page) is never put; page0 is still at refcount 1 at step 3 (owner waits).");
  });
  it("flags a put by a holder whose reference is already dropped", () => {
    const l = ledgerOf(steps("get_page(page0) by gup1", "put_page(page0) by gup1", "put_page(page0) by gup1"), rc(0, 1, 0, -1), {})!;
    expect(l.anomalies).toEqual([{ counter: "page0", step: 3, actor: "gup1", call: "put_page", what: "dropped twice", earlier: 2 }]);
    expect(l.culprit).toEqual({ step: 3, actor: "gup1", counter: "page0" });
  });
  it("flags a put by a step that took none when nothing is held", () => {
    const l = ledgerOf(steps("put_page(page0) by gup3"), rc(0, -1), {})!;
    expect(l.anomalies[0]).toMatchObject({ step: 1, actor: "gup3", what: "dropped, never taken" });
    expect(l.sentence).toContain("step 1 (put_page by gup3) drops a reference on page0 that no holder took");
  });
  it("takes a spec's own account of references through view.refs", () => {
    const l = ledgerOf(steps("x", "y"), undefined, {
      refs: (action) => (action === "A1" ? [{ counter: "pgmap", op: "take", actor: "gup1", call: "get_dev_pagemap", kind: "pgmap ref" }] : []),
    })!;
    expect(l.rows).toEqual([{ counter: "pgmap", kind: "pgmap ref", takenAt: 1, takenBy: "gup1", takeCall: "get_dev_pagemap", droppedAt: null }]);
    expect(l.culprit).toEqual({ step: 1, actor: "gup1", counter: "pgmap" });
  });
});

/** Each recorded refcount counterexample: the culprit's actor and step, worked out from the trace and NOTES.md. */
const KERNEL: readonly [spec: string, flags: string, actor: string, step: number][] = [
  ["devpriv-free/hmm2017", "", "pfn walker S", 1],
  ["devpriv-free/hch2022", "", "pfn walker S", 1],
  ["folio-compound/legacy-pud-0based", "", "Gup0", 2],
  ["folio-compound/tail-own-refcount", "", "Gup1", 2],
  ["fsdax-idle/dax1based-norecheck", "", "gup1", 4],
  ["fsdax-idle/felixA", "", "gup1", 2],
  ["fsdax-idle/felixA", "--no-deadlock --property TruncateCompletes", "gup2", 8],
  ["fsdax-idle/felixB", "", "gup1", 5],
  ["fsdax-idle/felixB", "--no-deadlock --property TruncateCompletes", "gup1", 5],
  ["fsdax-idle/keymismatch", "", "gup1", 6],
  ["fsdax-idle/keymismatch", "--no-deadlock --property TruncateCompletes", "gup1", 6],
  ["fsdax-idle/popple2024-noinc", "", "MapFault", 2],
  ["generic-devdax/ralph2021", "", "gup1", 2],
  ["migrate-devpriv/mig0based-stale", "", "MgCollect", 1],
  ["migrate-devpriv/mig0based-stale", "--no-deadlock --property MigrationCompletes", "MgCollect", 5],
  ["migrate-devpriv/mig1based-dropped", "", "MgCollect", 1],
  ["migrate-devpriv/mig1based-dropped", "--no-deadlock --property MigrationCompletes", "MgCollect", 4],
  ["p2pdma/half-init0", "", "AllocMmap", 1],
  ["p2pdma/half-noreset", "", "a pfn walker", 1],
  ["p2pdma/v62", "", "a pfn walker", 1],
  ["pgmap-devpriv/devmap2017", "", "UPutRefs", 3],
  ["pgmap-devpriv/hch2022", "", "UPutRefs", 3],
  ["pgmap-devpriv/v61-late-alloc", "", "DriverAlloc", 2],
  ["pgmap-gup/dax2015-specgrab", "", "gup1", 2],
  ["pgmap-gup/dax2015", "--const LOOKUP=get", "gup1", 2],
  ["pgmap-gup/devmap2017-getpage", "", "gup1", 4],
];
const notes = readFileSync("specs/NOTES.md", "utf8").split("\n");

/** The actions NOTES.md lists for this variant's counterexample of `name`, e.g. "NoGetOnZero (2: DevDaxFault, GupGet)". */
function notesTrace(spec: string, flags: string, name: string): string[] | undefined {
  const keys = [spec.split("/")[1]!, ...[...flags.matchAll(/--const (\w+=\w+)/g)].map((m) => m[1]!)];
  for (const line of notes) {
    if (!keys.every((k) => line.includes(k))) continue;
    const m = new RegExp(`${name} \\((\\d+): ([^)]*)\\)`).exec(line);
    if (m) return m[2]!.split(",").map((s) => s.trim());
  }
  return undefined;
}

describe("the ledger of every recorded refcount counterexample", () => {
  it.each(KERNEL)("%s %s: blames %s at step %i", async (spec, flags, actor, step) => {
    const file = `specs/${spec}.ts`;
    const r = await check(await loadSpec(file), { ...parseRunFlags(flags ? flags.split(" ") : [], file), file });
    const v = r.violation!;
    expect(v.ledger?.culprit).toMatchObject({ actor, step });
    expect(v.ledger!.sentence).toContain(`step ${step}`);
    expect(v.ledger!.sentence).toContain(actor);
    const listed = notesTrace(spec, flags, v.name!);
    if (v.kind !== "liveness") expect(listed, `NOTES.md lists ${spec}'s ${v.name} trace`).toBeDefined();
    if (listed) expect(listed[step - 1]).toBe(v.trace[step]!.action);
  });
});

describe("the ledger in the reports", () => {
  it("text, JSON and the HTML page carry the same sentence; the page escapes it", async () => {
    const file = "specs/fsdax-idle/felixA.ts";
    const r = await check(await loadSpec(file), { file });
    const sentence = r.violation!.ledger!.sentence;
    expect(formatResult(r, styleFor(false))).toContain(`Holder ledger (each reference: who took it, where it was dropped):`);
    expect(formatResult(r, styleFor(false))).toContain(sentence);
    expect((toJson(r) as { violation: { ledger: { sentence: string } } }).violation.ledger.sentence).toBe(sentence);
    const html = renderHtmlReport(r);
    expect(html).toContain(`<p id="ledger-sentence">${sentence.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</p>`);
    const hostile = { ...r, violation: { ...r.violation!, ledger: { ...r.violation!.ledger!, sentence: "<script>x</script>" } } };
    expect(renderHtmlReport(hostile)).not.toContain("<script>x</script>");
  });
});
