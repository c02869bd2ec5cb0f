// mc check --trace FILE: the format follows the name, the file is written whole or not at all,
// nothing is written without a counterexample, and a name of no known format is refused first.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TRACE_FORMATS } from "../../src/report/trace-file.js";
import { fixture, mc } from "../helpers.js";
import { tempDir } from "../support/temp.js";

const jugs = fixture("jugs.ts");

describe("mc check --trace", () => {
  it("*.json is the --json object with the whole trace; *.itf.json is ITF", async () => {
    const dir = tempDir("mc-trace-");
    const r = await mc("check", jugs, "--no-typecheck", "--json", "--trace", join(dir, "t.json"));
    expect(r.code).toBe(1);
    const saved = JSON.parse(readFileSync(join(dir, "t.json"), "utf8"));
    const printed = JSON.parse(r.out);
    // the file's steps also carry each state typed (`value`), for a lossless replay
    const untyped = { ...saved.violation, trace: saved.violation.trace.map(({ value: _, ...t }: { value: unknown }) => t) };
    expect({ ...saved, violation: untyped, timeMs: 0, file: undefined }).toEqual({ ...printed, timeMs: 0 });
    await mc("check", jugs, "--no-typecheck", "--trace", join(dir, "t.itf.json"));
    const itf = JSON.parse(readFileSync(join(dir, "t.itf.json"), "utf8"));
    expect(itf.vars).toEqual(["small", "big"]);
    expect(itf.states).toHaveLength(7);
    expect(readdirSync(dir).sort()).toEqual(["t.itf.json", "t.json"]); // no temporary files left
  });

  it("*.html is the self-contained report of the same counterexample", async () => {
    const dir = tempDir("mc-trace-");
    const r = await mc("check", jugs, "--no-typecheck", "--trace", join(dir, "t.html"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("HTML report");
    const html = readFileSync(join(dir, "t.html"), "utf8");
    expect(html.startsWith("<!doctype html>") || html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("NotSolved");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/); // nothing fetched from outside
  });

  it("no counterexample: nothing written, and said so", async () => {
    const file = join(tempDir("mc-trace-"), "ok.itf.json");
    const r = await mc("check", jugs, "--no-typecheck", "--const", "GOAL=9", "--trace", file);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`no counterexample, so ${file} was not written`);
    expect(existsSync(file)).toBe(false);
  });

  it("an unknown format or an unwritable place is a clear error, exit 2", async () => {
    const bad = await mc("check", jugs, "--no-typecheck", "--trace", "trace.txt");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("MC042");
    expect(bad.err).toContain(TRACE_FORMATS.map((f) => `*${f.suffix}`).join(", "));
    expect(bad.out).toBe(""); // refused before the search
    const nowhere = await mc("check", jugs, "--no-typecheck", "--trace", "/nonexistent-dir/t.json");
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toContain("MC041");
  });
});
