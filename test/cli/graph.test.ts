// `mc graph`: the reachable state graph as DOT, counted by hand on DieHard (16 states, six
// actions each always enabled: 96 transitions), violating and deadlocked states marked, and a
// refusal above --max-states. If Graphviz's dot is installed, it must parse the output.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const jugs = fixture("jugs.ts");

/** DOT's structure as mc writes it: the header, node lines, edge lines between known nodes. */
function parseDot(dot: string): { nodes: Map<string, string>; edges: { from: string; to: string; label: string }[] } {
  const lines = dot.trim().split("\n");
  expect(lines[0]).toMatch(/^digraph "[^"]*" \{$/);
  expect(lines.at(-1)).toBe("}");
  const nodes = new Map<string, string>();
  const edges: { from: string; to: string; label: string }[] = [];
  for (const l of lines.slice(1, -1)) {
    const n = /^ {2}(s\d+) \[(label="(?:[^"\\]|\\.)*".*)\];$/.exec(l);
    const e = /^ {2}(s\d+) -> (s\d+) \[label="((?:[^"\\]|\\.)*)"\];$/.exec(l);
    if (n) nodes.set(n[1]!, n[2]!);
    else if (e) edges.push({ from: e[1]!, to: e[2]!, label: e[3]! });
    else expect(l).toMatch(/^ {2}(node|edge) \[.*\];$/);
  }
  for (const e of edges) expect(nodes.has(e.from) && nodes.has(e.to)).toBe(true);
  return { nodes, edges };
}

describe("mc graph", () => {
  it("DieHard: 16 states, 96 labelled transitions, the initial state bold, the 4-gallon states red", async () => {
    const r = await mc("graph", jugs, "--no-typecheck");
    expect(r.code).toBe(0);
    const { nodes, edges } = parseDot(r.out);
    expect(nodes.size).toBe(16);
    expect(edges).toHaveLength(96);
    expect(new Set(edges.map((e) => e.label))).toEqual(new Set(["FillSmall", "FillBig", "EmptySmall", "EmptyBig", "SmallToBig", "BigToSmall"]));
    expect(nodes.get("s0")).toContain('label="0: {\\"small\\":0,\\"big\\":0}", style=bold');
    const red = [...nodes.values()].filter((a) => a.includes("color=red"));
    expect(red.length).toBe(2); // big = 4 with small 0 and with small 3
    for (const a of red) expect(a).toMatch(/\\"big\\":4\}.*✗ NotSolved/);
    expect(edges).toContainEqual({ from: "s0", to: "s1", label: "FillSmall" });
  });

  it("a deadlocked state is an octagon", async () => {
    const r = await mc("graph", fixture("counter.ts"), "--no-typecheck", "--const", "DEADLOCK_AT=2");
    const { nodes, edges } = parseDot(r.out);
    expect(nodes.size).toBe(3);
    expect(edges).toEqual([{ from: "s0", to: "s1", label: "Tick" }, { from: "s1", to: "s2", label: "Tick" }]);
    expect(nodes.get("s2")).toContain("shape=octagon");
  });

  it("refuses above --max-states with a clear message, exit 2", async () => {
    const r = await mc("graph", jugs, "--no-typecheck", "--max-states", "10");
    expect(r.code).toBe(2);
    expect(r.err).toContain("MC045");
    expect(r.err).toContain("more than 10 reachable states");
    expect(r.out).toBe("");
  });

  it("--out writes the file; Graphviz's dot parses it when installed", async () => {
    const out = join(tempDir("mc-graph-"), "jugs.dot");
    expect((await mc("graph", jugs, "--no-typecheck", "--out", out)).code).toBe(0);
    const dot = readFileSync(out, "utf8");
    parseDot(dot);
    const has = spawnSync("dot", ["-V"]).status === 0;
    if (!has) return; // structure checked above; Debian's graphviz is not on this machine
    const svg = spawnSync("dot", ["-Tsvg", out], { encoding: "utf8" });
    expect(svg.status).toBe(0);
    expect(svg.stdout).toContain("<svg");
  });
});
