// The era table of brief §2.0 as data: the initial refcount of a ZONE_DEVICE page (§2.5) and
// what a put that leaves count c triggers (§2.4), per era and pgmap type, so a spec can take
// the era as a constant instead of hard-coding one kernel's branches.

export type Era = "a" | "a'" | "b" | "c" | "c'" | "d";
export type PgmapType = "PRIVATE" | "COHERENT" | "FS_DAX" | "GENERIC" | "P2PDMA";

export const ERAS: { readonly [e in Era]: { readonly kernels: string; readonly what: string } } = {
  a: { kernels: "v4.5–v4.11", what: "2015 dax-gup: every get/put of a device page also gets/puts the pgmap ref" },
  "a'": { kernels: "v4.12–v5.18", what: "one pgmap ref per page from setup, dropped when the page reaches 0" },
  b: { kernels: "v4.14–v5.18", what: "HMM 2017: 1-based; put to 1 frees (PRIVATE) or wakes (FS_DAX)" },
  c: { kernels: "v5.19–v6.0", what: "hch 2022: in-use 0-based, free resets to 1; FS_DAX still 1-based" },
  "c'": { kernels: "v6.1–v6.14", what: "Popple fixes: PRIVATE/COHERENT free at 0, one pgmap ref per allocated page" },
  d: { kernels: "v6.15+", what: "Popple 2024/25: everything 0-based except GENERIC; FS_DAX wakes the page at 0" },
};

const privateLike = (t: PgmapType): boolean => t === "PRIVATE" || t === "COHERENT";

/** __init_zone_device_page: the count a page starts at; in every era also the count a free/idle page sits at. */
export function initialRefcount(era: Era, type: PgmapType): number {
  if (era === "d") return type === "GENERIC" ? 1 : 0;
  if (era === "c'") return privateLike(type) ? 0 : 1;
  return 1;
}

/** What the put path does after the count dropped to c. */
export type PutEffect =
  | "wake_refcount" // wake_up_var(&page->_refcount)
  | "wake_page" // wake_up_var(&folio->page)
  | "page_free" // pgmap->ops->page_free / folio_free
  | "pgmap_put" // put_dev_pagemap
  | "reset_to_1" // set_page_count(1) / folio_set_count(1)
  | "warn_no_page_free"; // free_zone_device_page WARNs: the type has no page_free

/** put_page / folio_put on a ZONE_DEVICE page (§2.4): the effects, in order, of reaching c. */
export function putEffects(era: Era, type: PgmapType, c: number): readonly PutEffect[] {
  const hasPageFree = type !== "GENERIC" && type !== "FS_DAX";
  switch (era) {
    case "a":
      return ["pgmap_put"]; // put_zone_device_page, whatever c is
    case "a'":
    case "b":
      if (c === 1 && era === "b" && type === "PRIVATE") return ["page_free"];
      if (c === 1 && era === "b" && type === "FS_DAX") return ["wake_refcount"];
      return c === 0 ? ["pgmap_put"] : []; // __put_page drops the page's setup ref
    case "c":
    case "c'":
      if (type === "FS_DAX") return c === 1 ? ["wake_refcount"] : [];
      if (c !== 0) return [];
      if (!hasPageFree) return ["warn_no_page_free"];
      return era === "c'" && privateLike(type) ? ["page_free", "pgmap_put"] : ["page_free", "reset_to_1"];
    case "d":
      if (c !== 0) return [];
      if (privateLike(type)) return ["page_free", "pgmap_put"];
      if (type === "GENERIC") return ["reset_to_1"];
      if (type === "FS_DAX") return ["wake_page"];
      return ["page_free"]; // P2PDMA: the genpool free, no reset, no pgmap put
  }
}
