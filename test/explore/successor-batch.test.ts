// The search computes all of a state's successors before admitting any (SuccessorBatch), but a
// spec error met while computing them is raised only after the successors before it: a run stops
// where, and with the verdict, a one-by-one search would, with every strategy and worker count.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../fixtures/batch-order.js";

const runs = [
  { strategy: "bfs" as const, workers: 1 },
  { strategy: "dfs" as const, workers: 1 },
  { strategy: "bfs" as const, workers: 2 },
];

describe("successors computed ahead keep the one-by-one stopping point", () => {
  for (const how of ["throw", "nonstate"]) {
    for (const o of runs) {
      it(`${how}, ${o.strategy}, ${o.workers} worker(s): the earlier successor's violation wins`, async () => {
        const r = await check(spec, { ...o, file: "test/fixtures/batch-order.ts", constants: { LIMIT: 2, HOW: how } });
        expect(r.verdict).toBe("violation");
        expect(r.violation!.name).toBe("Below");
        expect(r.violation!.trace.map((t) => t.state)).toEqual([0, 1, 2]);
      });

      it(`${how}, ${o.strategy}, ${o.workers} worker(s): without a violation the spec error is raised`, async () => {
        const code = how === "throw" ? "MC011" : "MC010";
        await expect(check(spec, { ...o, file: "test/fixtures/batch-order.ts", constants: { LIMIT: 100, HOW: how } })).rejects.toMatchObject({ code });
      });
    }
  }
});
