// Type-checks spec files with the TypeScript compiler, so a type error in a spec is reported as
// such (MC003, exit 2) instead of surfacing later as a confusing runtime failure. Runs in its own
// process beside the search (see background-typecheck.ts); this module loads the 10 MB compiler.

import { existsSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import type ts from "typescript";
import { McError } from "../result/errors.js";
import { cacheDir, MC_ROOT, TYPECHECK_OPTIONS } from "./typecheck-cache.js";
import { OWN_ENTRIES, ownDeclarations, redirectToDeclarations, type OwnDeclarations } from "./typecheck-declarations.js";
import { formatTypeErrors, type TypeDiagnostic } from "./typecheck-format.js";
import { annotateVariance, isImmutableDeclarations } from "./typecheck-variance.js";

// mc's compiler: the one the start-up snapshot holds loaded (typecheck-snapshot.cjs), or loaded
// as CommonJS (through Node's ES module loader, which scans its 9 MB for export names, it costs
// 0.6 s more CPU: docs/typecheck.md); with the declaration files the snapshot holds parsed.
const held = globalThis as { [k: symbol]: unknown };
const tsc = (held[Symbol.for("mc.typescript")] ?? createRequire(join(MC_ROOT, "package.json"))("typescript")) as typeof ts;
const PARSED = held[Symbol.for("mc.parsed")] as ReadonlyMap<string, ts.SourceFile> | undefined;

/** What the compiler read for `files`: every source file, for the cache's manifest. */
export interface Checked {
  readonly sources: readonly string[];
  /** The declaration files it read (all but the user's), and its options: what a snapshot can hold. */
  readonly library: { readonly files: readonly ts.SourceFile[]; readonly options: ts.CompilerOptions };
}

/**
 * Throws MC003 listing the first diagnostics if any of `files` (or the user's files they import)
 * has type errors. The program is lean: the ES2022 library without the DOM, Node's types only
 * when the user's files need them, Immutable's collections with their variance annotated
 * (typecheck-variance.ts), and diagnostics asked only for the user's files; mc's own sources
 * are checked by its CI, and the compiler then resolves only the declarations the spec uses.
 */
export function typecheck(files: readonly string[]): Checked {
  const { sources, library, errors } = diagnose(files);
  if (errors.length === 0) return { sources, library };
  const which = files.length === 1 ? files[0]! : `${files.length} spec files`;
  throw new McError("MC003", formatTypeErrors(which, errors));
}

/**
 * The type errors in `files` and the user's files they import, and every file the compiler read
 * (with mc's declarations, all of mc's sources they came from). mc's modules (those of the package at `own`)
 * are read as declarations emitted once into the cache (typecheck-declarations.ts).
 */
export function diagnose(files: readonly string[], own = { root: MC_ROOT, entries: OWN_ENTRIES as readonly string[] }): Checked & { readonly errors: readonly TypeDiagnostic[] } {
  const roots = files.map((f) => resolve(f));
  // Node's types from mc's own devDependencies, or the project's; a project that installed mc
  // has neither necessarily, and a spec rarely needs them: they are loaded only when the user's
  // files use Node (100 files fewer otherwise; measured in docs/typecheck.md).
  const typeRoots = [resolve(MC_ROOT, "node_modules/@types"), resolve("node_modules/@types")];
  const haveNode = typeRoots.some((r) => existsSync(join(r, "node")));
  const options = (node: boolean): ts.CompilerOptions => ({
    ...TYPECHECK_OPTIONS,
    lib: [...TYPECHECK_OPTIONS.lib],
    types: node ? [...TYPECHECK_OPTIONS.types] : [],
    target: tsc.ScriptTarget.ES2022,
    module: tsc.ModuleKind.NodeNext,
    moduleResolution: tsc.ModuleResolutionKind.NodeNext,
    typeRoots,
  });
  const host = varianceHost(options(false));
  const exact = process.env["MC_TYPECHECK_EXACT"] === "1";
  const decls = exact ? undefined : ownDeclarations(tsc, options(false), host, own.root, own.entries, cacheDir(join(own.root, "package.json")));
  if (decls) redirectToDeclarations(tsc, host, options(false), decls);
  let program = tsc.createProgram(roots, options(false), host);
  let diags = errorsOf(program, (f) => isUsers(f, own.root, decls));
  if (haveNode && diags.some(needsNode)) {
    program = tsc.createProgram(roots, options(true), host, program); // reuses the files parsed
    diags = errorsOf(program, (f) => isUsers(f, own.root, decls));
  }
  // A declaration of mc's can hold a type inferred from any of mc's sources: the spec's pass
  // holds only while all of them are unchanged.
  const sources = [...program.getSourceFiles().map((sf) => sf.fileName), ...(decls?.sources ?? [])];
  const library = { files: program.getSourceFiles().filter((sf) => sf.isDeclarationFile && !isUsers(sf.fileName, own.root, decls)), options: options(false) };
  return { sources, library, errors: diags.map(toTypeError) };
}

/**
 * A compiler host that reads Immutable's declarations with their variance annotated
 * (typecheck-variance.ts), and takes a declaration file from the snapshot when its text is the
 * one on disk and it was parsed the same way.
 */
function varianceHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = tsc.createCompilerHost(options);
  const exact = process.env["MC_TYPECHECK_EXACT"] === "1"; // the compiler's own measurement, for comparison
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    const annotate = !exact && isImmutableDeclarations(file);
    if (!annotate && (PARSED === undefined || !file.endsWith(".d.ts"))) return read(file, language, onError, create);
    const disk = host.readFile(file);
    if (disk === undefined) return read(file, language, onError, create);
    const text = annotate ? annotateVariance(disk) : disk;
    const held = PARSED?.get(file);
    const how = typeof language === "object" ? language : { languageVersion: language };
    if (held?.text === text && held.languageVersion === how.languageVersion && held.impliedNodeFormat === how.impliedNodeFormat) return held;
    return tsc.createSourceFile(file, text, language);
  };
  return host;
}

/** The errors in the user's files (and the program's own), in the compiler's order. */
function errorsOf(program: ts.Program, users: (file: string) => boolean): ts.Diagnostic[] {
  const mine = program.getSourceFiles().filter((sf) => users(sf.fileName));
  return [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...mine.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ].filter((d) => d.category === tsc.DiagnosticCategory.Error);
}

const NODE_MODULES = new Set(builtinModules);

/** An error that Node's types would fix: `process`/`Buffer` unknown, or `node:fs` not found. */
function needsNode(d: ts.Diagnostic): boolean {
  if (d.code === 2580 || d.code === 2591) return true; // "Do you need to install type definitions for node?"
  if (d.code !== 2307) return false; // "Cannot find module '...'"
  const name = /'([^']+)'/.exec(tsc.flattenDiagnosticMessageText(d.messageText, "\n"))?.[1] ?? "";
  return name.startsWith("node:") || NODE_MODULES.has(name);
}

function toTypeError(d: ts.Diagnostic): TypeDiagnostic {
  const lines = tsc.flattenDiagnosticMessageText(d.messageText, "\n").split("\n");
  if (!d.file || d.start === undefined) return { file: undefined, line: 0, column: 0, code: d.code, lines };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: relative(process.cwd(), d.file.fileName), line: line + 1, column: character + 1, code: d.code, lines };
}

/** The user's files: neither a declaration file from node_modules nor one of mc's own (sources or declarations). */
function isUsers(file: string, root: string, decls: OwnDeclarations | undefined): boolean {
  return !file.includes("/node_modules/") && decls?.sourceOf(file) === undefined && !file.startsWith(resolve(root, "src") + "/");
}
