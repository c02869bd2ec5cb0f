// `import { get_page, put_page } from "mc/kernel"` in an installed mc: the kernel library of
// src/kernel/ (its index.ts), loaded through tsx as lib/index.js loads the API. Keep the list in step
// with src/kernel/index.ts's value exports (test/pack/exports.test.ts compares them).
import "./register.js";

const m = await import("../src/kernel/index.ts");

export const {
  DRIVER_LIST, ERAS, GENPOOL, LOOKUPS, MC, RC, W, allocCount, allocPop, applyRef, completionDone,
  dax_folio_init, dax_folio_reset_order, fail, field, folioGet, folioMapcount, folioOf, folioPut,
  folioRefInc, folio_get, folio_put, folio_ref_inc, folio_try_get, getDevPagemap, getPageIn,
  getPageTakesPgmapRef, get_page, get_page_unless_zero, hasPageFree, healthy, initialRefcount,
  instance, isLarge, logicalHead, memunmapKill, memunmapPutMany, memunmapPutRefs, memunmapWaitDone,
  pageFree, page_pgmap, page_ref_add_unless_one, page_ref_dec_return, percpuRefInit, put,
  putDevPagemap, putEffects, putPageIn, put_page, raise, recheck_after_wake, refGet, refIncIn,
  refKill, refPut, refTryget, refTrygetLive, rmapPte, rmapPud, set_page_count, setupPgmapRefs,
  sleepsOn, stepText, tryGetIn, try_grab_page, wait_var_event, wake_up_var, word,
  zoneDevicePageInit,
} = m;
