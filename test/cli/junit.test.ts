// mc regress --junit FILE: JUnit XML with one test case per recorded configuration, the
// difference as failure text. The XML is checked for well-formedness (a small tag-stack parser)
// and for the structure CI systems read: testsuites > testsuite > testcase [> failure].
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.js";
import { checkSpec } from "../../src/index.js";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const jugs = fixture("jugs.ts");

interface El {
  name: string;
  attrs: { [k: string]: string };
  children: El[];
  text: string;
}

const unescape = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** A strict parser for the XML subset JUnit uses: declaration, elements, attributes, text. */
function parseXml(xml: string): El {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf("?>") + 2);
  const stack: El[] = [{ name: "#doc", attrs: {}, children: [], text: "" }];
  const token = /<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < body.length && (m = token.exec(body)) !== null) {
    pos = token.lastIndex;
    if (m[1]) {
      const top = stack.pop()!;
      expect(top.name, `closing </${m[1]}>`).toBe(m[1]);
    } else if (m[2]) {
      const attrs: { [k: string]: string } = {};
      for (const a of m[3]!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
        expect(a[2]).not.toMatch(/&(?!(lt|gt|quot|apos|amp);)/);
        attrs[a[1]!] = unescape(a[2]!);
      }
      const el = { name: m[2], attrs, children: [], text: "" };
      stack.at(-1)!.children.push(el);
      if (m[4] !== "/") stack.push(el);
    } else {
      expect(m[5]).not.toMatch(/&(?!(lt|gt|quot|apos|amp);)/);
      stack.at(-1)!.text += unescape(m[5]!);
    }
  }
  expect(pos, "every character is part of a tag or text").toBe(body.length);
  expect(stack).toHaveLength(1);
  const roots = stack[0]!.children;
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

function checkJunit(root: El): El[] {
  expect(root.name).toBe("testsuites");
  const cases: El[] = [];
  for (const suite of root.children) {
    expect(suite.name).toBe("testsuite");
    for (const k of ["tests", "failures", "errors", "time"]) expect(suite.attrs[k]).toMatch(/^\d+(\.\d+)?$/);
    expect(suite.children.every((c) => c.name === "testcase")).toBe(true);
    expect(Number(suite.attrs["tests"])).toBe(suite.children.length);
    expect(Number(suite.attrs["failures"])).toBe(suite.children.filter((c) => c.children.some((f) => f.name === "failure")).length);
    for (const c of suite.children) {
      expect(c.attrs["name"]).toBeTruthy();
      expect(c.attrs["classname"]).toBeTruthy();
      expect(c.attrs["time"]).toMatch(/^\d+\.\d{3}$/);
      for (const f of c.children) expect(f.name).toBe("failure");
    }
    cases.push(...suite.children);
  }
  return cases;
}

describe("mc regress --junit", () => {
  it("one test case per configuration; a drifted one fails with the difference", async () => {
    const dir = tempDir("mc-junit-");
    const base = ["--results", dir, "--specs", "test/fixtures", "--only", "jugs"];
    // two configurations recorded as regress records them, built from checkSpec (one regress
    // run, not two: each type-checks the specs, which is slow on a loaded machine)
    const recorded = async (flags: string[], constants: object) => {
      const r = await checkSpec(jugs, { constants: constants as { [k: string]: number } });
      const v = r.violation;
      return {
        flags,
        verdict: r.verdict,
        distinctStates: r.distinctStates,
        generatedStates: r.generatedStates,
        depth: r.depth,
        ...(v ? { violation: { kind: v.kind, name: v.name, traceLength: v.trace.length, actions: v.trace.slice(1).map((t) => t.action), states: v.trace.map((t) => t.state) } } : {}),
      };
    };
    const runs = [await recorded([], {}), await recorded(["--const", "GOAL=9"], { GOAL: 9 })];
    runs[1]!.distinctStates += 1;
    writeFileSync(join(dir, "jugs.json"), JSON.stringify({ spec: jugs, runs }));

    const out = join(dir, "drift.xml");
    expect((await mc("regress", ...base, "--junit", out)).code).toBe(1);
    const cases = checkJunit(parseXml(readFileSync(out, "utf8")));
    expect(cases.map((c) => c.attrs["name"])).toEqual(["test/fixtures/jugs.ts", "test/fixtures/jugs.ts --const GOAL=9"]);
    expect(cases[0]!.children).toEqual([]);
    const failure = cases[1]!.children[0]!;
    expect(failure.attrs["message"]).toBe("test/fixtures/jugs.ts: expected ok 17/97/8, got ok 16/97/8");
    expect(failure.text).toBe("distinctStates: recorded 17, now 16");
  });

  it("escapes what XML must escape", () => {
    const xml = renderJunit("s<&>", [{ name: `a "quoted" <name> & more`, classname: "c'", seconds: 0.5, failure: { message: "x < y", text: "line1\nline2 & </failure>\u0001" } }]);
    const cases = checkJunit(parseXml(xml));
    expect(cases[0]!.attrs["name"]).toBe(`a "quoted" <name> & more`);
    expect(cases[0]!.children[0]!.text).toBe("line1\nline2 & </failure>");
  });
});
