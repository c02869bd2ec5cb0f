// Entry point of the type-check process: `node typecheck-boot.cjs RESULT FILE...`, or the same
// from the start-up snapshot (typecheck-snapshot.cjs), which holds the compiler loaded and the
// library's declarations parsed. Plain Node, without tsx, whose loader costs ~1 s of CPU
// (docs/typecheck.md): the type check's own modules are compiled to CommonJS with the compiler,
// once per their content and its version, into mc's cache, and run from there.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { dirname, join, relative, resolve } = require("node:path");

const ROOT = resolve(__dirname, "../..");
const TYPESCRIPT = Symbol.for("mc.typescript");

/** mc's cache: the same folder as typecheck-cache.ts's cacheDir for mc's own package.json. */
function cacheOfMc() {
  for (let d = ROOT; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules"))) return join(d, "node_modules", ".cache", "mc");
    if (dirname(d) === d) return join(tmpdir(), "mc-cache");
  }
}

const typescriptPath = () => require.resolve("typescript", { paths: [ROOT] });
const typescript = () => globalThis[TYPESCRIPT] ?? require(typescriptPath());

/**
 * The start-up snapshot for this Node, compiler, snapshot script (typecheck-snapshot.cjs) and mc
 * (it runs this mc's boot: two checkouts can share a cache through a linked node_modules).
 */
function snapshotBlob() {
  const tsPackage = join(dirname(typescriptPath()), "..", "package.json");
  const key = createHash("sha256")
    .update(JSON.stringify([ROOT, process.version, process.arch, process.execPath, readFileSync(tsPackage, "utf8")]))
    .update(readFileSync(join(__dirname, "typecheck-snapshot.cjs")))
    .digest("hex")
    .slice(0, 32);
  return join(cacheOfMc(), "snapshot", `${key}.blob`);
}

/** The child's modules: typecheck-child.ts and what it imports of mc's (`from "./x.js"`), with their text. */
function childSources() {
  const sources = new Map();
  const todo = [join(ROOT, "src/cli/typecheck-child.ts")];
  while (todo.length > 0) {
    const file = todo.pop();
    if (sources.has(file)) continue;
    sources.set(file, readFileSync(file, "utf8"));
    for (const [, spec] of sources.get(file).matchAll(/(?:from|import\()\s*"(\.\.?\/[^"]+)\.js"/g)) todo.push(resolve(dirname(file), `${spec}.ts`));
  }
  return sources;
}

/** The compiled modules under `cache` (written whole: a temp folder renamed), or undefined if unwritable. */
function compiled(cache, sources, key) {
  const dir = join(cache, "typecheck-child", key);
  const entry = join(dir, "src/cli/typecheck-child.js");
  if (existsSync(entry)) return entry;
  const ts = typescript();
  const tmp = `${dir}.${process.pid}.tmp`;
  try {
    for (const [file, text] of sources) {
      const out = join(tmp, relative(ROOT, file).replace(/\.ts$/, ".js"));
      mkdirSync(dirname(out), { recursive: true });
      // as CommonJS (the snapshot can only require): a module's own location is its __filename
      const source = text.replaceAll("import.meta.url", 'require("node:url").pathToFileURL(__filename).href');
      const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
      writeFileSync(out, ts.transpileModule(source, { compilerOptions, fileName: file }).outputText);
    }
    writeFileSync(join(tmp, "package.json"), '{ "type": "commonjs" }\n');
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // unwritable, or another process renamed first
  }
  return existsSync(entry) ? entry : undefined;
}

/** Runs the check of `args` (RESULT FILE...); then, if the snapshot is missing or stale, has it built. */
async function main(args) {
  const sources = childSources();
  const hash = createHash("sha256").update(readFileSync(join(dirname(typescriptPath()), "..", "package.json")));
  for (const [file, text] of [...sources].sort()) hash.update(`\0${relative(ROOT, file)}\0${text}`);
  const key = hash.digest("hex").slice(0, 32);
  const entry = compiled(cacheOfMc(), sources, key) ?? compiled(join(tmpdir(), "mc-cache"), sources, key);
  if (entry === undefined) throw new Error("cannot write the type check's compiled modules to mc's cache");
  process.env["MC_TYPECHECK_ROOT"] = ROOT; // the compiled modules tell mc's own files apart by it
  const library = await require(entry).runChild(args);
  if (library !== undefined) require("./typecheck-snapshot.cjs").refresh(snapshotBlob(), library);
}

module.exports = { main, snapshotBlob };
if (require.main === module) void main(process.argv.slice(2));
