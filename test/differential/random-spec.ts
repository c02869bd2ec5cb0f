// A random spec as data, and the one interpreter that turns it into a spec. The description is
// plain JSON (so a case can be written into a spec file for worker threads, or kept as a named
// regression case): an abstract machine over states 0..n-1 (initial states, per action the
// targets of each state, per invariant its bad states) and a Shape that renders each abstract
// state as an Immutable value. Sets and Maps are built in an insertion order that depends on the
// path taken (the "variant"), and "iter" actions yield in the iteration order of a Set or Map in
// the state, as specs written by hand do.
import { Map as IMap, List, OrderedMap, OrderedSet, Record, Set as ISet, hash, is } from "immutable";
import { defineSpec, type Spec } from "../../src/index.js";

/** The digit of abstract state i a leaf shows: floor(i / div) mod mod. */
interface Digit {
  readonly div: number;
  readonly mod: number;
}

export type Shape =
  | ({ readonly t: "int"; readonly style: "small" | "neg" | "big" | "float" | "negzero" } & Digit)
  | ({ readonly t: "str" } & Digit)
  | ({ readonly t: "bool" } & Digit)
  | ({ readonly t: "nullable" } & Digit)
  | { readonly t: "record"; readonly name: string; readonly fields: readonly Shape[]; readonly sparse: boolean }
  | { readonly t: "list"; readonly items: readonly Shape[] }
  | ({ readonly t: "set" | "orderedSet"; readonly elem: "num" | "str" } & Digit)
  | ({ readonly t: "map" | "orderedMap"; readonly value: Shape } & Digit);

export interface ActionDesc {
  /**
   * How the action returns its successors: one state (or null/undefined/false), an Array, a
   * generator, or ("iter") a generator over the keys b of a Set or Map in the state, yielding
   * target (succ[0] + b) mod n for each, in the collection's iteration order.
   */
  readonly ret: "one" | "array" | "gen" | "iter";
  /** Per abstract state, its targets. */
  readonly succ: readonly (readonly number[])[];
}

export interface SpecDesc {
  readonly n: number;
  readonly shape: Shape;
  readonly init: readonly number[];
  readonly actions: readonly ActionDesc[];
  /** Per invariant, the abstract states that break it. */
  readonly invariants: readonly (readonly number[])[];
  readonly deadlock: boolean;
}

const digit = (d: Digit, i: number): number => Math.floor(i / d.div) % d.mod;
const bits = (x: number): number[] => [0, 1, 2, 3, 4, 5].filter((b) => (x >> b) & 1);
/** The bits in an insertion order that depends on the variant: equal collections built differently. */
const ordered = <T>(xs: T[], variant: number): T[] => {
  if (xs.length === 0) return xs;
  const r = variant % xs.length;
  const rotated = [...xs.slice(r), ...xs.slice(0, r)];
  return Math.floor(variant / xs.length) % 2 === 1 ? rotated.reverse() : rotated;
};

/** Renders shapes; Record types are made once per record node (by its name). */
export class Renderer {
  private readonly types = new Map<string, Record.Factory<{ [k: string]: unknown }>>();

  constructor(root: Shape) {
    this.prepare(root);
  }

  private prepare(s: Shape): void {
    if (s.t === "record") {
      s.fields.forEach((f) => this.prepare(f));
      const defaults = Object.fromEntries(s.fields.map((f, j) => [`${s.name}_${j}`, this.render(f, 0, 0)]));
      this.types.set(s.name, Record(defaults));
    } else if (s.t === "list") s.items.forEach((f) => this.prepare(f));
    else if (s.t === "map" || s.t === "orderedMap") this.prepare(s.value);
  }

  render(s: Shape, i: number, variant: number): unknown {
    switch (s.t) {
      case "int": {
        const x = digit(s, i);
        return s.style === "small" ? x : s.style === "neg" ? -x - 1 : s.style === "big" ? 3_000_000_000 + x : s.style === "float" ? x + 0.5 : x === 0 ? -0 : x;
      }
      case "str":
        return `s${"é".repeat(digit(s, i) % 2)}${digit(s, i)}`;
      case "bool":
        return digit({ div: s.div, mod: 2 }, i) === 1;
      case "nullable":
        return digit(s, i) === 0 ? null : digit(s, i);
      case "record": {
        const make = this.types.get(s.name)!;
        const vals = s.fields.map((f, j) => [`${s.name}_${j}`, this.render(f, i, variant + j)] as const);
        const given = s.sparse ? vals.filter(([k, v]) => !is(v, make().get(k))) : vals;
        return make(Object.fromEntries(given));
      }
      case "list":
        return List(s.items.map((f, j) => this.render(f, i, variant + j)));
      case "set":
      case "orderedSet": {
        const xs = bits(digit(s, i)).map((b) => (s.elem === "num" ? b : `e${b}`));
        return s.t === "set" ? ISet(ordered<unknown>(xs, variant)) : OrderedSet<unknown>(xs);
      }
      case "map":
      case "orderedMap": {
        const keys = bits(digit(s, i));
        const entries = keys.map((b): [string, unknown] => [`k${b}`, this.render(s.value, i + b, variant + b)]);
        return s.t === "map" ? IMap(ordered(entries, variant)) : OrderedMap(entries);
      }
    }
  }
}

/** The path to the first Set or Map (unordered) in a shape, for "iter" actions; null if none. */
export function unorderedPath(s: Shape, path: (string | number)[] = []): (string | number)[] | null {
  if (s.t === "set" || s.t === "map") return path;
  if (s.t === "record") {
    for (let j = 0; j < s.fields.length; j++) {
      const p = unorderedPath(s.fields[j]!, [...path, `${s.name}_${j}`]);
      if (p) return p;
    }
  }
  if (s.t === "list") {
    for (let j = 0; j < s.items.length; j++) {
      const p = unorderedPath(s.items[j]!, [...path, j]);
      if (p) return p;
    }
  }
  return null;
}

/** Abstract state of a value: a table keyed by Immutable's hash and is (later states win on equal values). */
export class AbstractIndex {
  private readonly buckets = new Map<number, [unknown, number][]>();

  constructor(values: readonly unknown[]) {
    values.forEach((v, i) => {
      const b = this.buckets.get(hash(v)) ?? [];
      const at = b.findIndex(([w]) => is(w, v));
      if (at >= 0) b[at] = [v, i];
      else b.push([v, i]);
      this.buckets.set(hash(v), b);
    });
  }

  of(v: unknown): number {
    const hit = this.buckets.get(hash(v))?.find(([w]) => is(w, v));
    if (hit === undefined) throw new Error(`not a state of this spec: ${String(v)}`);
    return hit[1];
  }
}

/** The spec a description stands for. */
export function specOf(d: SpecDesc): Spec<unknown> {
  const r = new Renderer(d.shape);
  const index = new AbstractIndex(Array.from({ length: d.n }, (_, i) => r.render(d.shape, i, 0)));
  const iterPath = unorderedPath(d.shape);
  const disabled = [null, undefined, false] as const;
  const action = (a: ActionDesc, ai: number) => (s: unknown): unknown => {
    const i = index.of(s);
    const targets = a.succ[i]!;
    const state = (k: number, t: number): unknown => r.render(d.shape, t, ai * 7 + k + i);
    switch (a.ret) {
      case "one":
        return targets.length === 0 ? disabled[i % 3] : state(0, targets[0]!);
      case "array":
        return targets.map((t, k) => state(k, t));
      case "gen":
        return (function* () {
          for (let k = 0; k < targets.length; k++) yield state(k, targets[k]!);
        })();
      case "iter":
        return (function* () {
          if (targets.length === 0) return;
          // no Set or Map in the shape: one successor, as "one"
          const col = iterPath === null ? null : iterPath.length === 0 ? s : (s as { getIn(p: unknown[]): unknown }).getIn(iterPath);
          const keys = col === null ? [0] : [...(col as { keys(): Iterable<unknown> }).keys()];
          let k = 0;
          for (const key of keys) {
            const b = Number(String(key).replace(/^\D+/, ""));
            yield state(k++, (targets[0]! + b) % d.n); // one target per key: the key order is the successor order
          }
        })();
    }
  };
  return defineSpec({
    name: "random",
    init: d.init.map((t, k) => r.render(d.shape, t, 3 * k + 1)),
    actions: Object.fromEntries(d.actions.map((a, ai) => [`A${ai}`, action(a, ai)])),
    invariants: Object.fromEntries(d.invariants.map((bad, j) => [`Inv${j}`, (s: unknown) => !bad.includes(index.of(s))])),
  }) as Spec<unknown>;
}
