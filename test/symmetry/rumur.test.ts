// mc's orbit counts against rumur's (Debian's Murphi model checker, a different implementation of
// symmetry reduction): bench/rumur/devpriv.m, the devpriv reference model with pages and threads
// as scalarsets, compiled and run at each size, its state count compared with mc's distinct
// states on specs/devpriv-sym.ts and with the closed form of shared/bench/devpriv.md. rumur's
// exhaustive symmetry reduction is exact (every permutation); its heuristic one (sorting) may
// count an orbit twice, so it is used only where exhaustive is too slow (P=4 T=8: 613 s
// exhaustive against 0.07 s, measured), and there it must still give the exact count.
// Long suite only (MC_LONG=1); .ci/run installs rumur and a C compiler.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import devprivSym from "../../specs/devpriv-sym.js";
import { tempDir } from "../support/temp.js";

const LONG = process.env["MC_LONG"] === "1";
const MODEL = resolve(import.meta.dirname, "../../bench/rumur/devpriv.m");
const dir = tempDir("mc-rumur-");

/** rumur's count of states for devpriv at P, T with the given symmetry reduction. */
function rumurStates(P: number, T: number, mode: "exhaustive" | "heuristic" | "off"): number {
  const m = readFileSync(MODEL, "utf8").replace(/^ {2}P: \d+;$/m, `  P: ${P};`).replace(/^ {2}T: \d+;$/m, `  T: ${T};`);
  expect(m).toContain(`  P: ${P};\n  T: ${T};`);
  const base = join(dir, `devpriv-${P}-${T}-${mode}`);
  writeFileSync(`${base}.m`, m);
  execFileSync("rumur", [`${base}.m`, "--symmetry-reduction", mode, "--scalarset-schedules", "off", "--output", `${base}.c`]);
  // rumur's generated checker uses 16-byte compare-and-swap
  execFileSync("cc", ["-std=c11", "-O2", ...(process.arch === "x64" ? ["-mcx16"] : []), "-o", base, `${base}.c`, "-lpthread", "-latomic"]);
  const out = execFileSync(base, { encoding: "utf8" });
  expect(out).toContain("No error found.");
  const n = /(\d+) states, \d+ rules fired/.exec(out);
  if (n === null) throw new Error(`rumur's checker printed no state count:\n${out}`);
  return Number(n[1]);
}

describe.runIf(LONG)("orbit counts against rumur's scalarsets (bench/rumur/devpriv.m)", () => {
  it("rumur is installed (.ci/run installs it: apt-get install rumur)", () => {
    expect(() => execFileSync("rumur", ["--version"])).not.toThrow();
  });

  // [P, T, rumur mode, the closed-form orbit count of shared/bench/devpriv.md]
  it.each([
    [2, 3, "exhaustive", 11],
    [3, 4, "exhaustive", 26],
    [3, 4, "heuristic", 26],
    [4, 8, "heuristic", 129],
  ] as const)("P=%i T=%i, rumur %s: %i orbits", async (P, T, mode, orbits) => {
    const mc = await check(devprivSym, { constants: { P, T } });
    expect([rumurStates(P, T, mode), mc.distinctStates]).toEqual([orbits, orbits]);
  }, 120_000);

  it("without symmetry both count every state (P=2 T=3: 44)", async () => {
    const mc = await check(devprivSym, { constants: { P: 2, T: 3 }, symmetry: false });
    expect([rumurStates(2, 3, "off"), mc.distinctStates]).toEqual([44, 44]);
  }, 120_000);
});
