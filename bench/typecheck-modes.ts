// The type check after a one-line edit, three ways, in compiler CPU time (process.cpuUsage, less
// sensitive than wall time to a shared machine) and peak RSS: a fresh program (what mc does:
// one child per changed spec), the compiler's incremental build info (.tsbuildinfo, a fresh
// process that reads it), and a long-lived checker (one process, the old program reused).
// `node --import tsx bench/typecheck-modes.ts SPEC.ts [MODE]` (MODE: fresh | tsbuildinfo |
// server; without it, each in its own process). It appends comment lines to a copy of SPEC.
// Immutable's variance is annotated as in mc's check (typecheck-variance.ts) unless
// MC_TYPECHECK_EXACT=1.

import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { annotateVariance, isImmutableDeclarations } from "../src/cli/typecheck-variance.ts";

const [spec, mode] = process.argv.slice(2);
if (!spec) throw new Error("usage: bench/typecheck-modes.ts SPEC.ts [fresh|tsbuildinfo|server]");
const OPTIONS: ts.CompilerOptions = {
  strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, lib: ["lib.es2022.d.ts"], types: [],
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
};
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const mib = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function phase<T>(f: () => T): [T, number] {
  const t = cpu();
  const r = f();
  return [r, Math.round(cpu() - t)];
}

/** A host reading Immutable's declarations as mc's type check does. */
function makeHost(options: ts.CompilerOptions, host = ts.createCompilerHost(options)): ts.CompilerHost {
  if (process.env["MC_TYPECHECK_EXACT"] === "1") return host;
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) => {
    if (!isImmutableDeclarations(f)) return read(f, lang, onError, create);
    const text = annotateVariance(host.readFile(f) ?? "");
    const sf = ts.createSourceFile(f, text, lang);
    if (host.createHash) (sf as ts.SourceFile & { version?: string }).version = host.createHash(text); // the builder wants versions
    return sf;
  };
  return host;
}

function oneCheck(file: string, old?: ts.Program, host = makeHost(OPTIONS)): ts.Program {
  const [p, program] = phase(() => ts.createProgram([file], OPTIONS, host, old));
  const [d, check] = phase(() => p.getSemanticDiagnostics(p.getSourceFile(file)));
  console.log(JSON.stringify({ mode, program, check, errors: d.length, files: p.getSourceFiles().length, peakRssMiB: mib() }));
  return p;
}

if (mode === "fresh") {
  oneCheck(resolve(spec));
} else if (mode === "tsbuildinfo") {
  const file = resolve(spec);
  const options = { ...OPTIONS, incremental: true, tsBuildInfoFile: join(dirname(file), ".bench.tsbuildinfo") };
  const [p, program] = phase(() => ts.createIncrementalProgram({ rootNames: [file], options, host: makeHost(options, ts.createIncrementalCompilerHost(options)) }));
  const [d, check] = phase(() => p.getSemanticDiagnostics(p.getSourceFile(file)));
  p.emit(); // with noEmit, writes only the build info
  console.log(JSON.stringify({ mode, program, check, errors: d.length, peakRssMiB: mib() }));
} else if (mode === "server") {
  const host = makeHost(OPTIONS);
  let old: ts.Program | undefined;
  for (let i = 0; i < 3; i++) {
    old = oneCheck(resolve(spec), old, host);
    appendFileSync(resolve(spec), `// edit ${i}\n`);
  }
} else {
  // each mode in a fresh process, on a copy of the spec beside it (so its imports resolve)
  const dir = mkdtempSync(join(dirname(resolve(spec)), ".bench-tc-"));
  const copy = join(dir, "..", `.bench-${process.pid}.ts`);
  try {
    copyFileSync(spec, copy);
    const run = (m: string): void => void process.stdout.write(execFileSync(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, copy, m], { encoding: "utf8" }));
    run("fresh");
    for (let i = 0; i < 3; i++) {
      run("tsbuildinfo"); // the first writes the build info, the next two read it after an edit
      appendFileSync(copy, `// edit ${i}\n`);
    }
    run("server");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(copy, { force: true });
    rmSync(join(dirname(copy), ".bench.tsbuildinfo"), { force: true });
  }
}
