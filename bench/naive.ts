// The naive TypeScript BFS baseline of ../shared/bench/devpriv.md: devpriv written directly, plain
// objects as states, JSON.stringify keys in a JS Set, an array queue. Usage: naive.ts P T.
// Prints one JSON line {distinct, generated, depth}; depth follows TLC (initial states are depth 1).

interface State {
  ref: number[]; // ref[p-1]: refcount of page p
  alloc: boolean[]; // alloc[p-1]: the driver has handed page p out
  frees: number[]; // frees[p-1]: page_free callbacks since p was last allocated
  holds: number[]; // holds[t-1]: 0, or the page thread t holds a reference on
}

const [P, T] = process.argv.slice(2, 4).map(Number) as [number, number];
if (!(P >= 1 && T >= 1)) throw new Error("usage: naive.ts P T (two whole numbers of at least 1)");

const copy = (s: State): State => ({ ref: [...s.ref], alloc: [...s.alloc], frees: [...s.frees], holds: [...s.holds] });

/** Successors in the doc's order: each action in turn, bindings t = 1..T, then p = 1..P. */
function next(s: State): State[] {
  const out: State[] = [];
  for (let t = 0; t < T; t++)
    for (let p = 0; p < P; p++)
      if (s.holds[t] === 0 && !s.alloc[p] && s.ref[p] === 0) {
        const n = copy(s);
        n.ref[p] = 1, n.alloc[p] = true, n.frees[p] = 0, n.holds[t] = p + 1;
        out.push(n);
      }
  for (let t = 0; t < T; t++)
    for (let p = 0; p < P; p++)
      if (s.holds[t] === 0 && s.ref[p]! > 0) {
        const n = copy(s);
        n.ref[p]!++, n.holds[t] = p + 1;
        out.push(n);
      }
  for (let t = 0; t < T; t++) {
    const p = s.holds[t]! - 1;
    if (p < 0) continue;
    const n = copy(s);
    n.ref[p]!--, n.holds[t] = 0;
    if (n.ref[p] === 0) n.alloc[p] = false, n.frees[p]!++;
    out.push(n);
  }
  return out;
}

/** FreeOnce, RefMatchesHolders and AllocIffRef; throws on the first broken one. */
function checkInvariants(s: State): void {
  for (let p = 0; p < P; p++) {
    const holders = s.holds.filter((h) => h === p + 1).length;
    if (s.frees[p]! > 1) throw new Error(`FreeOnce broken: ${JSON.stringify(s)}`);
    if (s.ref[p] !== holders) throw new Error(`RefMatchesHolders broken: ${JSON.stringify(s)}`);
    if (s.alloc[p] !== s.ref[p]! > 0) throw new Error(`AllocIffRef broken: ${JSON.stringify(s)}`);
  }
}

const init: State = { ref: Array(P).fill(0), alloc: Array(P).fill(false), frees: Array(P).fill(0), holds: Array(T).fill(0) };
const seen = new Set<string>([JSON.stringify(init)]);
checkInvariants(init);
// A head index instead of shift(): shift() copies the array and would make the search quadratic.
const queue: ({ s: State; d: number } | undefined)[] = [{ s: init, d: 1 }];
let generated = 1;
let depth = 1;
for (let head = 0; head < queue.length; head++) {
  const { s, d } = queue[head]!;
  queue[head] = undefined; // let the expanded state be collected
  const succ = next(s);
  if (succ.length === 0) throw new Error(`deadlock: ${JSON.stringify(s)}`);
  for (const n of succ) {
    generated++;
    const key = JSON.stringify(n);
    if (seen.has(key)) continue;
    seen.add(key);
    checkInvariants(n);
    if (d + 1 > depth) depth = d + 1;
    queue.push({ s: n, d: d + 1 });
  }
}
console.log(JSON.stringify({ distinct: seen.size, generated, depth }));
