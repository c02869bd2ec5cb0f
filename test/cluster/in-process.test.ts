// The cluster engine over the in-process bus gives exactly the one-machine result for 1..4
// workers: verdict, counts, depth and the whole counterexample (its states, not only its
// length), on full runs, invariant violations, deadlocks, bounds and broken specs.
import { describe, expect, it } from "vitest";
import { check, type CheckOptions, type Spec } from "../../src/index.js";
import { checkInProcess } from "../../src/cluster/check-cluster.js";
import { toJson } from "../../src/report/json.js";
import counter from "../fixtures/counter.js";
import grid from "../fixtures/grid.js";
import jugs from "../fixtures/jugs.js";
import mailbox from "../fixtures/mailbox.js";
import sets from "../fixtures/sets.js";
import iterated from "../fixtures/iterated-collections.js";

const strip = (r: object): object => ({ ...r, timeMs: 0, workers: 0 });

async function same(spec: unknown, name: string, o: CheckOptions, nodes = [1, 2, 3, 4], batchBytes?: number): Promise<object> {
  const file = `test/fixtures/${name}.ts`;
  const one = strip(toJson(await check(spec as Spec<unknown>, { ...o, file })));
  for (const n of nodes) {
    const c = await checkInProcess(spec as Spec<unknown>, { ...o, file }, n, batchBytes ? { batchBytes } : {});
    expect(strip(toJson(c.result)), `${name} on ${n} workers`).toEqual(one);
  }
  return one;
}

describe("the cluster engine equals one machine", () => {
  it("on full runs (counts known by hand)", async () => {
    expect(await same(grid, "grid", { constants: { W: 8 } })).toMatchObject({ verdict: "ok", distinctStates: 64, depth: 15 });
    expect(await same(sets, "sets", { constants: { N: 7 } }, [1, 3], 200)).toMatchObject({ distinctStates: 128, generatedStates: 1 + 128 * 7 });
  });

  it("on invariant violations: the same stop point, counts and trace, also late in a level", async () => {
    await same(jugs, "jugs", {});
    expect(await same(grid, "grid", { constants: { W: 9, TX: 5, TY: 4 } })).toMatchObject({ verdict: "violation", depth: 10 });
    expect(await same(grid, "grid", { constants: { W: 12, TX: 11, TY: 10 } }, [2, 4], 300)).toMatchObject({ depth: 22 });
    for (const KIND of ["set", "record"]) await same(iterated, "iterated-collections", { constants: { KIND } });
  });

  it("on a deadlock, on an invariant broken by an initial state and on --max-depth", async () => {
    expect(await same(counter, "counter", { constants: { N: 9, DEADLOCK_AT: 6 } })).toMatchObject({ verdict: "violation", violation: { kind: "deadlock" } });
    await same(counter, "counter", { constants: { LIMIT: 0 } });
    expect(await same(grid, "grid", { constants: { W: 8 }, maxDepth: 4 })).toMatchObject({ verdict: "bounded" });
    await same(counter, "counter", { constants: { N: 9, DEADLOCK_AT: 6 }, deadlock: false });
  });

  it("on Records, Maps and Lists in states", async () => {
    expect(await same(mailbox, "mailbox", { constants: { P: 2, V: 3, Q: 3 } }, [1, 4])).toMatchObject({ verdict: "ok", distinctStates: (6 ** 4 - 1) / 5 });
  });

  it("stops on an aborted signal with the verdict interrupted and the counts of the levels completed", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const { result } = await checkInProcess(grid, { file: "test/fixtures/grid.ts", constants: { W: 300 }, signal: ac.signal }, 2);
    expect(result.verdict).toBe("interrupted");
    expect(result.distinctStates).toBeLessThan(300 * 300);
    // a completed level of the grid from a corner: every state within a distance, (d+1)(d+2)/2 of them
    const d = result.depth - 1;
    expect(result.distinctStates).toBe(((d + 1) * (d + 2)) / 2);
  });

  it("reports a broken action with the one-machine error", async () => {
    const spec = (await import("../fixtures/broken/action-throws.js")).default as Spec<unknown>;
    await expect(checkInProcess(spec, { file: "test/fixtures/broken/action-throws.ts" }, 3)).rejects.toThrow(/action 'Explode' threw Error: boom at two in state 2/);
  });

  it("refuses what it cannot check the same way (MC070)", async () => {
    const live = (await import("../fixtures/live/ticker.js")).default as Spec<unknown>;
    await expect(checkInProcess(live, { file: "test/fixtures/live/ticker.ts" }, 2)).rejects.toMatchObject({ code: "MC070", message: expect.stringMatching(/temporal properties/) });
    await expect(checkInProcess(grid, { file: "test/fixtures/grid.ts", maxStates: 5 }, 2)).rejects.toMatchObject({ code: "MC070" });
    await expect(checkInProcess(grid, { file: "test/fixtures/grid.ts", strategy: "dfs" }, 2)).rejects.toMatchObject({ code: "MC070" });
  });
});
