// wait_var_event / wake_up_var (include/linux/wait_bit.h, kernel/sched/wait_bit.c) for one
// waiter thread. ___wait_var_event registers before it tests the condition, so "check and, if
// false, sleep" is one atomic step here: splitting it would invent lost wakeups (brief §1.5).

/** The two addresses the ZONE_DEVICE waiters sleep on: &page->_refcount, or the page itself. */
export type WaitKey = "refcount" | "page";

/** A waiter that is asleep on `key`, or that a matching wake has made runnable again. */
export interface WaiterRecord {
  readonly tpc: string;
  readonly tkey: WaitKey | null;
  set(key: "tpc" | "tkey", value: never): unknown;
}

const put = <S extends WaiterRecord>(s: S, k: "tpc" | "tkey", v: string | null): S =>
  (s.set as (key: string, v: unknown) => S).call(s, k, v);

/** True when the waiter is asleep on exactly `key` (a wake on another address misses it). */
export function sleepsOn(s: WaiterRecord, key: WaitKey): boolean {
  return s.tpc === "sleep" && s.tkey === key;
}

/** wake_up_var(key): wakes the sleeper only if it waits on the same address. */
export function wake_up_var<S extends WaiterRecord>(s: S, key: WaitKey): S {
  return sleepsOn(s, key) ? put(s, "tpc", "woken") : s;
}

/**
 * One atomic round of ___wait_var_event: if `idle` holds the waiter goes on to `onIdle`;
 * otherwise it records `key` and sleeps. Dropping a lock on the way to sleep is the caller's.
 */
export function wait_var_event<S extends WaiterRecord>(s: S, key: WaitKey, idle: boolean, onIdle: string): S {
  return idle ? put(s, "tpc", onIdle) : put(put(s, "tkey", key), "tpc", "sleep");
}

/** A woken waiter re-tests: idle → `onIdle` with the key cleared; else back to sleep on its key. */
export function recheck_after_wake<S extends WaiterRecord>(s: S, idle: boolean, onIdle: string): S {
  return idle ? put(put(s, "tkey", null), "tpc", onIdle) : put(s, "tpc", "sleep");
}
