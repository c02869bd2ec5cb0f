// The type check's start-up snapshot (Node's --build-snapshot): a V8 heap holding the TypeScript
// compiler loaded and the declarations checks read (the library, immutable's, mc's) parsed and
// bound, which a type-check process starts from instead of loading and parsing them (~0.7 s of
// CPU, docs/typecheck.md). Built in the background, after a check that found it missing or
// stale; a file whose text changed since is parsed again (typecheck.ts compares the texts).
"use strict";
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const v8 = require("node:v8");

const PARSED = Symbol.for("mc.parsed");
const TYPESCRIPT = Symbol.for("mc.typescript");

/** Under --build-snapshot: loads the compiler, parses and binds the listed files, keeps them. */
function build(listPath) {
  const { typescript, boot, options, files } = JSON.parse(readFileSync(listPath, "utf8"));
  const m = { exports: {} };
  // a snapshot's script may require only Node's own modules: the compiler's one file is run as
  // CommonJS by hand
  new Function("module", "exports", "require", "__filename", "__dirname", readFileSync(typescript, "utf8"))(m, m.exports, require, typescript, dirname(typescript));
  const ts = m.exports;
  const setExternalModuleIndicator = ts.getSetExternalModuleIndicator(options);
  const parsed = new Map();
  for (const f of files) {
    const sf = ts.createSourceFile(f.fileName, f.text, { languageVersion: f.languageVersion, impliedNodeFormat: f.impliedNodeFormat, setExternalModuleIndicator });
    ts.bindSourceFile(sf, options);
    parsed.set(f.fileName, sf);
  }
  globalThis[TYPESCRIPT] = ts;
  globalThis[PARSED] = parsed;
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // `node --snapshot-blob BLOB RESULT FILE...`: argv has no script
    void require("node:module").createRequire(boot)(boot).main(process.argv.slice(1));
  });
}

/** The detached builder: builds the snapshot into a temp file, renames it into place, frees the lock. */
function write(blob, listPath) {
  const tmp = `${blob}.${process.pid}.tmp`;
  const r = require("node:child_process").spawnSync(process.execPath, ["--snapshot-blob", tmp, "--build-snapshot", __filename, listPath], { stdio: "ignore" });
  if (r.status === 0) renameSync(tmp, blob);
  rmSync(tmp, { force: true });
  // another Node's or compiler's snapshot (~25 MiB each), a week after it was built
  for (const other of readdirSync(dirname(blob))) {
    const path = join(dirname(blob), other);
    if (other.endsWith(".blob") && path !== blob && Date.now() - statSync(path).mtimeMs > 7 * 86_400_000) rmSync(path, { force: true });
  }
  rmSync(dirname(listPath), { recursive: true, force: true });
}

/**
 * After a check (`library`: the declaration files it read, and its options): has the snapshot
 * built, with those files and those it held already, when it is missing or missed one of them.
 * One builder at a time (a lock folder; one older than 5 minutes is a dead builder's).
 */
function refresh(blob, library) {
  const parsed = globalThis[PARSED];
  if (parsed === undefined ? existsSync(blob) : library.files.every((sf) => parsed.get(sf.fileName) === sf)) return;
  const lock = `${blob}.building`;
  try {
    mkdirSync(dirname(blob), { recursive: true });
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
    mkdirSync(lock);
  } catch {
    return; // another process builds it, or the cache is unwritable: only speed is lost
  }
  const files = new Map([...(parsed ?? new Map())].map(([name, sf]) => [name, sf]));
  for (const sf of library.files) files.set(sf.fileName, sf);
  const list = join(lock, "files.json");
  const entries = [...files.values()].map((sf) => ({ fileName: sf.fileName, text: sf.text, languageVersion: sf.languageVersion, impliedNodeFormat: sf.impliedNodeFormat }));
  const typescript = require.resolve("typescript", { paths: [join(__dirname, "../..")] });
  writeFileSync(list, JSON.stringify({ typescript, boot: join(__dirname, "typecheck-boot.cjs"), options: library.options, files: entries }));
  require("node:child_process").spawn(process.execPath, [__filename, blob, list], { detached: true, stdio: "ignore" }).unref();
}

// (a snapshot's script has no `module`)
if (v8.startupSnapshot.isBuildingSnapshot()) build(process.argv[2]);
else if (require.main === module) write(process.argv[2], process.argv[3]);
else module.exports = { refresh };
