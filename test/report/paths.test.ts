// The trace's leaves: Records and keyed/indexed collections are walked, a Set is one leaf, and a
// state in its toJS() form (checkSpec's results) reads like the live one.
import { List, Map as IMap, Record, Set as ISet } from "immutable";
import { describe, expect, it } from "vitest";
import { changes, leaves } from "../../src/report/paths.js";

const R = Record({ a: 1, s: ISet<number>(), l: List<number>(), m: IMap<string, number>() });

describe("leaves", () => {
  it("shows a Set as one value, never its internals", () => {
    const l = leaves(ISet([5, 1]));
    expect([...l.keys()]).toEqual(["(state)"]);
    const r = leaves(R({ s: ISet([2]) }));
    expect(r.get("s")).toBe("[2]");
    expect([...r.keys()].some((k) => k.includes("_map") || k.includes("__"))).toBe(false);
  });

  it("walks Records, Lists and Maps, and a toJS() form gives the same leaves", () => {
    const s = R({ a: 2, l: List([7, 8]), m: IMap({ x: 1 }) });
    const live = leaves(s);
    expect(live.get("l[0]")).toBe("7");
    expect(live.get("m[x]")).toBe("1");
    // toJS() turns the Map into an object (m.x) and the Set into an array; the rest reads alike
    const js = leaves(s.toJS());
    for (const k of ["a", "l[0]", "l[1]"]) expect(js.get(k)).toBe(live.get(k));
    expect(js.get("m.x")).toBe("1");
    expect(changes(live, leaves(s.set("a", 3)))).toEqual([{ path: "a", before: "2", after: "3" }]);
  });
});
