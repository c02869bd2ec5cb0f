// Reads a log file line by line in fixed-size chunks, so a log of any length is read in
// constant memory (only the current chunk and one partial line are held). Synchronous: the
// validation loop is CPU-bound and a sync read avoids a promise per line.

import { closeSync, openSync, readSync } from "node:fs";

const CHUNK = 1 << 20;

/** Calls `onLine(text, lineNumber)` for every line (1-based, without its end of line); stop by returning false. */
export function forEachLine(file: string, onLine: (line: string, n: number) => boolean): void {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const dec = new TextDecoder("utf-8");
    let carry = "";
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, 0, CHUNK, null);
      const text = carry + (got > 0 ? dec.decode(buf.subarray(0, got), { stream: true }) : dec.decode());
      let start = 0;
      for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (!onLine(text.slice(start, end), ++n)) return;
        start = nl + 1;
      }
      carry = text.slice(start);
      if (got === 0) {
        if (carry !== "") onLine(carry.endsWith("\r") ? carry.slice(0, -1) : carry, ++n);
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}
