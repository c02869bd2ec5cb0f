// `mc graph`: the reachable state graph as DOT, counted by hand on DieHard (16 states, six
// actions each always enabled: 96 transitions), violating and deadlocked states marked, and a
// refusal above --max-states. If Graphviz's dot is installed, it must parse the output. Under
// symmetry it draws the quotient: checked against the whole graph's orbits, renamed by hand.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";
import { ownershipRenamings, productRenamings } from "../support/brute-orbits.js";

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

/** A node's state, read back from its label ("<n>: <JSON>"; these states are short enough not to be cut). */
function stateOf(attrs: string): unknown {
  const label = /^label="((?:[^"\\]|\\.)*)"/.exec(attrs)![1]!.replace(/\\(.)/g, "$1");
  return JSON.parse(label.replace(/^\d+: /, "")) as unknown;
}

/** The least JSON text of a state over `renamings`: keys and string values renamed, keys sorted. */
function orbitKey(v: unknown, renamings: readonly Map<string, string>[]): string {
  const show = (x: unknown, r: Map<string, string>): string => {
    if (typeof x === "string") return JSON.stringify(r.get(x) ?? x);
    if (x === null || typeof x !== "object") return JSON.stringify(x);
    if (Array.isArray(x)) return `[${x.map((y) => show(y, r)).join(",")}]`;
    const kv = Object.entries(x).map(([k, y]) => [r.get(k) ?? k, show(y, r)] as const);
    return `{${kv.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, y]) => `${JSON.stringify(k)}:${y}`).join(",")}}`;
  };
  return renamings.map((r) => show(v, r)).sort()[0]!;
}

/** The graph in orbits: each node's orbit key, and the edges as (orbit, action, orbit) triples. */
function inOrbits(dot: string, renamings: readonly Map<string, string>[]): { nodes: string[]; initial: string[]; edges: Set<string> } {
  const { nodes, edges } = parseDot(dot);
  const key = new Map([...nodes].map(([n, attrs]) => [n, orbitKey(stateOf(attrs), renamings)]));
  return {
    nodes: [...key.values()],
    initial: [...nodes].filter(([, a]) => a.includes("style=bold")).map(([n]) => key.get(n)!),
    edges: new Set(edges.map((e) => `${key.get(e.from)} ${e.label} ${key.get(e.to)}`)),
  };
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

  it("under symmetry draws the quotient: one node per orbit, and the whole graph's edges between orbits", async () => {
    // devpriv-sym (P=2 T=3: 11 orbits of 44 states; every renaming of the threads and of the
    // pages) and an owned set (2 processes of 2 threads, the renamings that keep ownership: 15
    // orbits of 64 states).
    const threads = ["t1", "t2", "t3"];
    const pages = ["p1", "p2"];
    const devpriv = productRenamings([threads, pages]);
    const owner = new Map([["t1", "p1"], ["t2", "p2"], ["t3", "p1"], ["t4", "p2"]]);
    const owned = ownershipRenamings(["p1", "p2"], ["t1", "t2", "t3", "t4"], owner);
    expect([devpriv.length, owned.length]).toEqual([12, 8]);
    const cases = [
      { spec: "specs/devpriv-sym.ts", flags: ["--no-typecheck"], renamings: devpriv, orbits: 11, states: 44 },
      { spec: fixture("owned-procs.ts"), flags: ["--no-typecheck"], renamings: owned, orbits: 15, states: 64 },
    ];
    for (const c of cases) {
      const [q, all] = await Promise.all([mc("graph", c.spec, ...c.flags), mc("graph", c.spec, ...c.flags, "--no-symmetry")]);
      expect([q.code, all.code, q.err]).toEqual([0, 0, ""]);
      const quotient = inOrbits(q.out, c.renamings);
      const whole = inOrbits(all.out, c.renamings);
      expect([quotient.nodes.length, whole.nodes.length]).toEqual([c.orbits, c.states]);
      expect(new Set(quotient.nodes).size).toBe(c.orbits); // no two nodes of one orbit
      expect(new Set(quotient.nodes)).toEqual(new Set(whole.nodes));
      expect(new Set(quotient.initial)).toEqual(new Set(whole.initial));
      expect(quotient.edges).toEqual(whole.edges);
    }
  });
});
