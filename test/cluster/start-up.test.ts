// A cluster run starts as soon as everyone listens: over a real nats-server the workers' first
// joins can go out before the coordinator's subscription reaches the server and are lost; the
// coordinator's first heartbeat, sent as it starts, has them join again at once. Before, they
// joined again only at their own next heartbeat (1 s by default, on every run of the long suite).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInProcess } from "../../src/cluster/check-cluster.js";
import { natsTransport } from "../../src/cluster/nats-transport.js";
import grid from "../fixtures/grid.js";
import { NatsServer, natsInstalled } from "./nats-server.js";

describe.runIf(process.env["MC_LONG"] === "1" && natsInstalled)("the cluster's start-up over a real nats-server", () => {
  let nats: NatsServer;
  beforeAll(async () => void (nats = await NatsServer.start()));
  afterAll(async () => nats?.down());

  it("does not wait a heartbeat for the workers to join", { timeout: 30_000 }, async () => {
    const connect = () => natsTransport({ url: nats.url, connectTimeoutMs: 5000, reconnectForMs: 5000 });
    for (const nodes of [1, 2, 4]) {
      const started = Date.now();
      // heartbeats a minute apart: a run that waited for one would take that long
      const c = await checkInProcess(grid, { file: "test/fixtures/grid.ts", constants: { W: 3 } }, nodes, { run: `startup${nodes}`, timeouts: { heartbeatMs: 60_000 } }, connect);
      expect(c.result, `${nodes} workers`).toMatchObject({ verdict: "ok", distinctStates: 9 });
      expect(Date.now() - started, `${nodes} workers`).toBeLessThan(10_000);
    }
  });
});
