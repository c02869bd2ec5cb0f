// The progress line printed on stderr during long runs.

import type { Progress } from "../result/result.js";
import { thousands } from "./style.js";

export function progressLine(p: Progress): string {
  const rate = p.elapsedMs > 0 ? (p.distinct * 1000) / p.elapsedMs : 0;
  const mib = p.storeBytes / 2 ** 20;
  const rss = process.memoryUsage().rss / 2 ** 20;
  return (
    `[${(p.elapsedMs / 1000).toFixed(0)}s] distinct ${thousands(p.distinct)}, generated ${thousands(p.generated)}, ` +
    `frontier ${thousands(p.frontier)}, depth ${p.depth}, ${thousands(rate)} states/s, store ${mib.toFixed(0)} MiB, rss ${rss.toFixed(0)} MiB`
  );
}
