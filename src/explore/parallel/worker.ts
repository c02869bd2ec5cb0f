// A worker thread of a parallel check: it loads the spec itself, then runs its share of each
// level (see expander.ts), pausing when the shared seen-set must grow and resuming after.

import { parentPort, workerData } from "node:worker_threads";
import { initHash } from "../../fingerprint/hash.js";
import { compile } from "../../model/compile.js";
import { loadSpec } from "../../model/load-spec.js";
import { McError, describeThrown } from "../../result/errors.js";
import { Expander } from "./expander.js";
import type { FromWorker, ToWorker, WorkerData } from "./protocol.js";

const data = workerData as WorkerData;
const port = parentPort!;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
let expander: Expander | undefined;

function step(): void {
  if (expander!.run() !== "done") {
    post({ type: "paused" });
    return;
  }
  const done = expander!.finish();
  post(done, [done.recs, done.wins]);
}

port.on("message", (m: ToWorker) => {
  if (m.type === "exit") port.close();
  else if (expander === undefined) throw new Error("a level was sent before the worker was ready");
  else if (m.type === "level") {
    expander!.startLevel(m);
    step();
  } else {
    expander!.setTable(m.table);
    step();
  }
});

try {
  await initHash();
  const model = compile(await loadSpec(data.file), data.constants, data.file);
  expander = new Expander(model, new Int32Array(data.ctrl), data.index, data.threads);
  post({ type: "ready" });
} catch (e) {
  const mc = e instanceof McError;
  post({ type: "fatal", code: mc ? e.code : "internal", message: mc ? e.message : describeThrown(e), internal: !mc });
}
