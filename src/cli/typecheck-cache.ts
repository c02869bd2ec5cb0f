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

/** mc's package root (for its node_modules/@types and to tell its own sources apart). */
export const MC_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

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

interface Entry {
  readonly files: readonly (readonly [path: string, stamp: string])[];
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

function entryPath(spec: string): string {
  const key = createHash("sha256")
    .update(JSON.stringify([resolve(spec), TS_VERSION, TYPECHECK_OPTIONS, "ES2022/NodeNext", MC_ROOT]))
    .digest("hex")
    .slice(0, 32);
  return join(cacheDir(spec), "typecheck", `${key}.json`);
}

/** A file's stamp: its content hash, or size and mtime for the compiler's own and packages' declarations. */
function stamp(file: string): string {
  if (file.includes("/node_modules/")) {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  }
  return createHash("sha1").update(readFileSync(file)).digest("base64");
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
      const e = JSON.parse(readFileSync(entryPath(spec), "utf8")) as Entry;
      return !(e.files.length > 0 && e.files.every(([f, s]) => stampOnce(f) === s));
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
