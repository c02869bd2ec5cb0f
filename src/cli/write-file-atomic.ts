// Every file mc writes is written whole or not at all: the bytes go to a temporary file in the
// same folder (so the rename cannot cross file systems), are flushed to disk, and the file is
// then renamed over the target. A crash, a kill or a full disk leaves the old file or none,
// never half of one; a failed write removes its temporary file.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { McError } from "../result/errors.js";

let serial = 0;

/** A file of mc's own (results/, the bench): its folder is made if need be. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeInto(path, data);
}

/**
 * A file the user named (--trace, --emit-test, --junit, --out): into a folder that must exist,
 * and a failure is error MC041 naming the file, not a stack trace.
 */
export function writeOutputFile(path: string, data: string): void {
  try {
    writeInto(path, data);
  } catch (e) {
    throw new McError("MC041", `${path}: cannot write it (${e instanceof Error ? e.message : String(e)}).`);
  }
}

function writeInto(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${serial++}.tmp`);
  try {
    const fd = openSync(tmp, "w");
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
