// A full garbage collection, run by each thread of a parallel check between levels (once the
// buffers let go since the last one add up) and after the shared seen-set has grown. A level's
// big buffers (the old table, 64 MiB at 4 M states; the workers' records; the states' chunks)
// are ArrayBuffers, many of them shared, freed only once every thread's collector has let go of
// them; threads whose JS heaps stay small rarely run a full collection, so they used to pile up
// (devpriv P=5 T=8, 2 workers: about 200 MiB).

import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      // The flag is process-wide: a worker started after this finds `gc` on its global.
      const g = (globalThis as { gc?: () => void }).gc;
      if (g !== undefined) gc = g;
      else {
        v8.setFlagsFromString("--expose-gc");
        gc = vm.runInNewContext("gc") as () => void;
      }
    } catch {
      gc = null;
    }
  }
  gc?.();
}
