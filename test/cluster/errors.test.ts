// The cluster mode's errors: each a clear message with its MC code and exit 2, within its
// documented timeout, never a hang. The ones that need a nats-server run in the long suite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mc } from "../helpers.js";
import { NatsServer, natsInstalled } from "./nats-server.js";

const SPEC = "test/fixtures/grid.ts";
const worker = (url: string, nodes: number, index: number, ...more: string[]): string[] => ["cluster", "worker", SPEC, "--cluster", url, "--nodes", String(nodes), "--index", String(index), "--no-typecheck", "--no-checkpoints", ...more];

describe("cluster errors without a server", () => {
  it("an unreachable NATS server is MC066, at once", async () => {
    const t0 = Date.now();
    const r = await mc(...worker("nats://127.0.0.1:1", 1, 0, "--connect-timeout", "2"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/MC066[\s\S]*cannot reach a NATS server there within 2000 ms[\s\S]*mc cluster up/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("bad cluster flags are MC072", async () => {
    expect((await mc(...worker("nats://127.0.0.1:1", 2, 2))).err).toMatch(/MC072[\s\S]*index 2 .* from 0 to 1/);
    expect((await mc(...worker("http://x", 2, 0))).err).toMatch(/MC072[\s\S]*expected a NATS URL/);
    expect((await mc("check", SPEC, "--cluster", "nats://127.0.0.1:1", "--nodes", "0")).err).toMatch(/MC072[\s\S]*--nodes 0/);
  });
});

describe.runIf(process.env["MC_LONG"] === "1" && natsInstalled)("cluster errors against a real nats-server", () => {
  let nats: NatsServer;
  beforeAll(async () => void (nats = await NatsServer.start()));
  afterAll(async () => nats?.down());

  it("a worker that never joins is MC067 naming it, after --join-timeout", async () => {
    const r = await mc(...worker(nats.url, 3, 0, "--run", "lonely", "--join-timeout", "2"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/MC067[\s\S]*workers 1, 2 of 3 did not join within 2000 ms/);
    const w = await mc(...worker(nats.url, 3, 2, "--run", "nocoord", "--join-timeout", "2"));
    expect(w.err).toMatch(/MC067[\s\S]*worker 2 of run 'nocoord': no coordinator answered its join within 2000 ms/);
  });

  it("a worker started with other constants is refused at join (MC068), naming both", async () => {
    const [a, b] = await Promise.all([mc(...worker(nats.url, 2, 0, "--run", "mixed", "--join-timeout", "10")), mc(...worker(nats.url, 2, 1, "--run", "mixed", "--const", "W=5", "--join-timeout", "10"))]);
    for (const r of [a, b]) {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/MC068[\s\S]*worker 1 .* cannot join: its spec or constants differ: it checks .*W=5.*, the run checks .*W=4/);
    }
  });
});
