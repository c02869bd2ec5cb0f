// mc's own modules as declaration files in the type check. A spec imports mc (`../src/index.js`
// or "mc"), which made the compiler parse, bind and infer mc's internals on every run; instead
// they are emitted once per content of mc's sources into the cache, and the check's module
// resolution is redirected to them (measured in docs/typecheck.md).

import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type ts from "typescript";
import { contentKey, stamp, stampsHold, type Stamped } from "./typecheck-cache.js";

type Compiler = typeof ts;

/** mc's entry points a spec imports (package.json's exports, but mc/vitest). */
export const OWN_ENTRIES = ["src/index.ts", "src/kernel/index.ts", "invariants/index.ts"] as const;

/** What a folder of declarations was emitted from: every source and declaration, stamped. */
interface Manifest {
  readonly dir: string;
  readonly sources: readonly string[];
  readonly files: Stamped;
}

/** One emitted folder of mc's declarations: maps a source of mc's to its declaration and back. */
export class OwnDeclarations {
  private readonly emitted: ReadonlySet<string>;

  constructor(
    private readonly root: string,
    readonly dir: string,
    /** Every source they were emitted from: a declaration can hold a type inferred from another. */
    readonly sources: readonly string[],
  ) {
    this.emitted = new Set(sources);
  }

  /** The declaration file standing for one of mc's sources, or undefined (then the source is read). */
  declarationOf(source: string): string | undefined {
    return this.emitted.has(source) ? join(this.dir, relative(this.root, source).replace(/\.ts$/, ".d.ts")) : undefined;
  }

  /** The source a declaration file of this folder was emitted from. */
  sourceOf(file: string): string | undefined {
    return file.startsWith(this.dir + sep) ? join(this.root, relative(this.dir, file).replace(/\.d\.ts$/, ".ts")) : undefined;
  }
}

/**
 * The declarations of the package at `root` (mc's, or a test's), from the cache when nothing they
 * were emitted from has changed, else emitted now into `cache` (once per content: seconds).
 * Undefined, and the type check reads the sources, when the compiler cannot emit them without
 * errors, when the cache is unwritable, or while another process is emitting them.
 */
export function ownDeclarations(compiler: Compiler, options: ts.CompilerOptions, host: ts.CompilerHost, root: string, entries: readonly string[], cache: string): OwnDeclarations | undefined {
  // Where the user's type roots are does not matter to mc's declarations (emitted without types).
  const emitOptions: ts.CompilerOptions = { ...options, typeRoots: undefined, types: [], noEmit: false, declaration: true, emitDeclarationOnly: true };
  const base = join(cache, "declarations", contentKey([root, compiler.version, entries, emitOptions]));
  try {
    const m = JSON.parse(readFileSync(join(base, "manifest.json"), "utf8")) as Manifest;
    if (stampsHold(m.files)) return new OwnDeclarations(root, join(base, m.dir), m.sources);
  } catch {
    // no manifest yet, or a torn one: emit
  }
  const lock = join(base, "emitting");
  try {
    mkdirSync(base, { recursive: true });
    if (!takeLock(lock)) return undefined;
  } catch {
    return undefined;
  }
  try {
    return emit(compiler, emitOptions, host, root, entries, base);
  } catch {
    return undefined;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Takes the emitting lock (a folder), or a stale one left by a process that died (2 minutes old). */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    if (Date.now() - statSync(lock).mtimeMs < 120_000) return false;
    rmSync(lock, { recursive: true, force: true });
    return takeLock(lock);
  }
}

function emit(compiler: Compiler, options: ts.CompilerOptions, host: ts.CompilerHost, root: string, entries: readonly string[], base: string): OwnDeclarations | undefined {
  const name = `d-${randomBytes(6).toString("hex")}`;
  const dir = join(base, name);
  const program = compiler.createProgram(
    entries.map((e) => join(root, e)),
    { ...options, outDir: dir, rootDir: root },
    host,
  );
  const written: string[] = [];
  const result = program.emit(undefined, (file, text) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(file);
  });
  if (result.emitSkipped || result.diagnostics.length > 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  // Their format is the sources' (ES modules), wherever the cache lies.
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  const sources = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf))
    .map((sf) => sf.fileName);
  const manifest: Manifest = { dir: name, sources, files: [...sources, ...written].map((f) => [f, stamp(f)] as const) };
  const tmp = join(base, `manifest.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, join(base, "manifest.json"));
  dropOld(base, name);
  return new OwnDeclarations(root, dir, sources);
}

/** Removes folders an older manifest named, once no check can still be reading them (an hour). */
function dropOld(base: string, keep: string): void {
  for (const d of readdirSync(base)) {
    const path = join(base, d);
    if (d.startsWith("d-") && d !== keep && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Makes `host` resolve mc's modules to their declarations. An import in a declaration file is
 * resolved from the source it was emitted from, so that packages (immutable) are the ones mc's
 * sources would get.
 */
export function redirectToDeclarations(compiler: Compiler, host: ts.CompilerHost, options: ts.CompilerOptions, own: OwnDeclarations): void {
  const cache = compiler.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options);
  host.resolveModuleNameLiterals = (literals, containing, redirected, opts, file) =>
    literals.map((literal) => {
      const from = own.sourceOf(containing) ?? containing;
      const mode = compiler.getModeForUsageLocation(file, literal, opts);
      const r = compiler.resolveModuleName(literal.text, from, opts, host, cache, redirected, mode);
      const to = r.resolvedModule && own.declarationOf(r.resolvedModule.resolvedFileName);
      return to === undefined ? r : { ...r, resolvedModule: { ...r.resolvedModule!, resolvedFileName: to, extension: compiler.Extension.Dts } };
    });
}
