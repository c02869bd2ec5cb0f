// The authoring API: what TypeScript infers for a spec (states, typed constants) and the eager
// shape checks defineSpec makes before anything runs.
import { List, Record } from "immutable";
import { describe, expect, expectTypeOf, it } from "vitest";
import { defineSpec, McError, type Spec } from "../../src/index.js";

const S = Record({ n: 0, pages: List<number>() });
type S = ReturnType<typeof S>;

describe("types", () => {
  it("infers the state type and keeps enum-like constants as literal unions", () => {
    const spec = defineSpec({
      name: "t",
      constants: { P: 2, ERA: { default: "v61", values: ["hmm2017", "v61"] }, DEBUG: false },
      init: ({ P }) => {
        expectTypeOf(P).toEqualTypeOf<number>();
        return [S({ pages: List(Array<number>(P).fill(0)) })];
      },
      actions: ({ ERA, DEBUG }) => {
        expectTypeOf(ERA).toEqualTypeOf<"hmm2017" | "v61">();
        expectTypeOf(DEBUG).toEqualTypeOf<boolean>();
        return { Inc: (s: S) => (s.n < 3 ? s.set("n", s.n + 1) : null) };
      },
    });
    expectTypeOf(spec).toEqualTypeOf<Spec<S>>();
  });

  it("rejects what is not a spec at compile time", () => {
    defineSpec({
      name: "t",
      init: [S()],
      // @ts-expect-error an action returns states, not a plain number when states are Records
      actions: { Bad: (s: S) => s.n + 1 },
    });
    defineSpec({
      name: "t",
      constants: { ERA: { default: "v61", values: ["hmm2017", "v61"] } },
      init: [S()],
      actions: ({ ERA }) => ({
        // @ts-expect-error "v62" is not one of the constant's values
        A: (s: S) => (ERA === "v62" ? s : null),
      }),
    });
  });
});

describe("eager shape checks (MC005)", () => {
  const bad = (def: unknown): (() => unknown) => () => defineSpec(def as never);
  it("names what is wrong", () => {
    expect(bad({ init: [0], actions: { A: () => 0 } })).toThrow(/`name` must be a non-empty string/);
    expect(bad({ name: "x", init: 5, actions: { A: () => 0 } })).toThrow(/`init` must be an array/);
    expect(bad({ name: "x", init: [0], actions: {} })).toThrow(/at least one action/);
    expect(bad({ name: "x", init: [0], actions: { A: 3 } })).toThrow(/action 'A' is number, not a function/);
    expect(bad({ name: "x", init: [0], actions: { A: () => 0 }, invariants: { I: "yes" } })).toThrow(/invariant 'I' is string/);
    expect(bad({ name: "x", constants: { P: [1] }, init: [0], actions: { A: () => 0 } })).toThrow(/constant 'P' must default/);
    expect(bad({ name: "x", constants: { E: { default: "a", values: ["b"] } }, init: [0], actions: { A: () => 0 } })).toThrow(/includes the default/);
    expect(bad({ name: "x", init: [0], actions: { A: () => 0 } })).not.toThrow();
    try {
      bad({ name: "x", init: [0], actions: [] })();
    } catch (e) {
      expect(e).toBeInstanceOf(McError);
      expect((e as McError).code).toBe("MC005");
    }
  });
});
