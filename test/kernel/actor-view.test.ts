// actorView: the trace hooks of a spec with interchangeable actors, read off a two-walker state.
import { describe, expect, it } from "vitest";
import { Map as IMap, Record, type RecordOf } from "immutable";
import { Actors } from "../../src/kernel/actors.js";
import { actorView } from "../../src/kernel/actor-view.js";

type S = RecordOf<{ rc: number; W: IMap<string, "idle" | "hold"> }>;
const walkers = new Actors<"idle" | "hold">({ field: "W", ids: ["S", "S2"], actions: "parameterised", suffix: "first-plain" });
const s0: S = Record({ rc: 1, W: walkers.init("idle") })();
const texts = { SpecGet: "get_page_unless_zero(page0) by pfn walker S$", Alloc: "driver allocates page0" };

describe("actorView", () => {
  const view = actorView(walkers, texts, (s: S) => ({ page0: s.rc }));
  it("names a parameterised step after the actor whose state changed", () => {
    expect(view.describeStep("SpecGet", s0, walkers.with(s0.set("rc", 2), "S2", "hold"))).toBe("get_page_unless_zero(page0) by pfn walker S2");
    expect(view.describeStep("SpecGet", s0, walkers.with(s0.set("rc", 2), "S", "hold"))).toBe("get_page_unless_zero(page0) by pfn walker S");
    expect(view.describeStep("Alloc", s0, s0)).toBe("driver allocates page0");
  });
  it("shows the spec's counters and lets Halt never fire unless told otherwise", () => {
    expect(view.counters(s0.set("rc", 3))).toEqual({ page0: 3 });
    expect(view.mayNeverFire).toEqual(["Halt"]);
    expect(actorView(walkers, texts, (s: S) => ({ page0: s.rc }), ["Finished", "Halt"]).mayNeverFire).toEqual(["Finished", "Halt"]);
  });
});
