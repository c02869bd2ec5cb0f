// MC003's text: type errors as the compiler prints them, one per line with file:line:col and the
// error's chain of reasons below it, wrapped; the first few in full and a count of the rest.
// Plain data in, text out, so it is tested without the compiler.

/** One compiler diagnostic, flattened: where, the TS code, and its message chain as lines. */
export interface TypeDiagnostic {
  readonly file: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly code: number;
  /** The message, then each reason in the chain (the compiler indents them two spaces a level). */
  readonly lines: readonly string[];
}

export const SHOWN = 5;
const WIDTH = 100;

/** `which: N type errors:` then each error as `file:line:col - error TS1234: text`, then the count not shown. */
export function formatTypeErrors(which: string, errors: readonly TypeDiagnostic[]): string {
  const n = errors.length;
  const out = [`${which}: ${n === 1 ? "a type error" : `${n} type errors`}:`];
  for (const e of errors.slice(0, SHOWN)) {
    const where = e.file === undefined ? "" : `${e.file}:${e.line}:${e.column} - `;
    const [first = "", ...rest] = e.lines;
    out.push(...wrap(`${where}error TS${e.code}: ${first}`, "    "));
    for (const r of rest) {
      const indent = /^ */.exec(r)![0];
      out.push(...wrap(r, `${indent}  `));
    }
  }
  if (n > SHOWN) out.push(`and ${n - SHOWN} more (\`npx tsc --noEmit\` lists them all).`);
  out.push("Fix them, or run with --no-typecheck to try anyway.");
  return out.join("\n  ");
}

/** Word-wraps `text` at WIDTH; continuation lines start with `indent`. A word longer than a line stays whole. */
export function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(/(?<=\S)(?= )/)) {
    if (cur.trim() !== "" && cur.length + word.length > WIDTH) {
      lines.push(cur);
      cur = indent + word.trimStart();
    } else cur += word;
  }
  lines.push(cur);
  return lines;
}
