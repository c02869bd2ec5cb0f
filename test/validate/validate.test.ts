// The validation search on a spec small enough to count by hand (two-pages.ts: 18 states): pfns
// bound by first appearance, unmodelled pfns skipped, hidden steps bounded by --max-hidden, pins
// and failed conditional operations; the exit-2 errors; --trace writes the explaining behaviour.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import { initHash } from "../../src/fingerprint/hash.js";
import { compile } from "../../src/model/compile.js";
import { validateLog } from "../../src/validate/validate.js";
import twoPages from "../fixtures/validate/two-pages.js";
import { tempDir } from "../support/temp.js";

const dir = tempDir("mc-validate-");
let n = 0;
/** A log file of ndjson events [pfn, count, val, ret?, name?]. */
function ndjson(events: readonly (readonly [number, number, number, number?, string?])[]): string {
  const file = join(dir, `log${n++}.ndjson`);
  writeFileSync(file, events.map(([pfn, count, val, ret, name]) => JSON.stringify({ event: name ?? (ret === undefined ? "page_ref_mod" : "page_ref_mod_unless"), pfn, count, val, ...(ret !== undefined ? { ret } : {}) })).join("\n") + "\n");
  return file;
}
const model = (events = false) => compile(twoPages as never, { EVENTS: events }, "two-pages.ts");
const run = (file: string, maxHidden?: number, events = false) => validateLog(model(events), file, maxHidden === undefined ? {} : { maxHidden });

beforeAll(async () => {
  await initHash();
});

describe("validation on two-pages", () => {
  it("binds a pfn at its first event to any page not yet bound, and skips pfns beyond the spec's pages", () => {
    // pfn 1 goes to 1: page0 (after the hidden Lock) or page1; pfn 2 takes the other; pfn 3 is skipped
    const r = run(ndjson([[1, 1, 1], [2, 1, 1], [3, 5, 1], [1, 2, 1], [3, 4, -1]]));
    expect(r.verdict).toBe("fits");
    expect(r.explained).toBe(3);
    expect(r.skipped.unmodelledPfn).toBe(2);
    // page0 and page1 both end at 1 or 2: (a, b) = (2, 1) locked, or (1, 2) in either lock state
    expect(r.consistentAtEnd).toBe(3);
    expect(r.bindings.map((b) => b.pfn)).toEqual(["0x1", "0x2"]);
  });

  it("bounds the steps that log nothing between two events by --max-hidden", () => {
    // page0 and then page1 each to 1, then pfn 1 to 2: if pfn 1 is page0 it needs the lock (one hidden step) before its first get
    const log = ndjson([[1, 1, 1], [1, 2, 1]]);
    expect(run(log).verdict).toBe("fits");
    expect(run(log, 0).verdict).toBe("fits"); // pfn 1 = page1 needs no lock
    const both = ndjson([[1, 1, 1], [2, 1, 1]]); // one of them is page0: it needs Lock first
    expect(run(both, 1).verdict).toBe("fits");
    const r0 = run(both, 0);
    expect(r0.verdict).toBe("misfit");
    expect(r0.misfit).toMatchObject({ event: 2, line: 2, pages: ["page0"] });
    expect(r0.misfit!.whyNot.find((w) => w.action === "GetA")!.why).toMatch(/^not enabled/);
  });

  it("reads a failed conditional get as 'the count is this' and a count that skips a value as no step", () => {
    expect(run(ndjson([[7, 0, 1, 0]])).verdict).toBe("fits"); // get_page_unless_zero on a page at 0 fails
    expect(run(ndjson([[7, 1, 1, 0]])).verdict).toBe("misfit"); // it failed, but no page is at 1
    // after the first get: (a, b, lock) = (1, 0, locked) by Lock, GetA; (0, 1, unlocked) by GetB; (0, 1, locked) by Lock, GetB
    const r = run(ndjson([[7, 1, 1], [7, 3, 1]]));
    expect(r.misfit).toMatchObject({ event: 2, consistent: 3 });
  });

  it("counts a FOLL_PIN (val=±1024, or 1 then 1023 from gup-fast) as one reference", () => {
    expect(run(ndjson([[7, 1024, 1024], [7, 1025, 1, 1], [7, 2048, 1023], [7, 1024, -1024], [7, 0, -1024, 1, "page_ref_mod_and_test"]])).verdict).toBe("fits");
    expect(run(ndjson([[7, 1024, 1024], [7, 1025, 1024]])).verdict).toBe("misfit"); // a second pin would give 2048
  });
});

describe("--any-start", () => {
  it("lets a log captured mid-behaviour start in any reachable state", () => {
    const log = ndjson([[1, 1, -1]]); // a put from 2 to 1: no initial state has a page at 2
    expect(run(log).verdict).toBe("misfit");
    const r = validateLog(model(), log, { anyStart: true });
    expect(r.verdict).toBe("fits");
    expect(r.statesConsidered).toBe(18); // the whole spec: lock × a × b = 2 × 3 × 3
    // the put leaves a = 1 (b any) or b = 1 (a any), either lock: 2 × (3 + 3 − 1) = 10 distinct states
    expect(r.consistentAtEnd).toBe(10);
  });
});

describe("a declared view.log.events", () => {
  it("lets an action explain only the events it declares, and lists only those actions in the why-not", () => {
    // page_ref_mod then page_ref_mod_unless on one pfn: without the mapping either page fits; with it, the
    // first is GetB's (page1), so the second cannot be GetA's (page0's)
    const log = ndjson([[1, 1, 1], [1, 2, 1, 1]]);
    expect(run(log).verdict).toBe("fits");
    const r = run(log, undefined, true);
    expect(r.misfit).toMatchObject({ event: 2, pages: ["page1"] });
    expect(r.misfit!.whyNot.map((w) => w.action)).toEqual(["(the log)", "GetA"]);
    expect(r.misfit!.whyNot[1]!.why).toMatch(/it changes page0, not this pfn's page/);
    expect(run(ndjson([[1, 1, 1, 1], [2, 1, 1]]), undefined, true).bindings.map((b) => b.page)).toEqual(["page0", "page1"]);
  });

  it("takes a set to the value a page already has as a step of an action declaring page_ref_set, not as nothing", () => {
    const set = (count: number) => ndjson([[1, count, count, undefined, "page_ref_set"]]);
    expect(run(set(0)).verdict).toBe("fits"); // no mapping: a set that changes nothing needs no step
    expect(run(set(0), undefined, true).verdict).toBe("fits"); // Lock (hidden), then Unlock logs the set
    expect(run(set(0), 0, true).verdict).toBe("misfit"); // Unlock needs the Lock before it
  });
});

describe("reading the log", () => {
  it("takes CRLF line ends, a last line without a newline and UTF-8 task names, numbering lines from 1", async () => {
    const f = join(dir, "crlf.trace");
    const line = (count: number, val: number) => `  kworker/ü:1-9 [000] ..... 1.0: page_ref_mod: pfn=0x7 flags= count=${count} mapcount=-1 mapping=0000000000000000 mt=0 val=${val}`;
    writeFileSync(f, `# tracer: nop\r\n${line(1, 1)}\r\n${line(3, 1)}`);
    const r = run(f);
    expect(r.lines).toBe(3);
    expect(r.misfit).toMatchObject({ event: 2, line: 3, text: line(3, 1) });
  });
});

describe("mc validate: bad input is exit 2 with its code", () => {
  const log = (name: string) => fixture(`validate/${name}`);
  const validate = (...a: string[]) => mc("validate", "--no-typecheck", ...a);
  it("MC056 an unreadable log, MC057 a line that is no trace line, MC059 a bad flag", async () => {
    let r = await validate("specs/devpriv-free/v61.ts", join(dir, "nope.trace"));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("MC056")]);
    const bad = join(dir, "bad.trace");
    writeFileSync(bad, "# tracer: nop\n  a-1 [000] ..... 1.0: page_ref_set: pfn=0x1 count=1 val=1\nthis is not ftrace\n");
    r = await validate("specs/devpriv-free/v61.ts", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC057");
    expect(r.err).toContain(`${bad}:3: this line is not a trace line: "this is not ftrace"; expected an ftrace line`);
    const lost = join(dir, "lost.trace");
    writeFileSync(lost, "  a-1 [000] ..... 1.0: page_ref_set: pfn=0x1 count=1 val=1\nCPU:0 [LOST 12 EVENTS]\n");
    r = await validate("specs/devpriv-free/v61.ts", lost);
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/MC057[\s\S]*lost events/)]);
    r = await validate("specs/devpriv-free/v61.ts", log("foll-pin.trace"), "--format", "csv");
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("MC059")]);
    r = await validate("specs/devpriv-free/v61.ts", log("foll-pin.trace"), "--max-hidden", "-1");
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("MC059")]);
  });

  it("MC058 a spec with no event mapping, MC060 a view.log naming a page that is no counter; --json still one object", async () => {
    let r = await validate("specs/examples/diehard.ts", log("foll-pin.trace"));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("MC058")]);
    r = await validate(log("bad-log-mapping.ts"), log("foll-pin.trace"), "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: "error", error: { code: "MC060" } });
  });
});

describe("mc validate --trace", () => {
  it("writes the behaviour that explains the log (or its longest explained prefix) as mc check's trace files", async () => {
    const file = join(dir, "walker.itf.json");
    const r = await mc("validate", "--no-typecheck", "specs/devpriv-free/v61.ts", fixture("validate/devpriv-walker.trace"), "--trace", file);
    expect(r.code).toBe(0);
    const itf = JSON.parse(readFileSync(file, "utf8"));
    expect(itf.states.map((s: { "#meta": { action?: string } }) => s["#meta"].action ?? null)).toEqual([null, "DriverAlloc", "SpecTryGet", "OwnerPut", "SpecPut"]);
    expect(itf.states.map((s: { rc: number }) => s.rc)).toEqual([0, 1, 2, 1, 0]);
    const json = join(dir, "skips.json");
    const m = await mc("validate", "--no-typecheck", "specs/devpriv-free/v61.ts", fixture("validate/devpriv-count-skips.trace"), "--trace", json);
    expect(m.code).toBe(1);
    const t = JSON.parse(readFileSync(json, "utf8"));
    expect(t.violation.trace.map((s: { action: string | null }) => s.action)).toEqual([null, "DriverAlloc", "SpecTryGet"]);
    const html = join(dir, "skips.html");
    await mc("validate", "--no-typecheck", "specs/devpriv-free/v61.ts", fixture("validate/devpriv-count-skips.trace"), "--trace", html);
    expect(readFileSync(html, "utf8")).toContain("mc validate: the longest explained prefix, 2 events of");
  });
});
