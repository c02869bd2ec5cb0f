// The pgmap's percpu_ref (include/linux/percpu-refcount.h, brief §2.1) and get/put_dev_pagemap
// (§2.2) as pure functions over any Immutable Record that keeps `cnt`, `dead`, `released` (and
// `fault`) flat in its state, which is how every pgmap spec stores the ref.

import { raise, type FaultCode } from "./fault.js";

/** The ref's fields; `released` stands for the completion `pgmap->done` (its release callback). */
export interface PercpuRefFields {
  readonly cnt: number;
  readonly dead: boolean;
  readonly released: boolean;
  readonly fault: FaultCode | null;
}

/** A state that carries a percpu_ref and can update it: an Immutable Record with those fields. */
export interface PercpuRefHost<S> extends PercpuRefFields {
  set(k: "cnt", v: number): S;
  set(k: "dead" | "released", v: boolean): S;
  set(k: "fault", v: FaultCode | null): S;
}

/** percpu_ref_init: the initial ref plus `extra` refs memremap takes at setup (get_many). */
export function percpuRefInit(extra = 0): { cnt: number; dead: boolean; released: boolean } {
  return { cnt: 1 + extra, dead: false, released: false };
}

/**
 * percpu_ref_get / get_many: unconditional, the caller must know cnt > 0. After the release a
 * get is a use-after-free of the pgmap; the +n still happens and the first fault wins (§0.2).
 */
export function refGet<S extends PercpuRefHost<S>>(s: S, n = 1): S {
  const t = s.set("cnt", s.cnt + n);
  return s.released ? raise(t, "ref_after_release") : t;
}

/** percpu_ref_tryget: succeeds while the count has not drained, even after the kill. */
export function refTryget<S extends PercpuRefHost<S>>(s: S): S | null {
  return s.cnt > 0 ? s.set("cnt", s.cnt + 1) : null;
}

/**
 * percpu_ref_tryget_live: fails once killed. The kernel confirms the kill after an RCU grace
 * period; the model's kill is atomic, so a racing tryget_live is linearised before it.
 */
export function refTrygetLive<S extends PercpuRefHost<S>>(s: S): S | null {
  return s.dead ? null : s.set("cnt", s.cnt + 1);
}

/**
 * percpu_ref_put / put_many. In percpu mode (before the kill) a zero count is invisible, so
 * only a dead ref reaching 0 runs the release callback, which completes `pgmap->done`.
 */
export function refPut<S extends PercpuRefHost<S>>(s: S, n = 1): S {
  const c = s.cnt - n;
  const t = s.set("cnt", c);
  if (c < 0) return raise(t, "percpu_underflow");
  return s.dead && c === 0 ? t.set("released", true) : t;
}

/**
 * percpu_ref_kill: mark dead, then drop the initial ref. Killing twice is a broken spec, not a
 * kernel state the model explores (the kernel WARNs), so it throws.
 */
export function refKill<S extends PercpuRefHost<S>>(s: S): S {
  if (s.dead) throw new Error("percpu_ref_kill called twice: guard the kill action with its own pc");
  return refPut(s.set("dead", true), 1);
}

/** wait_for_completion(&pgmap->done) can return: an action guard. */
export function completionDone(s: PercpuRefFields): boolean {
  return s.released;
}

/** A state whose pgmap can be looked up by pfn until memunmap removes it (`unmapped`). */
export interface PgmapLookupHost<S> extends PercpuRefHost<S> {
  readonly unmapped: boolean;
}

/** Which get a pgmap lookup takes: tryget_live (the kernel's), tryget, or an unconditional get. */
export const LOOKUPS = ["live", "tryget", "get"] as const;
export type Lookup = (typeof LOOKUPS)[number];

/**
 * get_dev_pagemap, slow path: the pfn lookup fails after teardown removed the range, else
 * tryget_live (or, to ask what the others would do, tryget or get). Returns the state holding a
 * new pgmap ref, or null (the caller bails out).
 */
export function getDevPagemap<S extends PgmapLookupHost<S>>(s: S, how: Lookup = "live"): S | null {
  if (s.unmapped) return null;
  return how === "live" ? refTrygetLive(s) : how === "tryget" ? refTryget(s) : refGet(s);
}

/** put_dev_pagemap: percpu_ref_put(n) (n > 1 for a batched or compound free). */
export function putDevPagemap<S extends PercpuRefHost<S>>(s: S, n = 1): S {
  return refPut(s, n);
}
