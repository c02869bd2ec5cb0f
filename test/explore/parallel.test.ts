// Parallel BFS gives exactly the one-worker result: verdict, counts, depth and the trace, also
// when the shared seen-set has to grow in the middle of a level and when the spec is broken.
import { describe, expect, it } from "vitest";
import { check, type CheckOptions, type Spec } from "../../src/index.js";
import counter from "../fixtures/counter.js";
import grid from "../fixtures/grid.js";
import jugs from "../fixtures/jugs.js";
import mailbox from "../fixtures/mailbox.js";
import sets from "../fixtures/sets.js";

const file = (name: string): string => `test/fixtures/${name}.ts`;

/**
 * One worker's result and two workers'; the two-worker run is made twice, as a check runs (the
 * worker joins once it has loaded the spec, here after the small specs are done) and with the
 * worker in from the first level, so that every level is sent to it while the level before is
 * still being numbered: both must equal the one-worker result.
 */
async function both(spec: unknown, name: string, o: CheckOptions = {}): Promise<[object, object]> {
  const one = await check(spec as Spec<unknown>, { ...o, file: file(name), workers: 1 });
  const two = await check(spec as Spec<unknown>, { ...o, file: file(name), workers: 2 });
  const first = await check(spec as Spec<unknown>, { ...o, file: file(name), workers: 2, workersFirst: true });
  const strip = (r: object): object => ({ ...r, durationMs: 0, workers: 0, storeBytes: 0 });
  expect(strip(first)).toEqual(strip(one));
  return [strip(one), strip(two)];
}

describe("--workers 2 equals --workers 1", () => {
  it("on full runs", async () => {
    const [a, b] = await both(grid, "grid", { constants: { W: 12 } });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ verdict: "ok", distinctStates: 144 });
  });

  it("on an invariant violation: same stop point, same counts, same trace", async () => {
    for (const [spec, name, constants] of [
      [jugs, "jugs", {}],
      [grid, "grid", { W: 9, TX: 5, TY: 4 }],
    ] as const) {
      const [a, b] = await both(spec, name, { constants });
      expect(b).toEqual(a);
    }
  });

  it("on a deadlock and on bounds", async () => {
    let [a, b] = await both(counter, "counter", { constants: { N: 9, DEADLOCK_AT: 6 } });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ verdict: "violation", violation: { kind: "deadlock" } });
    [a, b] = await both(sets, "sets", { constants: { N: 8 }, maxStates: 100 });
    expect(b).toEqual(a);
    [a, b] = await both(grid, "grid", { constants: { W: 8 }, maxDepth: 4 });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ verdict: "bounded" });
  });

  it("when the seen-set grows in the middle of levels", async () => {
    const [a, b] = await both(sets, "sets", { constants: { N: 12 }, seenCapacity: 256 });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ distinctStates: 4096, generatedStates: 1 + 4096 * 12 });
  });

  it("with more workers than cores, mid-level growth and a violation late in a level", async () => {
    for (const workers of [3, 4]) {
      const one = await check(sets, { constants: { N: 11 }, seenCapacity: 64, file: file("sets"), workers: 1 });
      // (three workers in from the first level; four join as they come)
      const many = await check(sets, { constants: { N: 11 }, seenCapacity: 64, file: file("sets"), workers, workersFirst: workers === 3 });
      expect({ ...many, durationMs: 0, workers: 0, storeBytes: 0 }).toEqual({ ...one, durationMs: 0, workers: 0, storeBytes: 0 });
      const g1 = await check(grid, { constants: { W: 30, TX: 29, TY: 28 }, file: file("grid"), workers: 1 });
      const gn = await check(grid, { constants: { W: 30, TX: 29, TY: 28 }, file: file("grid"), workers, workersFirst: workers === 3 });
      expect({ ...gn, durationMs: 0, workers: 0, storeBytes: 0 }).toEqual({ ...g1, durationMs: 0, workers: 0, storeBytes: 0 });
      expect(g1.violation!.trace).toHaveLength(58);
    }
  });

  it("with coverage, complete or cut short", async () => {
    for (const o of [{}, { maxStates: 300 }]) {
      const [a, b] = await both(sets, "sets", { constants: { N: 9 }, coverage: true, ...o });
      expect(b).toEqual(a);
      expect((a as { coverage?: unknown }).coverage).toBeDefined();
    }
  });

  it("when a worker meets a Record type first in bytes another thread encoded", async () => {
    const [a, b] = await both(mailbox, "mailbox", { constants: { P: 2, V: 3, Q: 6 } });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ verdict: "ok", distinctStates: (6 ** 7 - 1) / 5 });
  });

  it("reports a broken action with the same error as one worker", async () => {
    const spec = (await import("../fixtures/broken/action-throws.js")).default as Spec<unknown>;
    const f = "test/fixtures/broken/action-throws.ts";
    await expect(check(spec, { workers: 1, file: f })).rejects.toThrow(/action 'Explode' threw Error: boom at two in state 2/);
    await expect(check(spec, { workers: 2, file: f })).rejects.toThrow(/action 'Explode' threw Error: boom at two in state 2/);
  });

  it("needs the spec's file", async () => {
    await expect(check(counter, { workers: 2 })).rejects.toThrow(/need its file/);
  });
});
