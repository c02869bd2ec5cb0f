// SimpleAllocator (tlaplus/Examples specifications/allocator/SimpleAllocator.tla, model
// SimpleAllocator.cfg: Clients = {c1, c2, c3}, Resources = {r1, r2}, INVARIANTS TypeInvariant
// ResourceMutex, PROPERTIES ClientsWillReturn ClientsWillObtain InfOftenSatisfied).
//
// The numbers are TLC's, as published in tlaplus/Examples:
//   specifications/allocator/manifest.json (commit 32a32c7 of the repository's main),
//   modules[path = ".../SimpleAllocator.tla"].models[path = ".../SimpleAllocator.cfg"]:
//     "result": "success", "distinctStates": 400, "totalStates": 1633, "stateDepth": 6
// The variants' verdicts: SimpleAllocator.tla's closing comment says SimpleAllocator2 implies
// ClientsWillReturn but neither ClientsWillObtain nor InfOftenSatisfied. TLC 2.18, run locally
// per property on the same constants (same 400 states each time):
//   SimpleAllocator2: ClientsWillReturn holds; ClientsWillObtain and InfOftenSatisfied violated,
//     each by a 6-step prefix ending in "Stuttering" (c1 and c2 each hold the resource the other
//     still wants, and neither must return a partly satisfied request).
//   WF (SF_vars on Allocate replaced by WF_vars): ClientsWillReturn holds; ClientsWillObtain
//     violated by a real cycle ("Back to state 3": c3 requests, gets and returns r2 and then
//     {r1, r2} forever while c1 waits for r1, whose Allocate is only intermittently enabled);
//     InfOftenSatisfied violated by a cycle ("Back to state 2").
// So ClientsWillObtain holds only under strong fairness.

import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import spec from "../../specs/examples/simple-allocator.js";

describe("SimpleAllocator (3 clients, 2 resources)", () => {
  it("matches TLC: 400 distinct, 1633 generated, depth 6", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true });
    expect(r.verdict).toBe("ok");
    expect(r.distinctStates).toBe(400);
    expect(r.generatedStates).toBe(1633);
    expect(r.depth).toBe(6);
  });

  const obtain = ["c1", "c2", "c3"].flatMap((c) => ["r1", "r2"].map((r) => `ClientsWillObtain_${c}_${r}`));
  const ret = ["c1", "c2", "c3"].map((c) => `ClientsWillReturn_${c}`);

  it("SimpleAllocator2 still implies ClientsWillReturn", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { SPEC: "SimpleAllocator2" }, properties: ret });
    expect(r.verdict).toBe("ok");
  });

  it("SimpleAllocator2 violates ClientsWillObtain by stuttering: two clients each hold what the other wants", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { SPEC: "SimpleAllocator2" }, properties: obtain });
    expect(r.violation?.kind).toBe("liveness");
    expect(obtain).toContain(r.violation?.name);
    expect(r.violation?.loopAction).toBeNull();
  });

  it("with WF instead of SF on Allocate, ClientsWillObtain fails on a real cycle (it needs strong fairness)", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { SPEC: "WF" }, properties: obtain });
    expect(r.violation?.kind).toBe("liveness");
    expect(r.violation?.loopAction).not.toBeNull();
    const v = r.violation!;
    // the starving client's request is outstanding all along the cycle
    const [, c, res] = /^ClientsWillObtain_(c\d)_(r\d)$/.exec(v.name!)!;
    type A = { unsat: { get(k: string): { has(x: string): boolean } }; alloc: { get(k: string): { has(x: string): boolean } } };
    const cycle = v.trace.slice(v.loop!).map((t) => t.state as A);
    expect(cycle.every((s) => s.unsat.get(c!).has(res!) && !s.alloc.get(c!).has(res!))).toBe(true);
  });

  it("with WF on Allocate, ClientsWillReturn still holds", async () => {
    const r = await check(spec, { strategy: "bfs", deadlock: true, constants: { SPEC: "WF" }, properties: ret });
    expect(r.verdict).toBe("ok");
  });
});
