// bin/mc.js starts the worker threads of `mc check <spec> --workers N` before it loads the CLI:
// only for that plain form, N - 1 of them, into the registry the check's pool takes them from.
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { prewarmed, releasePrewarmed } from "../../src/explore/parallel/spawn-worker.js";
import { startEarlyWorkers } from "../../src/cli/early-start.js";

const spec = "test/fixtures/counter.ts";
const started = (): number => prewarmed().get(spec)?.length ?? 0;

describe("startEarlyWorkers", () => {
  afterEach(() => releasePrewarmed());

  it("starts N - 1 workers for check <spec> --workers N, also as --workers=N and auto", () => {
    startEarlyWorkers(["check", spec, "--no-typecheck", "--workers", "3"]);
    expect(started()).toBe(2);
    releasePrewarmed();
    startEarlyWorkers(["check", spec, "--workers=2"]);
    expect(started()).toBe(1);
    releasePrewarmed();
    startEarlyWorkers(["check", spec, "--workers", "auto"]);
    expect(started()).toBe(availableParallelism() - 1);
  });

  it("starts none for one worker, another command, a missing spec or a bad count", () => {
    for (const argv of [
      ["check", spec],
      ["check", spec, "--workers", "1"],
      ["check", spec, "--workers", "0"],
      ["check", spec, "--workers", "two"],
      ["check", spec, "--workers"],
      ["check", spec, "--cluster", "nats://x", "--workers", "2"],
      ["simulate", spec, "--workers", "2"],
      ["check", "no/such/spec.ts", "--workers", "2"],
      ["check", "--workers", "2", spec],
    ]) {
      startEarlyWorkers(argv);
      expect(started(), argv.join(" ")).toBe(0);
    }
  });

  it("the pool's release ends them", () => {
    startEarlyWorkers(["check", spec, "--workers", "2"]);
    const [entry] = prewarmed().get(spec)!;
    const exited = new Promise((resolve) => entry!.worker.on("exit", resolve));
    releasePrewarmed();
    expect(prewarmed().size).toBe(0);
    return expect(exited).resolves.toBeDefined();
  });
});
