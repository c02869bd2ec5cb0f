// The type check's cache: a spec that passed once is not checked again until it, a file it
// imports, the compiler or its options change. Per spec file, an entry in node_modules/.cache/mc
// lists every file the compiler read with it (content hashes; size and mtime for files under
// node_modules); the entry holds while every one still matches. No compiler is loaded here.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * mc's package root (for its node_modules/@types and to tell its own sources apart). The
 * type-check process runs a compiled copy of these modules from the cache, and its boot
 * (typecheck-boot.js) says where mc is.
 */
export const MC_ROOT = process.env["MC_TYPECHECK_ROOT"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The compiler options that are plain data (the enums are added where the compiler is loaded). */
export const TYPECHECK_OPTIONS = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
} as const;

const TS_VERSION = ((): string => {
  try {
    const req = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(req.resolve("typescript/package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
})();

/** Files with their stamps when they were read. */
export type Stamped = readonly (readonly [path: string, stamp: string])[];

interface Entry {
  readonly files: Stamped;
}

/** The cache folder: node_modules/.cache/mc of the nearest node_modules above the spec. */
export function cacheDir(spec: string): string {
  let d = dirname(resolve(spec));
  for (;;) {
    if (existsSync(join(d, "node_modules"))) return join(d, "node_modules", ".cache", "mc");
    const up = dirname(d);
    if (up === d) return join(tmpdir(), "mc-cache");
    d = up;
  }
}

/** A cache key: a hash of what the cached thing depends on. */
export function contentKey(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}

function entryPath(spec: string): string {
  const key = contentKey([resolve(spec), TS_VERSION, TYPECHECK_OPTIONS, "ES2022/NodeNext", MC_ROOT]);
  return join(cacheDir(spec), "typecheck", `${key}.json`);
}

/** A file's stamp: its content hash, or size and mtime for the compiler's own and packages' declarations. */
export function stamp(file: string): string {
  if (file.includes("/node_modules/")) {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  }
  return createHash("sha1").update(readFileSync(file)).digest("base64");
}

/** Whether every file still has its stamp (false when one is gone). */
export function stampsHold(files: Stamped, stampOf: (file: string) => string = stamp): boolean {
  try {
    return files.length > 0 && files.every(([f, s]) => stampOf(f) === s);
  } catch {
    return false;
  }
}

/** Whether `spec` passed the type check before and nothing the compiler read has changed since. */
export function passedBefore(spec: string): boolean {
  return staleSpecs([spec]).length === 0;
}

/** Those of `specs` that did not pass before unchanged (each file stamped once for them all). */
export function staleSpecs(specs: readonly string[]): string[] {
  // mc regress asks for every spec at once, and their entries share most files.
  const seen = new Map<string, string>();
  const stampOnce = (f: string): string => seen.get(f) ?? (seen.set(f, stamp(f)), seen.get(f)!);
  return specs.filter((spec) => {
    try {
      return !stampsHold((JSON.parse(readFileSync(entryPath(spec), "utf8")) as Entry).files, stampOnce);
    } catch {
      return true; // no entry, a file gone, or a torn entry: check again
    }
  });
}

/**
 * Records that `spec` passed, given every file the compiler read with it (when several specs
 * were checked together, all of theirs: more than needed, never less); whole or not at all.
 */
export function recordPass(spec: string, sources: readonly string[]): void {
  try {
    const path = entryPath(spec);
    mkdirSync(dirname(path), { recursive: true });
    const entry: Entry = { files: sources.map((f) => [f, stamp(f)] as const) };
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
  } catch {
    // a read-only or full disk only costs the next run a type check
  }
}
