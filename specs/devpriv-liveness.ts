// devpriv with its temporal properties: the benchmark model of specs/devpriv.ts (same actions,
// invariants and state counts) plus weak fairness of Put and PageFreedAfterLastPut per page.
// A separate file because a spec with temporal properties is checked on the one-thread BFS
// state graph, and the benchmark runs devpriv.ts with several workers and with DFS.

import { defineSpec } from "../src/index.js";
import { devprivDef, devprivFairness, devprivProperties } from "./devpriv.js";

export default defineSpec({
  ...devprivDef,
  name: "devpriv-liveness",
  fairness: devprivFairness,
  properties: devprivProperties,
});
