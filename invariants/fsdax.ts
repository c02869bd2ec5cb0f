// The fsdax "wait for an idle page" invariants (brief §2.10, §3). They are factories: which
// threads hold committed pins or references is spec data, the rule itself is the kernel's.

/** fsdax truncate never completes (disassociates the blocks) while a committed DMA pin exists. */
export function TruncateNeverWhilePinned<S extends { readonly assoc: boolean }>(pins: (s: S) => number): (s: S) => boolean {
  return (s) => s.assoc || pins(s) === 0;
}

/** A sleeping break-layouts waiter always has a holder (mapping, grab, pin) whose last put will wake it. */
export function NoStrandedWaiter<S extends { readonly tpc: string }>(hasHolder: (s: S) => boolean): (s: S) => boolean {
  return (s) => s.tpc !== "sleep" || hasHolder(s);
}
