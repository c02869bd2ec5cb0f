// Runs the type check beside the search instead of before it: a child process (so that the
// compiler's 200-300 MiB never count in the checking process), started only when the cache
// says the spec changed. The caller polls it while searching and awaits it before printing a
// verdict, so a type error still ends the run with MC003 and no verdict.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { McError, type ErrorCode } from "../result/errors.js";
import { cacheDir, MC_ROOT, staleSpecs } from "./typecheck-cache.js";
import type { TypecheckOutcome } from "./typecheck-child.js";

const BOOT = new URL("./typecheck-boot.js", import.meta.url);

export class BackgroundTypecheck {
  private readonly child: ChildProcess | undefined;
  private readonly dir: string | undefined;
  private readonly exited: Promise<number | null> | undefined;
  private outcome: TypecheckOutcome | undefined;

  /** Starts checking those of `files` that did not pass before unchanged (a few file reads each). */
  constructor(files: readonly string[]) {
    const stale = staleSpecs(files);
    if (stale.length === 0) {
      this.outcome = { ok: true };
      return;
    }
    this.dir = mkdtempSync(join(tmpdir(), "mc-typecheck-"));
    const child = spawn(process.execPath, [BOOT.pathname, cacheDir(join(MC_ROOT, "package.json")), this.resultPath, ...stale], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4096)));
    this.exited = new Promise((res) => {
      child.on("error", () => res(null));
      child.on("close", (code) => {
        if (code !== 0 && this.read() === undefined) this.outcome = { ok: false, code: "internal", message: `the type-check process exited with ${code ?? "a signal"}: ${stderr.trim().split("\n").pop() ?? ""}` };
        res(code);
      });
    });
    this.child = child;
  }

  private get resultPath(): string {
    return join(this.dir!, "result.json");
  }

  private read(): TypecheckOutcome | undefined {
    if (this.outcome === undefined && this.dir !== undefined && existsSync(this.resultPath)) {
      this.outcome = JSON.parse(readFileSync(this.resultPath, "utf8")) as TypecheckOutcome;
    }
    return this.outcome;
  }

  /** Synchronous: throws MC003 if the check has already failed (called from the search's progress). */
  poll(): void {
    const o = this.read();
    if (o !== undefined && !o.ok) throw toError(o);
  }

  /** Waits for the check; throws MC003 on a type error. */
  async done(): Promise<void> {
    if (this.read() === undefined) await this.exited;
    this.poll();
  }

  /** Stops the child if it still runs and removes its files. */
  dispose(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}

function toError(o: Extract<TypecheckOutcome, { ok: false }>): Error {
  return o.code === "internal" ? new Error(`type check failed: ${o.message}`) : new McError(o.code as ErrorCode, o.message);
}
