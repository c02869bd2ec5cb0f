import { describe, it, expect } from "vitest";
import { Record } from "immutable";
import { recheck_after_wake, sleepsOn, wait_var_event, wake_up_var, type WaitKey } from "../../src/kernel/wait-var.js";

const W = Record<{ tpc: string; tkey: WaitKey | null }>({ tpc: "wait", tkey: null });

describe("wait_var_event / wake_up_var", () => {
  it("an idle condition lets the waiter through without sleeping", () => {
    const s = wait_var_event(W(), "page", true, "busy");
    expect(s.tpc).toBe("busy");
    expect(s.tkey).toBeNull();
  });
  it("a busy condition sleeps on the key in the same step", () => {
    const s = wait_var_event(W(), "refcount", false, "busy");
    expect(sleepsOn(s, "refcount")).toBe(true);
  });
  it("a wake on another address does not wake the sleeper", () => {
    const s = wait_var_event(W(), "page", false, "busy");
    expect(wake_up_var(s, "refcount")).toBe(s);
    expect(wake_up_var(s, "page").tpc).toBe("woken");
  });
  it("a wake with nobody asleep is lost", () => {
    const s = W();
    expect(wake_up_var(s, "page")).toBe(s);
  });
  it("after a wake the waiter re-tests and may sleep again on the same key", () => {
    const woken = wake_up_var(wait_var_event(W(), "page", false, "busy"), "page");
    expect(recheck_after_wake(woken, false, "busy").tpc).toBe("sleep");
    expect(recheck_after_wake(woken, false, "busy").tkey).toBe("page");
    const done = recheck_after_wake(woken, true, "busy");
    expect([done.tpc, done.tkey]).toEqual(["busy", null]);
  });
});
