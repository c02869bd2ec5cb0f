// Action properties ([][A]_vars): checked on every state-changing step, also into states already
// seen; the trace ends with the offending step; BFS gives the shortest; workers agree.
import { describe, expect, it } from "vitest";
import { check, defineSpec } from "../../src/index.js";
import ticker from "../fixtures/live/ticker.js";

const file = "test/fixtures/live/ticker.ts";

describe("action properties", () => {
  it("a step into an already-seen state is checked: Reset (3 -> 0) breaks NeverReset", async () => {
    const r = await check(ticker, { properties: ["NeverReset"] });
    expect(r.verdict).toBe("violation");
    expect(r.violation).toMatchObject({ kind: "action", name: "NeverReset" });
    expect(r.violation!.trace.map((t) => t.state)).toEqual([0, 1, 2, 3, 0]);
    expect(r.violation!.trace.at(-1)!.action).toBe("Reset");
    expect(r.distinctStates).toBe(4);
  });

  it("a property that holds on every step, with the self-loop Idle never checked", async () => {
    const r = await check(ticker, { properties: ["StepsByOne"] });
    expect(r).toMatchObject({ verdict: "ok", properties: ["StepsByOne"] });
  });

  it("self-loops are stuttering and are not checked", async () => {
    const spec = defineSpec({
      name: "self-loop-only",
      init: [0],
      actions: { Stay: (x: number) => x, Up: (x: number) => (x < 2 ? x + 1 : null) },
      actionProperties: { NoStay: (_s: number, _t: number, a: string) => a !== "Stay" },
    });
    expect((await check(spec, { deadlock: false })).verdict).toBe("ok");
  });

  it("BFS and DFS name the same property and end with a real offending step; workers 1 and 2 agree", async () => {
    const bfs = await check(ticker, { properties: ["NeverReset"], file });
    const dfs = await check(ticker, { properties: ["NeverReset"], strategy: "dfs", file });
    const two = await check(ticker, { properties: ["NeverReset"], workers: 2, file });
    const first = await check(ticker, { properties: ["NeverReset"], workers: 2, file, workersFirst: true });
    expect({ ...first, durationMs: 0 }).toEqual({ ...two, durationMs: 0 });
    for (const r of [bfs, dfs, two]) {
      expect(r.violation).toMatchObject({ kind: "action", name: "NeverReset" });
      const t = r.violation!.trace;
      expect(t.at(-1)).toMatchObject({ action: "Reset", state: 0 });
      expect(t.at(-2)!.state).toBe(3);
    }
    expect(two.violation!.trace).toEqual(bfs.violation!.trace);
    expect(two.generatedStates).toBe(bfs.generatedStates);
  });

  it("BFS gives the shortest offending trace", async () => {
    const spec = defineSpec({
      name: "grid-step",
      init: [0],
      actions: { Inc: (x: number) => (x < 6 ? x + 1 : null), Jump: (x: number) => (x === 0 ? 5 : null) },
      actionProperties: { NotFromFive: (s: number) => s !== 5 },
    });
    const r = await check(spec, { deadlock: false });
    expect(r.violation!.trace.map((t) => t.action)).toEqual([null, "Jump", "Inc"]);
  });
});
