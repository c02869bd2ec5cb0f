// Terminal styling: colour only when writing to a TTY and NO_COLOR is unset.

export interface Style {
  ok(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (code: number, reset: number) => (s: string) => `\x1b[${code}m${s}\x1b[${reset}m`;

export function styleFor(tty: boolean): Style {
  if (!tty || process.env["NO_COLOR"]) {
    const id = (s: string): string => s;
    return { ok: id, bad: id, dim: id, bold: id };
  }
  return { ok: wrap(32, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

export function thousands(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
