// The state of the headline fsdax spec (specs/fsdax.ts) and its field names, built once per
// configuration: one fsdax folio of 2^ORDER pages in the folio Record convention of
// src/kernel/folio.ts, NP processes mapping it, NG gup-fast threads, and truncate T.

import { Record, type RecordOf } from "immutable";
import type { FaultCode } from "../../src/kernel/fault.js";
import { field, put, RC, type FolioRecord } from "../../src/kernel/folio.js";
import type { WaitKey } from "../../src/kernel/wait-var.js";

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
  /** pud<p>: process p maps the whole folio with one PUD (dax_insert_pfn_pud). */
  readonly pud: readonly string[];
  /** pte<p>_<i>: process p maps page i with a PTE (dax_insert_pfn). */
  readonly pte: readonly (readonly string[])[];
  /** g<k>: thread k as one word: 'idle', 'done', or "<pc> <entry><page>" such as 'pinned pud1'. */
  readonly g: readonly string[];
  /** Gup thread k walks the page tables of process procOf[k]. */
  readonly procOf: readonly number[];
}

export function config(order: number, np: number, ng: number, reuse: boolean, opslessV8 = false): Config {
  const pages = 1 << order;
  const ps = Array.from({ length: np + 1 }, (_, p) => p);
  const ks = Array.from({ length: ng + 1 }, (_, k) => k);
  return {
    order, pages, np, ng, reuse, opslessV8,
    pud: ps.map((p) => `pud${p}`),
    pte: ps.map((p) => Array.from({ length: pages }, (_, i) => `pte${p}_${i}`)),
    g: ks.map((k) => `g${k}`),
    procOf: ks.map((k) => ((k - 1) % np) + 1),
  };
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
  for (let p = 1; p <= c.np; p++) {
    f[c.pud[p]!] = false;
    for (const k of c.pte[p]!) f[k] = false;
  }
  for (let k = 1; k <= c.ng; k++) {
    f[c.g[k]!] = "idle";
  }
  return Record(f, "fsdax")() as unknown as Fsdax;
}

// Typed reads and writes of the named fields.
type Rw = { get(k: string): unknown };
export const flag = (s: Fsdax, k: string): boolean => (s as unknown as Rw).get(k) as boolean;

/**
 * A gup thread is one field (fewer fields make every state cheaper to store and hash): its pc
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
export const gup = (s: Fsdax, c: Config, k: number): GupWord => WORDS.get((s as unknown as Rw).get(c.g[k]!) as string)!;
export const gpc = (s: Fsdax, c: Config, k: number): Gup => gup(s, c, k).pc;
export const gpage = (s: Fsdax, c: Config, k: number): number => gup(s, c, k).page;
/** Thread k moves to pc; entry and page say what it works on (omitted for 'idle' and 'done'). */
export const setGup = (s: Fsdax, c: Config, k: number, pc: Gup, entry?: "pte" | "pud", page?: number): Fsdax =>
  put(s, c.g[k]!, entry === undefined ? pc : `${pc} ${entry}${page}`);
export const rc = (s: Fsdax, i: number): number => field(s, RC[i]!);
export { put };

/** A gup thread holds a reference (speculative or committed). */
export const holds = (pc: Gup): boolean => pc === "grabbed" || pc === "pinned";

/** Does process p map anything of the file? */
export function mapsAny(s: Fsdax, c: Config, p: number): boolean {
  if (flag(s, c.pud[p]!)) return true;
  for (const k of c.pte[p]!) if (flag(s, k)) return true;
  return false;
}
