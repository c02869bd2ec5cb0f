// mc as a package, the way a project installs it: `npm pack`, install the tarball into a fresh
// project outside the repository (npm --prefer-offline: the local cache first), then run a vitest
// file there that uses checkSpec and the mc/vitest matchers on a spec of its own, and a test that
// `mc check --emit-test` wrote there, and `npx mc check` that spec. Slow (an npm install): part of
// `npm run test:long` (MC_LONG=1).
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { entryPoints, valueExports } from "./value-exports.js";
import { tempDir } from "../support/temp.js";

const long = process.env["MC_LONG"] === "1";
const root = resolve(".");
const work = tempDir("mc-pack-");
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", MC_LONG: "", MC_EXAMPLES_LARGE: "" } });
  if (r.error) throw r.error;
  return r;
}

describe.skipIf(!long)("mc installed from its packed tarball", () => {
  it("imports mc and mc/vitest in the project's own vitest, and runs npx mc check", { timeout: 900_000 }, async () => {
    const packed = run("npm", ["pack", "--pack-destination", work], root);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(work, packed.stdout.trim().split("\n").at(-1)!);
    const proj = join(work, "proj");
    mkdirSync(join(proj, "specs"), { recursive: true });
    mkdirSync(join(proj, "test"), { recursive: true });
    writeFileSync(join(proj, "package.json"), JSON.stringify({ name: "uses-mc", private: true, type: "module" }));
    copyFileSync(join(root, "test/pack/mutex-spec.txt"), join(proj, "specs/mutex.ts"));
    copyFileSync(join(root, "test/pack/mutex-test.txt"), join(proj, "test/mutex.test.ts"));
    const vitestVersion = JSON.parse(readFileSync(join(root, "node_modules/vitest/package.json"), "utf8")).version;
    const installed = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `vitest@${vitestVersion}`], proj);
    expect(installed.status, installed.stderr).toBe(0);

    // the package holds what it needs and nothing of the repository's own
    const files = run("tar", ["tzf", tarball], work).stdout;
    expect(files).toContain("package/lib/index.js");
    expect(files).toContain("package/src/vitest.ts");
    expect(files).not.toContain("package/specs/");
    expect(files).not.toContain("package/test/");

    // a test emitted outside mc's repository imports "mc" and "mc/vitest" by name
    const emitted = run("npx", ["mc", "check", "specs/mutex.ts", "--no-typecheck", "--emit-test", "test/emitted.test.ts"], proj);
    expect(emitted.status, emitted.stderr).toBe(1);
    expect(readFileSync(join(proj, "test/emitted.test.ts"), "utf8")).toContain(`import { checkSpec } from "mc";`);

    const tests = run("npx", ["vitest", "run"], proj);
    expect(tests.stdout + tests.stderr).toMatch(/Tests\s+3 passed/);
    expect(tests.status).toBe(0);

    const checked = run("npx", ["mc", "check", "specs/mutex.ts"], proj);
    expect(checked.stdout).toContain("✗ Invariant Mutex is violated after 4 steps.");
    expect(checked.status).toBe(1);
    const fixed = run("npx", ["mc", "check", "specs/mutex.ts", "--const", "ATOMIC=true", "--no-typecheck", "--json"], proj);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ verdict: "ok" });
    expect(fixed.status).toBe(0);

    // every value export of every entry point, imported by its package name from the tarball
    // ("mc/vitest" needs vitest's runner: the project's vitest run above imports it)
    const points = entryPoints(root).filter(([k]) => k !== "./vitest");
    const names = points.map(([k]) => `mc${k.slice(1)}`);
    writeFileSync(join(proj, "exports.mjs"), `const out = {};\nfor (const n of ${JSON.stringify(names)}) out[n] = Object.entries(await import(n)).filter(([, v]) => v !== undefined).map(([k]) => k).sort();\nconsole.log(JSON.stringify(out));\n`);
    const listed = run("node", ["exports.mjs"], proj);
    expect(listed.status, listed.stderr).toBe(0);
    const got = JSON.parse(listed.stdout) as Record<string, string[]>;
    for (const [k, e] of points) expect(got[`mc${k.slice(1)}`], k).toEqual(await valueExports(join(root, e.types)));
    expect(got["mc"]).toEqual(expect.arrayContaining(["renderHtmlReport", "simulate", "checkSpec"]));

    // a spec built from "mc/kernel" and "mc/invariants", type-checked and checked in the project
    copyFileSync(join(root, "test/pack/page-spec.txt"), join(proj, "specs/page.ts"));
    const page = run("npx", ["mc", "check", "specs/page.ts"], proj);
    expect(page.stdout + page.stderr).toContain("✓ All invariants hold on 3 distinct states.");
    expect(page.status).toBe(0);
    const leak = run("npx", ["mc", "check", "specs/page.ts", "--const", "LEAK=true"], proj);
    expect(leak.stdout).toContain("✗ Invariant Identity is violated after 3 steps.");
    expect(leak.status).toBe(1);
  });
});
