// Reads a log file line by line in fixed-size chunks, so a log of any length is read in
// constant memory (only the current chunk and one partial line are held). Synchronous: the
// validation loop is CPU-bound and a sync read avoids a promise per line.

import { closeSync, openSync, readSync } from "node:fs";

const CHUNK = 1 << 20;

/** Calls `onLine(text, lineNumber)` for every line (1-based, without its end of line); stop by returning false. */
export function forEachLine(file: string, onLine: (line: string, n: number) => boolean): void {
  const fd = openSync(file, "r");
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let kept = 0; // bytes of a partial line carried to the start of buf
    let n = 0;
    for (;;) {
      if (kept === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2); // a line longer than the buffer
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const got = readSync(fd, buf, kept, buf.length - kept, null);
      const end = kept + got;
      // decode whole lines only (a UTF-8 sequence never spans a newline), in one native call
      const last = got === 0 ? end : buf.lastIndexOf(10, end - 1);
      if (last >= 0) {
        const text = buf.toString("utf8", 0, got === 0 ? end : last + 1);
        let start = 0;
        for (;;) {
          const nl = text.indexOf("\n", start);
          if (nl < 0) {
            if (got === 0 && start < text.length) onLine(stripCr(text.slice(start)), ++n);
            break;
          }
          if (!onLine(stripCr(text.slice(start, nl)), ++n)) return;
          start = nl + 1;
        }
      }
      if (got === 0) return;
      const from = last >= 0 ? last + 1 : 0;
      buf.copy(buf, 0, from, end);
      kept = end - from;
    }
  } finally {
    closeSync(fd);
  }
}

function stripCr(s: string): string {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}
