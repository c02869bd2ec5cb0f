// Entry point of the type-check process (typecheck-spawn.js starts it: `typecheck-boot.js RESULT
// FILE...`). Plain Node, without tsx, whose loader costs the process ~1 s of CPU
// (docs/typecheck.md): it compiles the type check's own modules, once per their content and the
// compiler's version, into mc's cache, and runs them from there.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(join(root, "package.json"));
const tsVersion = JSON.parse(readFileSync(require.resolve("typescript/package.json"), "utf8")).version;

// The child's modules: typecheck-child.ts and what it imports of mc's (relative imports, as
// mc's style writes them: `from "./x.js"`), with their text.
const sources = new Map();
const todo = [join(root, "src/cli/typecheck-child.ts")];
while (todo.length > 0) {
  const file = todo.pop();
  if (sources.has(file)) continue;
  sources.set(file, readFileSync(file, "utf8"));
  for (const [, spec] of sources.get(file).matchAll(/(?:from|import\()\s*"(\.\.?\/[^"]+)\.js"/g)) todo.push(resolve(dirname(file), `${spec}.ts`));
}
const hash = createHash("sha256").update(tsVersion);
for (const [file, text] of [...sources].sort()) hash.update(`\0${relative(root, file)}\0${text}`);
const key = hash.digest("hex").slice(0, 32);

/** The compiled modules under `cache` (written whole: a temp folder renamed), or undefined if unwritable. */
function compiled(cache) {
  const dir = join(cache, "typecheck-child", key);
  const entry = join(dir, "src/cli/typecheck-child.js");
  if (existsSync(entry)) return entry;
  const ts = require("typescript");
  const tmp = `${dir}.${process.pid}.tmp`;
  try {
    for (const [file, text] of sources) {
      const out = join(tmp, relative(root, file).replace(/\.ts$/, ".js"));
      mkdirSync(dirname(out), { recursive: true });
      const compilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };
      writeFileSync(out, ts.transpileModule(text, { compilerOptions, fileName: file }).outputText);
    }
    writeFileSync(join(tmp, "package.json"), '{ "type": "module" }\n');
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // unwritable, or another process renamed first
  }
  return existsSync(entry) ? entry : undefined;
}

/** mc's cache: the same folder as typecheck-cache.ts's cacheDir for mc's own package.json. */
function cacheOfMc() {
  for (let d = root; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules"))) return join(d, "node_modules", ".cache", "mc");
    if (dirname(d) === d) return join(tmpdir(), "mc-cache");
  }
}

const entry = compiled(cacheOfMc()) ?? compiled(join(tmpdir(), "mc-cache"));
if (entry === undefined) throw new Error("cannot write the type check's compiled modules to mc's cache");
process.env["MC_TYPECHECK_ROOT"] = root; // the compiled modules tell mc's own files apart by it
await import(pathToFileURL(entry).href);
