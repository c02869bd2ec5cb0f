// The state of the headline fsdax spec (specs/fsdax.ts) and its field names, built once per
// configuration: one fsdax folio of 2^ORDER pages in the folio Record convention of
// src/kernel/folio.ts, NP processes mapping it and NG gup-fast threads (N-actor blocks, each
// keyed by identity), and truncate T.

import { Record, type RecordOf } from "immutable";
import type { FaultCode } from "../../src/kernel/fault.js";
import { field, put, RC, type FolioRecord } from "../../src/kernel/folio.js";
import type { WaitKey } from "../../src/kernel/wait-var.js";
import { Actors, type ActorActions } from "../../src/kernel/actors.js";
import { ids } from "../../src/index.js";

export type Gup = "idle" | "read" | "grabbed" | "pinned" | "done";
export type Tpc = "start" | "busy" | "wait" | "sleep" | "woken" | "commit" | "done";

/** The fields every configuration has; per-page, per-process and per-thread ones are by name. */
export interface Fixed {
  order: number;
  ent: number;
  lg: number;
  assoc: boolean; // the file owns the blocks: dax_associate_entry until truncate commits
  tpc: Tpc;
  tlock: boolean; // truncate holds the fs mapping lock, which blocks new faults
  tkey: WaitKey | null;
  resetDirty: boolean; // ghost: dax_folio_reset_order/init found a subpage still referenced
  fault: FaultCode | null;
}
export type Fsdax = RecordOf<Fixed> & FolioRecord;

export interface Config {
  readonly order: number;
  readonly pages: number;
  readonly np: number;
  readonly ng: number;
  /** After a commit the blocks are reused and truncated again, forever (else T finishes). */
  readonly reuse: boolean;
  /**
   * Replays the v8 posting's entry check in free_zone_device_folio for an FS_DAX pgmap without
   * ops (virtio_fs, dcssblk): WARN and return before the switch, so the wake never happens.
   */
  readonly opslessV8: boolean;
  /** The processes (proc1..procNP) mapping the file, each one word of what it maps (ProcWord). */
  readonly procs: Actors<string>;
  /** The gup threads (gup1..gupNG), each one word: 'idle', 'done', or "<pc> <entry><page>" such as 'pinned pud1'. */
  readonly gups: Actors<string>;
  /** Gup thread gupK walks the page tables of process procOf(gupK): proc((K−1) mod NP + 1). */
  readonly procOf: ReadonlyMap<string, string>;
  /** The gup threads walking each process: the sets that are interchangeable. */
  readonly gupsOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * Processes act per actor (`MapPte2`) and gup threads too by default (`GupGrab3`): every recorded
 * count depends on that order of actions. `threads` "parameterised" gives one action per step,
 * which lets the threads of one process be declared symmetric; `processes` likewise, which lets
 * the processes be declared symmetric with their threads.
 */
export function config(order: number, np: number, ng: number, reuse: boolean, opslessV8 = false, threads: ActorActions = "per-actor", processes: ActorActions = "per-actor"): Config {
  const pages = 1 << order;
  const procs = new Actors<string>({ field: "procs", ids: ids("proc", np), actions: processes, suffix: "numbered" });
  const gups = new Actors<string>({ field: "gups", ids: ids("gup", ng), actions: threads, suffix: "numbered" });
  const procOf = new Map(gups.ids.map((g, k) => [g, procs.ids[k % np]!] as const));
  const gupsOf = new Map(procs.ids.map((p) => [p, gups.ids.filter((g) => procOf.get(g) === p)] as const));
  return { order, pages, np, ng, reuse, opslessV8, procs, gups, procOf, gupsOf };
}

/** The file's blocks freshly associated: one idle folio (refcount 0, era d), nothing mapped. */
export function initial(c: Config): Fsdax {
  const f: { [k: string]: unknown } = {
    order: c.order, ent: 0, lg: 0, assoc: true, tpc: "start", tlock: false, tkey: null, resetDirty: false, fault: null,
  };
  for (let i = 0; i < c.pages; i++) {
    f[`rc${i}`] = 0;
    f[`mc${i}`] = 0;
    if (i > 0) f[`w${i}`] = c.order > 0 ? "tail" : "pgmap";
  }
  f.procs = c.procs.init(PROC_WORDS[0]!);
  f.gups = c.gups.init("idle");
  return Record(f, "fsdax")() as unknown as Fsdax;
}

/**
 * A process is one word too, for the same reason (a Record per process made every state a third
 * bigger to encode and three times slower to decode): what it maps of the file, "none", "pud", or
 * its PTEs by page ("pte0 pte2"). A PUD and PTEs are never both there (MapPud needs nothing
 * mapped, MapPte no PUD). PROC_WORDS[m] is the word of PTE mask m; PROC_WORDS[PUD] the PUD's.
 */
export interface ProcWord {
  readonly pud: boolean;
  readonly ptes: number; // bit i: page i's PTE
}
const MAX_PAGES = 4; // ORDER ≤ 2
const PUD = 1 << MAX_PAGES;
const PROC_WORDS: readonly string[] = [
  ...Array.from({ length: PUD }, (_, m) => (m === 0 ? "none" : Array.from({ length: MAX_PAGES }, (_, i) => (m >> i) & 1 ? `pte${i}` : "").filter((x) => x).join(" "))),
  "pud",
];
const PROC = new Map<string, ProcWord>(PROC_WORDS.map((w, m) => [w, { pud: m === PUD, ptes: m === PUD ? 0 : m }] as const));
/** What a process word says, and process p's. */
export const procWord = (w: string): ProcWord => PROC.get(w)!;
const proc = (s: Fsdax, c: Config, p: string): ProcWord => PROC.get(c.procs.of(s, p))!;

/** Process p's PUD, and its PTE of page i. */
export const pud = (s: Fsdax, c: Config, p: string): boolean => proc(s, c, p).pud;
export const pte = (s: Fsdax, c: Config, p: string, i: number): boolean => ((proc(s, c, p).ptes >> i) & 1) === 1;
export const setPud = (s: Fsdax, c: Config, p: string, v: boolean): Fsdax => c.procs.with(s, p, PROC_WORDS[v ? PUD : 0]!);
export const setPte = (s: Fsdax, c: Config, p: string, i: number, v: boolean): Fsdax => {
  const m = proc(s, c, p).ptes;
  return c.procs.with(s, p, PROC_WORDS[v ? m | (1 << i) : m & ~(1 << i)]!);
};
/**
 * A gup thread is one word (fewer fields make every state cheaper to store and hash): its pc
 * and, while it works on an entry, which entry it read (a PTE or the PUD) and for which page.
 */
export interface GupWord {
  readonly pc: Gup;
  readonly entry: "pte" | "pud" | null;
  readonly page: number; // −1 when idle or done
}
const WORDS = new Map<string, GupWord>([
  ["idle", { pc: "idle", entry: null, page: -1 }],
  ["done", { pc: "done", entry: null, page: -1 }],
]);
for (const pc of ["read", "grabbed", "pinned"] as const) {
  for (const entry of ["pte", "pud"] as const) for (let i = 0; i < 64; i++) WORDS.set(`${pc} ${entry}${i}`, { pc, entry, page: i });
}
/** What a gup word says, and thread g's. */
export const gupWord = (w: string): GupWord => WORDS.get(w)!;
export const gup = (s: Fsdax, c: Config, g: string): GupWord => WORDS.get(c.gups.of(s, g))!;
export const gpc = (s: Fsdax, c: Config, g: string): Gup => gup(s, c, g).pc;
export const gpage = (s: Fsdax, c: Config, g: string): number => gup(s, c, g).page;
/** Thread g moves to pc; entry and page say what it works on (omitted for 'idle' and 'done'). */
export const setGup = (s: Fsdax, c: Config, g: string, pc: Gup, entry?: "pte" | "pud", page?: number): Fsdax =>
  c.gups.with(s, g, entry === undefined ? pc : `${pc} ${entry}${page}`);
export const rc = (s: Fsdax, i: number): number => field(s, RC[i]!);
export { put };

/** A gup thread holds a reference (speculative or committed). */
export const holds = (pc: Gup): boolean => pc === "grabbed" || pc === "pinned";

/** Does process p map anything of the file? */
export function mapsAny(s: Fsdax, c: Config, p: string): boolean {
  return c.procs.of(s, p) !== "none";
}
