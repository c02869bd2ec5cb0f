// percpu_ref and get/put_dev_pagemap over a small Record: the semantics of brief §2.1/§2.2.

import { Record, type RecordOf } from "immutable";
import { describe, expect, it } from "vitest";
import type { FaultCode } from "../../src/kernel/fault.js";
import {
  completionDone,
  getDevPagemap,
  percpuRefInit,
  putDevPagemap,
  refGet,
  refKill,
  refPut,
  refTryget,
  refTrygetLive,
} from "../../src/kernel/percpu-ref.js";

type Ref = RecordOf<{ cnt: number; dead: boolean; released: boolean; unmapped: boolean; fault: FaultCode | null }>;
const Ref = Record<{ cnt: number; dead: boolean; released: boolean; unmapped: boolean; fault: FaultCode | null }>({
  ...percpuRefInit(),
  unmapped: false,
  fault: null,
});
const fresh = (extra = 0): Ref => Ref(percpuRefInit(extra));

describe("percpu_ref", () => {
  it("starts with the initial ref, live", () => {
    expect(fresh().toObject()).toMatchObject({ cnt: 1, dead: false, released: false });
    expect(fresh(3).cnt).toBe(4);
  });

  it("get and get_many add unconditionally", () => {
    expect(refGet(fresh()).cnt).toBe(2);
    expect(refGet(fresh(), 3).cnt).toBe(4);
  });

  it("a zero count before the kill releases nothing: percpu mode cannot see it", () => {
    const s = refPut(fresh());
    expect(s.cnt).toBe(0);
    expect(s.released).toBe(false);
  });

  it("kill drops the initial ref and releases when nothing else holds it", () => {
    const s = refKill(fresh());
    expect(s.toObject()).toMatchObject({ cnt: 0, dead: true, released: true, fault: null });
    expect(completionDone(s)).toBe(true);
  });

  it("after the kill, the last put releases", () => {
    const s = refKill(refGet(fresh()));
    expect(s.released).toBe(false);
    expect(completionDone(s)).toBe(false);
    expect(refPut(s).released).toBe(true);
  });

  it("kill must be called exactly once", () => {
    expect(() => refKill(refKill(fresh()))).toThrow(/twice/);
  });

  it("a put below zero is percpu_underflow", () => {
    expect(refPut(fresh(), 2).fault).toBe("percpu_underflow");
  });

  it("a get after the release is ref_after_release, and the first fault wins", () => {
    const s = refGet(refKill(fresh()));
    expect(s.fault).toBe("ref_after_release");
    expect(s.cnt).toBe(1);
    expect(refPut(refPut(s), 2).fault).toBe("ref_after_release");
  });

  it("tryget succeeds after the kill until the count drains", () => {
    const killed = refKill(refGet(fresh()));
    expect(refTryget(killed)?.cnt).toBe(2);
    expect(refTryget(refPut(killed))).toBeNull();
  });

  it("tryget_live fails once killed", () => {
    expect(refTrygetLive(fresh())?.cnt).toBe(2);
    expect(refTrygetLive(refKill(refGet(fresh())))).toBeNull();
  });
});

describe("get_dev_pagemap / put_dev_pagemap", () => {
  it("takes a live ref while the range is mapped", () => {
    const s = getDevPagemap(fresh());
    expect(s?.cnt).toBe(2);
    expect(putDevPagemap(s!).cnt).toBe(1);
  });

  it("fails once the pgmap is killed or the range unmapped", () => {
    expect(getDevPagemap(refKill(refGet(fresh())))).toBeNull();
    expect(getDevPagemap(fresh().set("unmapped", true))).toBeNull();
  });

  it("with LOOKUP=tryget succeeds after the kill until the count drains; LOOKUP=get never fails but faults after the release", () => {
    const killed = refKill(refGet(fresh())); // cnt 1, dead
    expect(getDevPagemap(killed, "tryget")?.cnt).toBe(2);
    expect(getDevPagemap(refKill(fresh()), "tryget")).toBeNull(); // drained: cnt 0
    expect(getDevPagemap(killed, "get")?.fault).toBeNull();
    const late = getDevPagemap(refKill(fresh()), "get");
    expect(late?.cnt).toBe(1);
    expect(late?.fault).toBe("ref_after_release");
    for (const how of ["live", "tryget", "get"] as const) expect(getDevPagemap(fresh().set("unmapped", true), how)).toBeNull();
  });
});
