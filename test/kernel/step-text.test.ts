// Step texts for thread-indexed actions: the suffix and the 0-based index it names.
import { describe, expect, it } from "vitest";
import { stepText } from "../../src/kernel/step-text.js";

describe("stepText", () => {
  const texts = { GupPut: "put_page(page#) by gup$", Kill: "percpu_ref_kill" };
  it("fills in the thread suffix and its 0-based index", () => {
    expect(stepText(texts, "GupPut2")).toBe("put_page(page1) by gup2");
    expect(stepText(texts, "GupPut")).toBe("put_page(page0) by gup");
    expect(stepText(texts, "Kill")).toBe("percpu_ref_kill");
  });
  it("falls back to the action's own name", () => {
    expect(stepText(texts, "Halt")).toBe("Halt");
  });
});
