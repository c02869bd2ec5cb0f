// The spec's own source files (what `mc mutate` edits) and the mirrors that load an edited copy:
// a temporary folder laid out like the project, holding real copies of every file the spec
// reaches through relative imports and symlinks to everything else, so that mc's pipeline,
// node_modules and the Immutable.js classes are the very same modules as in the original.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** mc's src/ folder: its pipeline is shared by every mirror; only src/kernel/ is spec code. */
const MC_SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const KERNEL = join(MC_SRC, "kernel");

export interface SpecSources {
  /** The project root that mirrors copy (the nearest folder above the spec with a package.json). */
  readonly root: string;
  /** Every file the spec reaches through relative imports, outside mc's pipeline (absolute). */
  readonly closure: readonly string[];
  /** The part of the closure that is mutated: not an invariants/ folder (the oracle). */
  readonly mutable: readonly string[];
  readonly text: ReadonlyMap<string, string>;
  /** Per closure file, the closure files it imports. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly program: ts.Program;
}

const inside = (f: string, dir: string): boolean => f.startsWith(dir + sep);
const pipeline = (f: string): boolean => inside(f, MC_SRC) && !inside(f, KERNEL);

export function specSources(specFile: string): SpecSources {
  const spec = resolve(specFile);
  let root = dirname(spec);
  while (!existsSync(join(root, "package.json")) && dirname(root) !== root) root = dirname(root);
  const closure: string[] = [];
  const imports = new Map<string, string[]>();
  const todo = [spec];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (closure.includes(f) || pipeline(f) || !existsSync(f)) continue;
    closure.push(f);
    const mine: string[] = [];
    for (const imp of ts.preProcessFile(readFileSync(f, "utf8"), true, true).importedFiles) {
      if (!imp.fileName.startsWith(".")) continue;
      const target = resolve(dirname(f), imp.fileName.replace(/\.js$/, ".ts"));
      if (!inside(target, root) || pipeline(target)) continue;
      mine.push(target);
      todo.push(target);
    }
    imports.set(f, mine);
  }
  closure.sort();
  const mutable = closure.filter((f) => !relative(root, f).split(sep).includes("invariants"));
  const program = ts.createProgram(mutable, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ["lib.es2022.d.ts"],
    types: [],
  });
  return { root, closure, mutable, text: new Map(closure.map((f) => [f, readFileSync(f, "utf8")])), imports, program };
}

/**
 * A folder of mirrors, removed with everything in it by dispose(), or when the process exits
 * first (a command ended by a signal exits through process.exit, which runs 'exit' listeners).
 */
export class Mirrors {
  readonly base = mkdtempSync(join(tmpdir(), "mc-mutate-"));
  private n = 0;
  private readonly onExit = (): void => rmSync(this.base, { recursive: true, force: true });
  constructor(private readonly src: SpecSources) {
    process.on("exit", this.onExit);
  }

  /**
   * A new mirror of the project where the given files have the given contents; returns the
   * spec's path inside it. Only those files and the closure files that import them (directly or
   * not) are copied: every other file is a symlink, which Node loads as the original module,
   * already in the worker's cache, so a mutant costs the transform of a few files, not of all.
   */
  make(specFile: string, contents: ReadonlyMap<string, string>): string {
    if (contents.size === 0) return resolve(specFile);
    const at = join(this.base, String(this.n++));
    const { root } = this.src;
    const closure = this.importersOf([...contents.keys()]);
    const realDirs = new Set<string>([""]);
    for (const f of closure) for (let d = dirname(relative(root, f)); d !== "." && !realDirs.has(d); d = dirname(d)) realDirs.add(d);
    const files = new Set(closure.map((f) => relative(root, f)));
    for (const d of realDirs) {
      mkdirSync(join(at, d), { recursive: true });
      for (const e of readdirSync(join(root, d))) {
        const rel = d === "" ? e : join(d, e);
        if (realDirs.has(rel)) continue;
        if (files.has(rel)) writeFileSync(join(at, rel), contents.get(join(root, rel)) ?? this.src.text.get(join(root, rel))!);
        else symlinkSync(join(root, rel), join(at, rel));
      }
    }
    return join(at, relative(root, resolve(specFile)));
  }

  /** `files` and every closure file that imports one of them, directly or not. */
  private importersOf(files: readonly string[]): string[] {
    const out = new Set(files);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [f, deps] of this.src.imports) {
        if (!out.has(f) && deps.some((d) => out.has(d))) {
          out.add(f);
          grew = true;
        }
      }
    }
    return [...out];
  }

  dispose(): void {
    process.off("exit", this.onExit);
    this.onExit();
  }
}
