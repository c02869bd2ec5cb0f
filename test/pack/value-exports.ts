// package.json's entry points and the value exports of a module at run time, for the export
// tests (exports.test.ts here, pack.test.ts from the installed tarball).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface EntryPoint {
  readonly types: string;
  readonly default: string;
}

/** The entry points of package.json "exports" that have a TypeScript module and a shim. */
export function entryPoints(root = "."): [subpath: string, EntryPoint][] {
  const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { exports: Record<string, Partial<EntryPoint> | string> };
  return Object.entries(pkg.exports).filter((e): e is [string, EntryPoint] => typeof e[1] === "object" && !!e[1].types && !!e[1].default);
}

/** The names a module exports at run time (its value exports: types are erased), sorted. */
export async function valueExports(file: string): Promise<string[]> {
  return Object.keys((await import(/* @vite-ignore */ resolve(file))) as object).sort();
}
