// The hand-written kernel logs of test/fixtures/validate against the kernel specs: every verdict
// recorded in expected.json (exit code, events explained, the line that does not fit), and the
// messages of §1 of issue 15 for a log that fits, one that does not, and bad input.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";

interface Expected { spec: string; log: string; exit: number; explained: number; misfitLine?: number; skippedPfn?: number; other?: number }
const EXPECTED = JSON.parse(readFileSync(fixture("validate/expected.json"), "utf8")) as Expected[];
const validate = (...a: string[]) => mc("validate", "--no-typecheck", ...a);
const log = (name: string) => fixture(`validate/${name}`);

describe("mc validate on the fixtures", () => {
  it.each(EXPECTED)("$log against $spec: exit $exit", async (x) => {
    const r = await validate(x.spec, log(x.log), "--json");
    expect(r.code, r.err).toBe(x.exit);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe(x.exit === 0 ? "fits" : "misfit");
    expect(j.explained).toBe(x.explained);
    if (x.misfitLine !== undefined) expect(j.misfit.line).toBe(x.misfitLine);
    if (x.skippedPfn !== undefined) expect(j.skipped.unmodelledPfn).toBe(x.skippedPfn);
    if (x.other !== undefined) expect(j.skipped.otherEvents).toBe(x.other);
  });

  it("says a log fits in the words of the issue", async () => {
    const r = await validate("specs/devpriv-free/v61.ts", log("devpriv-walker.trace"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ the trace fits: 4 events explained by a behaviour of devpriv-free\/v61 \(\d+ states considered\)\./);
    expect(r.out).toContain("2 events of pfns the spec does not model, 1 other event, 12 comment or header lines");
    expect(r.out).toContain("0x23fff0 = page0");
  });

  it("names the first unexplained event, the consistent states, and why each action does not explain it", async () => {
    const r = await validate("specs/devpriv-free/v61.ts", log("devpriv-count-skips.trace"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ the trace does not fit devpriv-free/v61: event 3 (line 7) is explained by no behaviour of the spec.");
    expect(r.out).toContain("line 7: kcompactd0-47      [000] ...1.   412.103702: page_ref_mod_and_test: pfn=0x23fff0");
    expect(r.out).toContain("just before it 1 spec state was consistent with the log");
    expect(r.out).toMatch(/rc: 2\n\s+onFreeList: false/);
    expect(r.out).toContain("takes it from 1 to 0 (count=0 val=-1 ret=1)");
    expect(r.out).toMatch(/OwnerPut\s+enabled in 1 of the 1 state consistent .*: it would do page0 2 → 1/);
    expect(r.out).toMatch(/SpecPut\s+enabled/);
    const j = JSON.parse((await validate("specs/devpriv-free/v61.ts", log("devpriv-count-skips.trace"), "--json")).out);
    expect(j.misfit).toMatchObject({ event: 3, line: 7, consistent: 1, pages: ["page0"] });
    expect(j.misfit.states[0]).toMatchObject({ rc: 2, D: "hold", S: { S1: "hold" } });
    expect(j.misfit.whyNot.map((w: { action: string }) => w.action)).toEqual(["(the log)", "OwnerPut", "SpecPut"]);
  });
});
