// Test helper: a nats-server of the test's own on a free port, which a test may restart.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";

export const natsInstalled = spawnSync("nats-server", ["--version"]).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, "127.0.0.1", () => (c.end(), r(true)));
      c.on("error", () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on ${port}`);
}

export class NatsServer {
  private p: ChildProcess | undefined;
  private constructor(readonly port: number) {}

  static async start(): Promise<NatsServer> {
    const s = new NatsServer(await freePort());
    await s.up();
    return s;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.p = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(this.port)], { stdio: "ignore" });
    await listening(this.port);
  }

  async down(): Promise<void> {
    const p = this.p;
    if (!p || p.exitCode !== null) return;
    await new Promise((r) => (p.once("exit", r), p.kill("SIGKILL")));
  }
}
