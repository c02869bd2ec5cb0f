// Shared test helpers: run the CLI in-process and capture what it prints.
import { runCli } from "../src/cli/main.js";

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function mc(...argv: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s), tty: false });
  return { code, out, err };
}

export const fixture = (name: string): string => `test/fixtures/${name}`;
