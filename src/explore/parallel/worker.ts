// A worker thread of a parallel check: it loads the spec itself, then runs its share of each
// level (see expander.ts), pausing when the shared seen-set must grow and resuming after.

import { parentPort, workerData } from "node:worker_threads";
import { initHash } from "../../fingerprint/hash.js";
import { compile, type Model } from "../../model/compile.js";
import type { Spec } from "../../spec/types.js";
import { loadSpec } from "../../model/load-spec.js";
import { selectChecks } from "../../model/select.js";
import { collectGarbage } from "./collect-garbage.js";
import { Expander } from "./expander.js";
import type { FromWorker, ToWorker, WorkerData } from "./protocol.js";
import { StateStore } from "../state-store.js";
import { ReachCheck } from "../symmetry-reach.js";
import { reachShare } from "./reach-share.js";
import { thrown } from "../../result/errors.js";

const data = workerData as WorkerData;
const port = parentPort!;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
let expander: Expander | undefined;
let model: Model | undefined;

function step(): void {
  if (expander!.run() !== "done") {
    post({ type: "paused" });
    return;
  }
  const done = expander!.finish();
  post(done, done.edges ? [done.recs, done.wins, done.edges] : [done.recs, done.wins]);
}

let spec: Spec<unknown> | undefined;

function fatal(e: unknown): void {
  post({ type: "fatal", ...thrown(e) });
}

// Load the spec first; messages sent meanwhile ("init" above all) wait in the port until the
// listener below is attached.
try {
  await initHash();
  spec = await loadSpec(data.file);
} catch (e) {
  fatal(e);
}

port.on("message", (m: ToWorker) => {
  if (m.type === "exit") port.close();
  else if (m.type === "init") {
    try {
      model = selectChecks(compile(spec!, m.constants, data.file, { symmetry: m.symmetry }), m.select);
      expander = new Expander(model, new Int32Array(m.ctrl), m.index, m.threads);
      post({ type: "ready" });
    } catch (e) {
      fatal(e);
    }
  } else if (expander === undefined) throw new Error("a level was sent before the worker was ready");
  else if (m.type === "level") {
    expander.startLevel(m);
    if (m.gc) collectGarbage(); // the levels before's chunks and records, now unreachable
    step();
  } else if (m.type === "reach") {
    const reach = new ReachCheck(model!, new StateStore(false, m.store), new Set(m.before));
    const fail = reachShare(reach, new Int32Array(m.ids), expander.ctrl);
    post({ type: "reached", ...(fail ? { fail } : {}) });
  } else {
    expander.setTable(m.table);
    collectGarbage();
    step();
  }
});
