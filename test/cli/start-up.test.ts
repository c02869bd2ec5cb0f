// What `mc check` loads before it searches: the TypeScript compiler (mc mutate, the type-check
// child) and the NATS client (the cluster worker) are imported only where they run. Loading them
// at start-up doubled a small check's time and memory (0.8 s / 110 MiB -> 1.6 s / 213 MiB) once,
// through one value import from a module that imports the compiler.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const probe = `
import { createRequire } from "node:module";
await import("./src/cli/main.ts");
const cache = Object.keys(createRequire(import.meta.url).cache);
const heavy = cache.filter((k) => /node_modules\\/(typescript|@nats-io)\\//.test(k));
console.log(JSON.stringify({ heavy, cjs: cache.length }));
`;

describe("mc start-up", () => {
  it("loading the CLI pulls in neither the TypeScript compiler nor the NATS client", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], { encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout.trim().split("\n").pop()!) as { heavy: string[]; cjs: number };
    expect(got.heavy).toEqual([]);
  });

  it("the probe sees the compiler when it is loaded (so the test above can fail)", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe.replace('"./src/cli/main.ts"', '"./src/mutate/operators.ts"')], { encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout.trim().split("\n").pop()!) as { heavy: string[] };
    expect(got.heavy.length).toBeGreaterThan(0);
  });
});
