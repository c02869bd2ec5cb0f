// The log readers: ftrace text as the kernel's trace file, trace_pipe and trace-cmd report print
// it (both irq-flag widths, a tgid column, flags as names or hex, fields missing in other
// kernels), and ndjson; other events, headers, lost events and lines that are no trace lines.
import { describe, expect, it } from "vitest";
import { parseFtraceLine } from "../../src/validate/ftrace.js";
import { parseNdjsonLine } from "../../src/validate/ndjson.js";
import { countChange } from "../../src/validate/log-event.js";

const FIELDS = "pfn=0x23fff0 flags=0x2000000000000000 count=2 mapcount=-1 mapping=0000000000000000 mt=0 val=1 ret=1";
const want = { kind: "event", event: { name: "page_ref_mod_unless", pfn: 0x23fff0, count: 2, val: 1, ret: 1 } };

describe("ftrace lines", () => {
  it("reads every column layout the kernel and trace-cmd print", () => {
    for (const line of [
      `      kcompactd0-47      [000] ...1.   412.103598: page_ref_mod_unless: ${FIELDS}`, // 5 flag columns (v5.17+)
      `      kcompactd0-47      [000] ....   412.103598: page_ref_mod_unless: ${FIELDS}`, // 4 flag columns
      `      kcompactd0-47      [000] d..2.   412.103598: page_ref_mod_unless: ${FIELDS}`,
      `      kcompactd0-47 (     47) [000] .....   412.103598: page_ref_mod_unless: ${FIELDS}`, // options/record-tgid
      `      kcompactd0-47  [000]   412.103598: page_ref_mod_unless:  ${FIELDS}`, // trace-cmd report
      `  my-prog-with-dashes-47  [000]   412.103598: page_ref:page_ref_mod_unless: ${FIELDS}`,
    ]) expect(parseFtraceLine(line), line).toEqual(want);
  });

  it("tolerates fields that changed across versions: flags by name or empty, mapping (null), no mapcount or mapping", () => {
    const e = (fields: string) => parseFtraceLine(`  a-1 [001] ..... 1.000001: page_ref_mod: ${fields}`);
    expect(e("pfn=0x10 flags=referenced|uptodate count=3 mapcount=0 mapping=          (null) mt=0 val=-1")).toEqual({ kind: "event", event: { name: "page_ref_mod", pfn: 16, count: 3, val: -1, ret: undefined } });
    expect(e("pfn=0x10 flags= count=3 mapcount=-1 mapping=0000000000000000 mt=0 val=1024")).toMatchObject({ event: { count: 3, val: 1024 } });
    expect(e("pfn=0x10 flags=0x0 count=3 mt=0 val=1")).toMatchObject({ event: { pfn: 16, count: 3, val: 1 } });
  });

  it("counts headers, comments and other events apart, stops on lost events, and names what a bad line lacks", () => {
    for (const l of ["# tracer: nop", "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION", "", "cpus=2", "version = 6", "CPU 1 is empty", "##### CPU 2 buffer started ####"]) expect(parseFtraceLine(l).kind, l).toBe("comment");
    expect(parseFtraceLine("  bash-1 [000] ..... 3.5: sched_switch: prev_comm=bash prev_pid=1").kind).toBe("other");
    expect(parseFtraceLine("CPU:1 [LOST 1234 EVENTS]").kind).toBe("lost");
    expect(parseFtraceLine("hello world")).toMatchObject({ kind: "bad", expected: expect.stringContaining("task-pid [cpu]") });
    expect(parseFtraceLine("  a-1 [001] ..... 1.0: page_ref_freeze: pfn=0x10 count=0 val=2")).toMatchObject({ kind: "bad", expected: expect.stringContaining("ret=<integer>") });
  });
});

describe("ndjson lines", () => {
  it("reads the same fields by name, pfn as a number or a hex string", () => {
    expect(parseNdjsonLine('{"event":"page_ref_mod_unless","pfn":"0x23fff0","count":2,"val":1,"ret":1}')).toEqual(want);
    expect(parseNdjsonLine('{"event":"page_ref_mod_unless","pfn":2359280,"count":2,"val":1,"ret":1,"comm":"x"}')).toEqual(want);
    expect(parseNdjsonLine('{"event":"sched_switch"}').kind).toBe("other");
    expect(parseNdjsonLine("   ").kind).toBe("comment");
    expect(parseNdjsonLine("[1]").kind).toBe("bad");
    expect(parseNdjsonLine('{"event":"page_ref_mod","pfn":"0x1"}')).toMatchObject({ kind: "bad", expected: expect.stringContaining("count=") });
  });
});

describe("what an event says the count did", () => {
  const ev = (name: string, count: number, val: number, ret?: number) => ({ name, pfn: 1, count, val, ret }) as Parameters<typeof countChange>[0];
  it("per page_ref.h: mods from count-val, set and unfreeze to count, freeze from val to 0, failures read", () => {
    expect(countChange(ev("page_ref_mod", 3, 1), 3, 1)).toEqual({ kind: "step", from: 2, to: 3 });
    expect(countChange(ev("page_ref_mod_and_test", 0, -1, 1), 0, -1)).toEqual({ kind: "step", from: 1, to: 0 });
    expect(countChange(ev("page_ref_set", 1, 1), 1, 1)).toEqual({ kind: "step", from: undefined, to: 1 });
    expect(countChange(ev("page_ref_unfreeze", 2, 2), 2, 2)).toEqual({ kind: "step", from: 0, to: 2 });
    expect(countChange(ev("page_ref_freeze", 0, 2, 1), 0, 2)).toEqual({ kind: "step", from: 2, to: 0 });
    expect(countChange(ev("page_ref_freeze", 3, 2, 0), 3, 2)).toEqual({ kind: "read", from: 3, to: 3 });
    expect(countChange(ev("page_ref_mod_unless", 0, 1, 0), 0, 1)).toEqual({ kind: "read", from: 0, to: 0 });
  });
});
