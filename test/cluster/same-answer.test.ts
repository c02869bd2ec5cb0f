// The long suite's proof of "the same answer as one machine": every run recorded in results/
// (that the cluster mode accepts and that is not too slow) checked by the cluster on 1..4
// workers over a real nats-server gives the recorded verdict, counts, depth and counterexample
// (the same actions and states), and the counterexample replays with `mc replay`.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInProcess } from "../../src/cluster/check-cluster.js";
import { natsTransport } from "../../src/cluster/nats-transport.js";
import { compile } from "../../src/model/compile.js";
import { loadSpec } from "../../src/model/load-spec.js";
import { parseRunFlags } from "../../src/cli/run-flags.js";
import { plain } from "../../src/report/json.js";
import { renderJsonTrace } from "../../src/report/trace-file.js";
import type { Recorded } from "../../src/cli/regress-command.js";
import { mc } from "../helpers.js";
import { NatsServer, natsInstalled } from "./nats-server.js";
import { tempDir } from "../support/temp.js";

/** Runs above this many distinct states are left to the one-machine regress (each is checked four times here). */
const TOO_SLOW = 60_000;

/** The check records of results/, not results/mutate/ (mutation scores, which hold no runs). */
function records(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (f === "mutate" && dir === "results" ? [] : statSync(join(dir, f)).isDirectory() ? records(join(dir, f)) : f.endsWith(".json") ? [join(dir, f)] : []));
}

describe.runIf(process.env["MC_LONG"] === "1" && natsInstalled)("the cluster gives the recorded one-machine answer", () => {
  let nats: NatsServer;
  let dir: string;
  beforeAll(async () => {
    nats = await NatsServer.start();
    dir = tempDir("mc-cluster-replay-");
  });
  afterAll(async () => {
    await nats?.down();
    rmSync(dir, { recursive: true, force: true });
  });

  it("on every accepted recorded run, for 1..4 workers", { timeout: 1_500_000 }, async () => {
    let checked = 0;
    const skipped: string[] = [];
    for (const file of records("results")) {
      const rec = JSON.parse(readFileSync(file, "utf8")) as { spec: string; runs: Recorded[] };
      const spec = await loadSpec(rec.spec);
      for (const run of rec.runs) {
        const what = `${rec.spec} ${run.flags.join(" ")}`;
        const o = parseRunFlags(run.flags.filter((f, i, a) => f !== "--workers" && a[i - 1] !== "--workers"), file);
        const kind = run.violation?.kind;
        if (run.distinctStates > TOO_SLOW || o.strategy === "dfs" || o.maxStates !== undefined || kind === "liveness" || kind === "action" || (o.properties?.length ?? 0) > 0) {
          skipped.push(what);
          continue;
        }
        // the cluster checks invariants only: name them all when the spec also has properties
        const model = compile(spec, o.constants, rec.spec, { symmetry: o.symmetry ?? true });
        const invariants = o.invariants ?? model.invariantNames;
        // refused by the cluster (MC070): a reduction by symmetry, constraints, terminal states
        const refused = model.symmetry !== null || model.constraints.length > 0 || model.terminals.length > 0;
        if (refused || (model.propertyNames.length + model.actionPropertyNames.length > 0 && invariants.length === 0)) {
          skipped.push(what);
          continue;
        }
        const options = { ...o, file: rec.spec, invariants, properties: [] };
        for (const nodes of [1, 2, 3, 4]) {
          const { result } = await checkInProcess(spec, options, nodes, { run: `same${checked}n${nodes}` }, () => natsTransport({ url: nats.url, connectTimeoutMs: 5000, reconnectForMs: 5000 }));
          const got = { verdict: result.verdict, distinctStates: result.distinctStates, generatedStates: result.generatedStates, depth: result.depth };
          expect(got, `${what} on ${nodes} workers`).toEqual({ verdict: run.verdict, distinctStates: run.distinctStates, generatedStates: run.generatedStates, depth: run.depth });
          if (run.violation) {
            const v = result.violation!;
            expect({ kind: v.kind, name: v.name, actions: v.trace.slice(1).map((t) => t.action), states: v.trace.map((t) => plain(t.state)) }, `${what} trace on ${nodes} workers`).toEqual({
              kind: run.violation.kind,
              name: run.violation.name,
              actions: run.violation.actions,
              states: run.violation.states,
            });
            if (nodes === 4) {
              const trace = join(dir, `t${checked}.json`);
              writeFileSync(trace, renderJsonTrace(result)!);
              const r = await mc("replay", rec.spec, trace, "--no-typecheck");
              expect(r.code, `${what}: mc replay ${r.err}`).toBe(1);
            }
          }
        }
        checked++;
      }
    }
    process.stderr.write(`cluster same-answer: ${checked} recorded runs checked on 1..4 workers; skipped ${skipped.length} (dfs, --max-states, --property, liveness/action verdicts, symmetry, constraints, or over ${TOO_SLOW} states)\n`);
    expect(checked).toBeGreaterThan(50);
  });
});
