// The fingerprint seen-set against a JS Set on random fingerprints, across many growths.
import { describe, expect, it } from "vitest";
import { SeenSet } from "../../src/explore/seen-set.js";

describe("SeenSet", () => {
  it("agrees with a JS Set on 200k random fingerprints with repeats, across growths", () => {
    const s = new SeenSet(16);
    const ref = new Set<string>();
    let seed = 12345;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    let disagreements = 0;
    for (let i = 0; i < 200_000; i++) {
      const hi = rnd() & 0xfff; // few distinct hi values: forces equal-hi, different-lo probing
      const lo = rnd() % 50_000;
      if (s.add(hi, lo) !== !ref.has(`${hi}:${lo}`)) disagreements++;
      ref.add(`${hi}:${lo}`);
    }
    expect(disagreements).toBe(0);
    expect(s.size).toBe(ref.size);
  });

  it("stores the all-zero fingerprint (which marks empty slots) without losing it", () => {
    const s = new SeenSet(16);
    expect(s.add(0, 0)).toBe(true);
    expect(s.add(0, 0)).toBe(false);
    expect(s.size).toBe(1);
  });

  it("treats negative and unsigned forms of the same words alike", () => {
    const s = new SeenSet(16);
    expect(s.add(0xffffffff, 0x80000000)).toBe(true);
    expect(s.add(-1, -(2 ** 31))).toBe(false);
  });
});
