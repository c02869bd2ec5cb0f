// `import { NoUnderflow } from "mc/invariants"` in an installed mc: the kernel invariants of
// invariants/ (its index.ts), loaded through tsx as lib/index.js loads the API. Keep the list in
// step with invariants/index.ts's value exports (test/pack/exports.test.ts compares them;
// `node --import tsx test/pack/write-shims.ts` rewrites the list).
import "./register.js";

const m = await import("../invariants/index.ts");

export const {
  AllocOnlyUnreferenced, AllocStartsAtZero, BusyTestSound, CompoundHeadConsistency,
  MapcountConsistency, MemunmapOnlyWhenUnused, MigrateProgress, NoAllocAfterKill, NoFreeWhileHeld,
  NoGetOnZero, NoLeak, NoMigrateWhilePinned, NoNewPgmapRefAfterKill, NoP2PWithoutFlag,
  NoRefAfterRelease, NoSpeculativeRefOnFreePage, NoStrandedWaiter, NoUnderflow, NoUnmapWhileLive,
  PageFreeOncePerAlloc, PageFreeOnlyWhenUnreferenced, PgmapAccounting, PgmapNonNegative,
  PgmapResolvable, PinnedPageReportsPinned, RefcountMatchesHolders, RefcountsMatchHolders,
  ResetOrderOnlyWhenIdle, TailRefcountZero, TruncateNeverWhilePinned, UnpinnedPageReportsUnpinned,
  freeListConsistent, memunmapReturnedOnlyWhenUnused, noMigrateWhilePinnedBy, noP2PWithoutFlagAny,
  noSpeculativeRefOnFreePage, oldPageFreedAfterMigration,
} = m;
