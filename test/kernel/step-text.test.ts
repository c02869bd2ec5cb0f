// Step texts for thread-indexed actions: the suffix and the 0-based index it names.
import { describe, expect, it } from "vitest";
import { instance, stepText } from "../../src/kernel/step-text.js";

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

describe("instance", () => {
  it("keeps the brief's name for instance 1 and numbers the others", () => {
    expect(instance("S", 1)).toBe("S");
    expect(instance("S", 3)).toBe("S3");
    expect(instance("", 1)).toBe("");
    expect(instance("", 2)).toBe("2");
  });
});
