// Rewrites the export lists of lib/kernel.js and lib/invariants.js from their modules' run-time
// exports, after a module gained or lost an export (test/pack/exports.test.ts fails until then):
// `node --import tsx test/pack/write-shims.ts`. lib/index.js is kept by hand (its list is short
// and other branches edit it).
import { readFileSync, writeFileSync } from "node:fs";
import { valueExports } from "./value-exports.ts";

const SHIMS = [
  ["lib/kernel.js", "src/kernel/index.ts"],
  ["lib/invariants.js", "invariants/index.ts"],
] as const;

for (const [shim, source] of SHIMS) {
  const names = await valueExports(source);
  const lines: string[] = [];
  let line = " ";
  for (const n of names) {
    if (`${line} ${n},`.length > 100) {
      lines.push(line);
      line = " ";
    }
    line += ` ${n},`;
  }
  lines.push(line);
  const text = readFileSync(shim, "utf8");
  const head = text.slice(0, text.indexOf("export const {"));
  writeFileSync(shim, `${head}export const {\n${lines.join("\n")}\n} = m;\n`);
}
