// `import { get_page, put_page } from "mc/kernel"` in an installed mc: the kernel library of
// src/kernel/ (its index.ts), loaded through tsx as lib/index.js loads the API. Keep the list in step
// with src/kernel/index.ts's value exports (test/pack/exports.test.ts compares them;
// `node --import tsx test/pack/write-shims.ts` rewrites the list).
import "./register.js";

const m = await import("../src/kernel/index.ts");

export const {
  ACTORS_CONSTANT, Actors, DRIVER_LIST, ERAS, GENPOOL, GUP_PIN_COUNTING_BIAS, GUP_THREADS, LOOKUPS,
  MC, ORDINARY_PAGE, RC, W, actorCount, actorView, allocCount, allocPop, applyRef, checkLeak,
  completionDone, dax_folio_init, dax_folio_reset_order, fail, field, folioGet, folioMapcount,
  folioOf, folioPut, folioPutRefsIn, folioRefInc, folio_get, folio_maybe_dma_pinned, folio_put,
  folio_put_refs, folio_ref_add, folio_ref_inc, folio_ref_sub_and_test, folio_try_get,
  freeOrdinaryFolio, getDevPagemap, getPageIn, getPageTakesPgmapRef, get_page, get_page_unless_zero,
  gup_put_folio, gup_put_refs, hasPageFree, healthy, initialRefcount, instance, isLarge,
  logicalHead, memunmapKill, memunmapPutMany, memunmapPutRefs, memunmapWaitDone, pageFree,
  page_maybe_dma_pinned, page_pgmap, page_ref_add, page_ref_add_unless_one, page_ref_dec_return,
  page_ref_sub_and_test, percpuRefInit, pin_bias_add, put, putDevPagemap, putDevicePage, putEffects,
  putPageIn, putPrivatePage, put_page, raise, recheck_after_wake, refGet, refIncIn, refKill, refPut,
  refTryget, refTrygetLive, rmapPte, rmapPud, set_page_count, setupPgmapRefs, sleepsOn, stepText,
  symmetricWhen, tryGetIn, try_get_folio, try_grab_folio, try_grab_page, unpin_user_page,
  wait_var_event, wake_up_var, word, zoneDevicePageInit,
} = m;
