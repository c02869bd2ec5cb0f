// Resolves a spec's constants: declared defaults overridden by `--const NAME=VALUE` (strings from
// the command line, typed values from the API), each checked against its declaration.

import { McError } from "../result/errors.js";
import type { ConstValue, NormalConst } from "../spec/types.js";

export type ConstOverrides = { readonly [name: string]: string | ConstValue };

export function resolveConstants(
  spec: string,
  decls: { readonly [name: string]: NormalConst },
  overrides: ConstOverrides,
): { [name: string]: ConstValue } {
  const out: { [name: string]: ConstValue } = {};
  for (const [k, d] of Object.entries(decls)) out[k] = d.default;
  for (const [k, raw] of Object.entries(overrides)) {
    const d = decls[k];
    if (d === undefined) {
      const known = Object.keys(decls);
      throw new McError(
        "MC022",
        `--const ${k}: spec '${spec}' has no constant named '${k}'` +
          (known.length ? `; its constants are ${known.map((n) => `${n} (default ${String(decls[n]!.default)})`).join(", ")}.` : "; it declares no constants."),
      );
    }
    const v = coerce(raw, d.default);
    if (v === undefined) {
      throw new McError("MC022", `--const ${k}=${String(raw)}: spec '${spec}' declares '${k}' as a ${typeof d.default} (default ${String(d.default)}), and '${String(raw)}' is not one.`);
    }
    if (d.values !== undefined && !d.values.includes(v)) {
      throw new McError("MC022", `--const ${k}=${String(raw)}: spec '${spec}' allows only ${d.values.map(String).join(", ")} for '${k}'.`);
    }
    if (typeof v === "number" && ((d.min !== undefined && v < d.min) || (d.max !== undefined && v > d.max))) {
      const range = d.min !== undefined && d.max !== undefined ? `from ${d.min} to ${d.max}` : d.min !== undefined ? `at least ${d.min}` : `at most ${d.max}`;
      throw new McError("MC075", `--const ${k}=${String(raw)}: spec '${spec}' declares '${k}' ${range}${d.doc ? ` (${d.doc})` : ""}; ${String(raw)} is outside it.`);
    }
    out[k] = v;
  }
  return out;
}

function coerce(raw: string | ConstValue, like: ConstValue): ConstValue | undefined {
  if (typeof raw !== "string") return typeof raw === typeof like ? raw : undefined;
  if (typeof like === "string") return raw;
  if (typeof like === "boolean") return raw === "true" ? true : raw === "false" ? false : undefined;
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses `NAME=VALUE` strings from the command line. */
export function parseConstFlags(flags: readonly string[]): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const f of flags) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(f);
    if (!m) throw new McError("MC022", `--const ${f}: expected NAME=VALUE, e.g. --const P=3.`);
    out[m[1]!] = m[2]!;
  }
  return out;
}
