import { describe, it, expect } from "vitest";
import { initialRefcount, putEffects } from "../../src/kernel/eras.js";

describe("era table", () => {
  it("initial counts follow §2.5", () => {
    expect(initialRefcount("b", "PRIVATE")).toBe(1);
    expect(initialRefcount("c'", "PRIVATE")).toBe(0);
    expect(initialRefcount("c'", "FS_DAX")).toBe(1);
    expect(initialRefcount("d", "FS_DAX")).toBe(0);
    expect(initialRefcount("d", "GENERIC")).toBe(1);
    expect(initialRefcount("d", "P2PDMA")).toBe(0);
  });
  it("1-based eras free device-private pages at 1 and drop the setup pgmap ref at 0", () => {
    expect(putEffects("b", "PRIVATE", 1)).toEqual(["page_free"]);
    expect(putEffects("b", "PRIVATE", 0)).toEqual(["pgmap_put"]);
    expect(putEffects("b", "FS_DAX", 1)).toEqual(["wake_refcount"]);
  });
  it("hch 2022 resets to 1 after page_free; v6.1 keeps private pages at 0", () => {
    expect(putEffects("c", "PRIVATE", 0)).toEqual(["page_free", "reset_to_1"]);
    expect(putEffects("c'", "PRIVATE", 0)).toEqual(["page_free", "pgmap_put"]);
    expect(putEffects("c'", "GENERIC", 0)).toEqual(["warn_no_page_free"]);
    expect(putEffects("c'", "FS_DAX", 1)).toEqual(["wake_refcount"]);
  });
  it("era (d) switches on the type at 0", () => {
    expect(putEffects("d", "FS_DAX", 0)).toEqual(["wake_page"]);
    expect(putEffects("d", "FS_DAX", 1)).toEqual([]);
    expect(putEffects("d", "GENERIC", 0)).toEqual(["reset_to_1"]);
    expect(putEffects("d", "P2PDMA", 0)).toEqual(["page_free"]);
    expect(putEffects("d", "COHERENT", 0)).toEqual(["page_free", "pgmap_put"]);
  });
  it("2015: every put drops a pgmap ref", () => {
    expect(putEffects("a", "FS_DAX", 3)).toEqual(["pgmap_put"]);
  });
});
