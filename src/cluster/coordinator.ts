// The cluster's coordinator: no state passes through it. It admits the workers (same spec and
// constants, by hash), starts each level, sums the workers' level reports, decides termination,
// and on the first event of a level (the least path key: the one one machine meets first) asks
// the workers for the counts up to it and for the parents along the counterexample's path.
// A worker that restarts, or a reconnection to the NATS server, makes it redo the level.

import type { Model } from "../model/compile.js";
import { McError, type ErrorCode } from "../result/errors.js";
import type { CheckListener } from "../result/result.js";
import type { ResolvedOptions } from "../explore/options.js";
import type { ActionStats, SearchOutcome, Stop } from "../explore/search.js";
import { StateStore } from "../explore/state-store.js";
import { json, ownerOf, parse, subjects, type CountReply, type CtlMsg, type HeartbeatMsg, type JoinMsg, type LevelEvent, type ParentReply, type ReportMsg, type RpcMsg } from "./protocol.js";
import type { Transport } from "./transport.js";
import type { ClusterTimeouts } from "./timeouts.js";

export interface CoordinatorConfig {
  readonly run: string;
  readonly nodes: number;
  readonly hash: string;
  readonly describe: string;
  readonly timeouts: ClusterTimeouts;
}

/** Per level: wall time, messages and bytes the workers sent, their peak resident memory. */
export interface LevelStats {
  readonly level: number;
  readonly newStates: number;
  readonly ms: number;
  readonly msgs: number;
  readonly bytes: number;
  readonly rssBytes: readonly number[];
}

export interface ClusterOutcome extends SearchOutcome {
  readonly levels: readonly LevelStats[];
  /** Levels redone after a worker restart or a reconnection. */
  readonly redone: number;
}

export async function coordinate(model: Model, opts: ResolvedOptions, t: Transport, cfg: CoordinatorConfig, listener: CheckListener = {}): Promise<ClusterOutcome> {
  const s = subjects(cfg.run);
  const n = cfg.nodes;
  const joined = new Map<number, JoinMsg>();
  const lastSeen = new Float64Array(n);
  const ctl = (m: CtlMsg): void => t.publish(s.ctl, json(m));
  let attempt = 0;
  let level = 0;
  let reports = new Map<number, ReportMsg>();
  let wake: () => void = () => undefined;
  let failure: McError | undefined;
  let redo = false;
  const fail = (e: McError): void => {
    failure ??= e;
    wake();
  };
  const offs = [
    t.subscribe(s.join, (d) => {
      const j = parse<JoinMsg>(d);
      if (j.hash !== cfg.hash || j.nodes !== n) {
        const why = j.nodes !== n ? `it was started with --nodes ${j.nodes}, the run has ${n}` : `its spec or constants differ: it checks ${j.describe}, the run checks ${cfg.describe}`;
        const msg = `run '${cfg.run}': worker ${j.index} (${j.host}, pid ${j.pid}) cannot join: ${why}. Start every worker from the same spec file and the same --const flags.`;
        ctl({ type: "reject", index: j.index, code: "MC068", message: msg });
        return fail(new McError("MC068", msg));
      }
      if (j.index < 0 || j.index >= n) return fail(new McError("MC067", `run '${cfg.run}': a worker joined with index ${j.index}, outside 0..${n - 1}.`));
      const prev = joined.get(j.index);
      lastSeen[j.index] = Date.now();
      joined.set(j.index, j);
      ctl({ type: "welcome", index: j.index });
      if (prev && prev.pid !== j.pid) {
        // a restarted worker: it resumes from its checkpoints, and the level starts over
        if (!j.checkpoints) return fail(new McError("MC069", `run '${cfg.run}': worker ${j.index} restarted (pid ${prev.pid} → ${j.pid}) without checkpoints (--checkpoint-dir), so the states it owned are lost; start the run again.`));
        redo = true;
      }
      wake();
    }),
    t.subscribe(s.hb, (d) => {
      const h = parse<HeartbeatMsg>(d);
      if (h.index >= 0 && h.index < n) lastSeen[h.index] = Date.now();
      if (h.fatal) {
        const j = joined.get(h.index);
        if (h.fatal.code === "internal") return fail(new McError("MC069", `run '${cfg.run}': worker ${h.index}${j ? ` (${j.host}, pid ${j.pid})` : ""} failed with an internal error (a bug in mc): ${h.fatal.message}`));
        return fail(new McError(h.fatal.code as ErrorCode, h.fatal.message));
      }
      if (h.reconnected) {
        redo = true;
        wake();
      }
    }),
    t.subscribe(s.report, (d) => {
      const r = parse<ReportMsg>(d);
      lastSeen[r.index] = Date.now();
      if (r.attempt === attempt) reports.set(r.index, r);
      wake();
    }),
  ];
  t.onReconnect(() => {
    redo = true;
    wake();
  });
  /** The level start last announced, repeated with every heartbeat. */
  let current = { level: -1, attempt: -1 };
  const beat = setInterval(() => ctl({ type: "hb", ...current }), cfg.timeouts.heartbeatMs);
  // The first at once, now that it listens: workers whose join went out before it join again.
  ctl({ type: "hb", ...current });
  /** Resolves on the next message (or after a second, to look at the clocks). */
  const next = (): Promise<void> => new Promise((r) => ((wake = r), setTimeout(r, 1000)));
  const rpc = async <T>(owner: number, m: RpcMsg): Promise<T> => {
    try {
      return parse<T>(await t.request(s.rpc(owner), json(m), cfg.timeouts.requestMs));
    } catch {
      throw new McError("MC069", `run '${cfg.run}': worker ${owner} did not answer a ${m.type} request within ${cfg.timeouts.requestMs} ms.`);
    }
  };

  const started = Date.now();
  let lastReport = started;
  let distinct = 0;
  let generated = 0;
  let depth = 0;
  const stats: ActionStats = { enabled: new Float64Array(model.actions.length), generated: new Float64Array(model.actions.length) };
  const levels: LevelStats[] = [];
  let redone = 0;
  let sentBefore = { msgs: 0, bytes: 0 };
  const outcome = (stop: Stop | null, store = new StateStore()): ClusterOutcome => ({ distinct, generated, actionStats: stats, depth, stop, store, storeBytes: 0, levels, redone, cut: new Float64Array(0), terminal: 0, warnings: [] });
  try {
    // Everyone joins first.
    const joinBy = Date.now() + cfg.timeouts.joinMs;
    while (joined.size < n && failure === undefined) {
      if (opts.signal?.aborted) return outcome({ kind: "interrupted" });
      if (Date.now() > joinBy) {
        const missing = [...Array(n).keys()].filter((i) => !joined.has(i));
        throw new McError("MC067", `run '${cfg.run}': worker${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${n} did not join within ${cfg.timeouts.joinMs} ms (--join-timeout). Were they started with the same NATS URL and --run id, and did they reach the server?`);
      }
      await next();
    }
    for (;;) {
      if (failure) throw failure;
      if (opts.signal?.aborted) return outcome({ kind: "interrupted" });
      // Start (or restart) the level, then wait for every worker's report of this attempt.
      redo = false;
      reports = new Map();
      current = { level, attempt };
      ctl({ type: "level", ...current });
      const levelStart = Date.now();
      while (reports.size < n && !redo && failure === undefined && !opts.signal?.aborted) {
        await next();
        const now = Date.now();
        for (let i = 0; i < n; i++) {
          if (now - lastSeen[i]! > cfg.timeouts.peerMs) {
            const j = joined.get(i)!;
            if (!j.checkpoints) throw new McError("MC069", `run '${cfg.run}': worker ${i} (${j.host}, pid ${j.pid}) has been silent for ${cfg.timeouts.peerMs} ms (--peer-timeout) at depth ${level}; it stopped or lost the NATS server.`);
            if (now - lastSeen[i]! > cfg.timeouts.peerMs + cfg.timeouts.joinMs) throw new McError("MC069", `run '${cfg.run}': worker ${i} stopped at depth ${level} and did not rejoin within ${cfg.timeouts.joinMs} ms (--join-timeout) of --peer-timeout.`);
          }
        }
      }
      if (failure) throw failure;
      if (opts.signal?.aborted) return outcome({ kind: "interrupted" });
      attempt++;
      if (redo) {
        redone++;
        continue;
      }
      const rs = [...reports.values()];
      const newStates = rs.reduce((a, r) => a + r.newStates, 0);
      const sent = rs.reduce((a, r) => ({ msgs: a.msgs + r.sent.msgs, bytes: a.bytes + r.sent.bytes }), { msgs: 0, bytes: 0 });
      levels.push({ level, newStates, ms: Date.now() - levelStart, msgs: sent.msgs - sentBefore.msgs, bytes: sent.bytes - sentBefore.bytes, rssBytes: rs.sort((a, b) => a.index - b.index).map((r) => r.rssBytes) });
      sentBefore = sent;
      let event: LevelEvent | null = null;
      for (const r of rs) if (r.event && (event === null || r.event.key < event.key)) event = r.event;
      if (event?.kind === "error") {
        if (event.code === "internal") throw new Error(`in a cluster worker: ${event.message}`);
        throw new McError(event.code as ErrorCode, event.message!);
      }
      if (event !== null) {
        // the counts where one machine stops: states up to the event's key, successors of the parents before it
        const counts = await Promise.all([...Array(n).keys()].map((i) => rpc<CountReply>(i, { type: "count", parentKey: event.parentKey, key: event.key })));
        distinct = counts.reduce((a, c) => a + c.distinct, 0);
        generated += counts.reduce((a, c) => a + c.generated, 0) + (event.kind === "invariant" ? event.ord + 1 : 0);
        if (event.kind === "invariant") depth = level + 1;
        const { store, id } = await pathTo(event.hi, event.lo, level + 1, (owner, m) => rpc<ParentReply>(owner, m), n, cfg.run);
        const stop: Stop = event.kind === "invariant" ? { kind: "invariant", invariant: event.invariant, id, hi: event.hi, lo: event.lo } : { kind: "deadlock", id, hi: event.hi, lo: event.lo };
        return outcome(stop, store);
      }
      distinct += newStates;
      generated += rs.reduce((a, r) => a + r.generated, 0) + (level === 0 ? model.init.length : 0);
      for (const r of rs) for (let a = 0; a < model.actions.length; a++) (stats.enabled[a]! += r.enabled[a]!), (stats.generated[a]! += r.generatedBy[a]!);
      if (newStates === 0) return outcome(null);
      depth = level + 1;
      if (Date.now() - lastReport >= opts.progressIntervalMs) {
        lastReport = Date.now();
        listener.onProgress?.({ distinct, generated, frontier: newStates, depth, elapsedMs: lastReport - started, storeBytes: 0 });
      }
      if (depth >= opts.maxDepth) return outcome({ kind: "bounded", reason: `--max-depth ${opts.maxDepth} reached` });
      level++;
    }
  } finally {
    ctl(failure ? { type: "abort", code: failure.code, message: failure.message } : { type: "done" });
    clearInterval(beat);
    for (const off of offs) off();
    await t.flush().catch(() => undefined);
  }
}

/** The path to a state, asked of the owners parent by parent, as a StateStore the trace rebuild replays. */
async function pathTo(hi: number, lo: number, maxLen: number, ask: (owner: number, m: RpcMsg) => Promise<ParentReply>, n: number, run: string): Promise<{ store: StateStore; id: number }> {
  const steps: { action: number; succ: number }[] = [];
  for (let i = 0; i <= maxLen; i++) {
    const r = await ask(ownerOf(lo, n), { type: "parent", hi, lo });
    if (!r.found) throw new McError("MC069", `run '${run}': the owner of a state on the counterexample's path (worker ${ownerOf(lo, n)}) does not know it.`);
    if (r.init >= 0) {
      const store = new StateStore();
      let id = store.add(-1, 0, r.init);
      for (const st of steps.reverse()) id = store.add(id, st.action, st.succ);
      return { store, id };
    }
    steps.push({ action: r.action, succ: r.succ });
    hi = r.phi;
    lo = r.plo;
  }
  throw new McError("MC069", `run '${run}': the counterexample's parent links do not reach an initial state within ${maxLen} steps.`);
}
