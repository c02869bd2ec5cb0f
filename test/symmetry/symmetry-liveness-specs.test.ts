// Every spec of specs/ that declares symmetry (at the constants results/ records it with) and
// has temporal properties: each property's verdict with symmetry is the verdict without, and a
// lasso found on the quotient is a real, fair, violating behaviour (test/support/lasso.ts); a
// property that names one identity of a declared set is refused (MC051).
// Long suite only (MC_LONG=1, npm run test:long): the plain searches take a while.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { check, type Spec } from "../../src/index.js";
import { compile } from "../../src/model/compile.js";
import { assertValidLasso } from "../support/lasso.js";

const LONG = process.env["MC_LONG"] === "1";
const P = { ACTORS: "parameterised" };
/** Spec file and the smallest constants a recorded run declares symmetry at. */
const CASES: [string, Record<string, string | number>][] = [
  ...["hch2022", "hmm2017", "v61"].map((n): [string, Record<string, number>] => [`devpriv-free/${n}`, { NS: 2 }]),
  ...["mig0based", "mig0based-exa1", "mig0based-exactstale", "mig0based-stale", "mig0based-thr1", "mig0based-upstream", "mig1based", "mig1based-dropped", "mig1based-exa0", "mig1based-exactdropped"].map((n): [string, Record<string, number>] => [`migrate-devpriv/${n}`, { NX: 2 }]),
  ...["devmap2017", "hch2022", "v61", "v61-late-alloc"].map((n): [string, Record<string, string | number>] => [`pgmap-devpriv/${n}`, { N: 2, ...P }]),
  ...["dax2015", "dax2015-nokill", "dax2015-specgrab", "devmap2017", "devmap2017-getpage"].map((n): [string, Record<string, string | number>] => [`pgmap-gup/${n}`, { NG: 2, ...P }]),
  ...["dax1based", "dax1based-norecheck", "felixA", "felixB", "keymismatch", "popple2024", "popple2024-noinc", "popple2024-norecheck"].map((n): [string, Record<string, string | number>] => [`fsdax-idle/${n}`, { NG: 2, ...P }]),
];

describe.runIf(LONG)("recorded specs with symmetry and temporal properties: the same verdict without symmetry", () => {
  it.each(CASES)("%s %o", async (name, constants) => {
    const file = resolve(import.meta.dirname, `../../specs/${name}.ts`);
    const spec = (await import(pathToFileURL(file).href)).default as Spec<unknown>;
    const m = compile(spec, constants);
    expect(m.symmetry).not.toBeNull();
    for (const property of m.propertyNames) {
      const o = { constants, deadlock: false, properties: [property] };
      if (name.startsWith("pgmap-devpriv/") && property.startsWith("PageFreedAfterLastPut")) {
        // pgmap-devpriv: one property per page, each naming its page (the spec says so): refused, not decided wrongly
        await expect(check(spec, o)).rejects.toMatchObject({ code: "MC051", message: expect.stringContaining(`property '${property}' treats set Pages asymmetrically`) });
        continue;
      }
      const [sym, plain] = [await check(spec, o), await check(spec, { ...o, symmetry: false })];
      expect([property, sym.verdict, sym.violation?.name]).toEqual([property, plain.verdict, plain.violation?.name]);
      expect(sym.distinctStates).toBeLessThanOrEqual(plain.distinctStates);
      if (sym.verdict === "violation") assertValidLasso(spec, sym, constants);
    }
  }, 300_000);
});
