// Type-checks spec files with the TypeScript compiler before they run, so a type error in a
// spec is reported as such (exit 2) instead of surfacing later as a confusing runtime failure.

import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { McError } from "../result/errors.js";

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
};

/** Throws MC003 listing the first diagnostics if any of `files` (or what they import) has type errors. */
export function typecheck(files: readonly string[]): void {
  const roots = files.map((f) => resolve(f));
  // Node's types from mc's own devDependencies, or the project's; an installed mc has neither
  // necessarily, and a spec rarely needs them
  const typeRoots = [resolve(dirname(new URL(import.meta.url).pathname), "../../node_modules/@types"), resolve("node_modules/@types")];
  const node = typeRoots.some((r) => existsSync(join(r, "node")));
  const program = ts.createProgram(roots, { ...OPTIONS, typeRoots, types: node ? ["node"] : [] });
  const diags = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error && !(d.file?.fileName.includes("/node_modules/") ?? false));
  if (diags.length === 0) return;
  const shown = diags.slice(0, 5).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(process.cwd(), d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
  });
  const more = diags.length > 5 ? ` (and ${diags.length - 5} more)` : "";
  const which = files.length === 1 ? files[0] : `${files.length} spec files`;
  throw new McError("MC003", `${which}: type errors${more}: ${shown.join("; ")}. Fix them, or run with --no-typecheck to try anyway.`);
}
