// The symmetry check after a parallel search, split between threads (parallel/reach-share.ts):
// every sample position is checked once, and the mismatch reported is the first in sample order
// whichever thread met it. Two threads are played on one: thread A's first check runs thread B's
// whole share, as if B took its blocks while A was in its first one.
import { describe, expect, it } from "vitest";
import { McError } from "../../src/index.js";
import { CTRL_WORDS } from "../../src/explore/parallel/protocol.js";
import { firstFail, reachShare, startReach } from "../../src/explore/parallel/reach-share.js";

const N = 1000;
const setup = () => {
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4));
  const ids = Int32Array.from({ length: N }, (_, i) => 3 * i);
  startReach(ctrl, N);
  return { ctrl, ids };
};
const mismatch = (i: number) => new McError("MC051", `mismatch at ${i}`);

describe("the check after a parallel search, split between threads", () => {
  it("checks every position of the sample once between the threads", () => {
    const { ctrl, ids } = setup();
    const checked: number[] = [];
    const b = { at: (id: number, i: number) => void checked.push(i, id) };
    let inB = false;
    const a = {
      at: (id: number, i: number) => {
        if (!inB) {
          inB = true;
          expect(reachShare(b, ids, ctrl)).toBeUndefined();
        }
        checked.push(i, id);
      },
    };
    expect(reachShare(a, ids, ctrl)).toBeUndefined();
    const pairs = Array.from({ length: checked.length / 2 }, (_, k) => [checked[2 * k]!, checked[2 * k + 1]!]).sort((x, y) => x[0]! - y[0]!);
    expect(pairs).toEqual(Array.from({ length: N }, (_, i) => [i, 3 * i]));
  });

  it("reports the first mismatch in sample order; no thread takes a block past a mismatch known", () => {
    const { ctrl, ids } = setup();
    const checked = new Set<number>();
    // B meets a mismatch at 300 (its second block) while A is in block 0, where it meets one at 50
    const b = {
      at: (_: number, i: number) => {
        checked.add(i);
        if (i === 300) throw mismatch(i);
      },
    };
    let fromB: ReturnType<typeof reachShare>;
    const a = {
      at: (_: number, i: number) => {
        if (i === 0) fromB = reachShare(b, ids, ctrl);
        checked.add(i);
        if (i === 50) throw mismatch(i);
      },
    };
    const fromA = reachShare(a, ids, ctrl);
    expect(fromB!).toMatchObject({ i: 300, code: "MC051", message: "mismatch at 300", internal: false });
    expect(fromA).toMatchObject({ i: 50, code: "MC051", internal: false });
    expect(firstFail([fromB!, undefined, fromA])).toBe(fromA);
    expect(firstFail([undefined, undefined])).toBeUndefined();
    // B stopped at 300; nobody went past the block it was in
    expect(Math.max(...checked)).toBe(300);
    expect(checked.has(51)).toBe(false);
    // a thread that starts late takes nothing
    expect(reachShare({ at: () => expect.unreachable() }, ids, ctrl)).toBeUndefined();
  });

  it("names an internal error as such", () => {
    const { ctrl, ids } = setup();
    const f = reachShare({ at: () => { throw new TypeError("boom"); } }, ids, ctrl);
    expect(f).toMatchObject({ i: 0, code: "internal", internal: true });
    expect(f!.message).toContain("boom");
  });
});
