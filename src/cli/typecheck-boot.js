// Entry point of the type-check process (background-typecheck.ts starts it: `typecheck-boot.js
// CACHE RESULT FILE...`). Plain Node, without tsx, whose loader costs the process ~1 s of CPU
// (docs/typecheck.md): it compiles the type check's own modules with the compiler it needs
// anyway into CACHE, once per their content and the compiler's version, and runs them there.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ts = createRequire(join(root, "package.json"))("typescript");
const [cache] = process.argv.splice(2, 1);

// The child's modules: typecheck-child.ts and what it imports of mc's, with their text.
const sources = new Map();
const todo = [join(root, "src/cli/typecheck-child.ts")];
while (todo.length > 0) {
  const file = todo.pop();
  if (sources.has(file)) continue;
  sources.set(file, readFileSync(file, "utf8"));
  for (const { fileName } of ts.preProcessFile(sources.get(file), true, false).importedFiles) {
    if (fileName.startsWith(".")) todo.push(resolve(dirname(file), fileName.replace(/\.js$/, ".ts")));
  }
}
const hash = createHash("sha256").update(ts.version);
for (const [file, text] of [...sources].sort()) hash.update(`\0${relative(root, file)}\0${text}`);
const key = hash.digest("hex").slice(0, 32);

/** The compiled modules in `base` (written whole: a temp folder renamed), or undefined if unwritable. */
function compiled(base) {
  const dir = join(base, "typecheck-child", key);
  const entry = join(dir, "src/cli/typecheck-child.js");
  if (existsSync(entry)) return entry;
  const tmp = `${dir}.${process.pid}.tmp`;
  try {
    for (const [file, text] of sources) {
      const out = join(tmp, relative(root, file).replace(/\.ts$/, ".js"));
      mkdirSync(dirname(out), { recursive: true });
      const options = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };
      writeFileSync(out, ts.transpileModule(text, { compilerOptions: options, fileName: file }).outputText);
    }
    writeFileSync(join(tmp, "package.json"), '{ "type": "module" }\n');
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // unwritable, or another process renamed first
  }
  return existsSync(entry) ? entry : undefined;
}

const entry = compiled(cache) ?? compiled(join(tmpdir(), "mc-cache"));
if (entry === undefined) throw new Error(`cannot write the type check's compiled modules to ${cache}`);
process.env["MC_TYPECHECK_ROOT"] = root; // the compiled modules tell mc's own files apart by it
await import(pathToFileURL(entry).href);
