// The byte frontiers: FIFO and LIFO order, ids, depths and bytes intact across chunk boundaries.
import { describe, expect, it } from "vitest";
import { Queue, Stack } from "../../src/explore/frontier.js";

function fill(f: Queue | Stack, n: number): void {
  const buf = new Uint8Array(3000);
  for (let i = 0; i < n; i++) {
    const len = (i * 37) % 2900;
    buf.fill(i & 0xff, 7, 7 + len); // entries are read from an offset, as from a successor batch
    f.push(i, i % 17, buf, 7, len);
  }
}

function take(f: Queue | Stack): number[] {
  const ids: number[] = [];
  while (f.pop()) {
    const len = (f.id * 37) % 2900;
    expect(f.len).toBe(len);
    expect(f.depth).toBe(f.id % 17);
    if (len > 0) expect(f.buf[f.off + len - 1]).toBe(f.id & 0xff);
    ids.push(f.id);
  }
  return ids;
}

describe("frontiers", () => {
  it("the queue is FIFO across 4 MiB chunks", () => {
    const q = new Queue();
    fill(q, 10_000);
    expect(q.size).toBe(10_000);
    expect(take(q)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it("the stack is LIFO across chunks, also when pushes and pops interleave", () => {
    const s = new Stack();
    fill(s, 10_000);
    expect(take(s)).toEqual(Array.from({ length: 10_000 }, (_, i) => 9_999 - i));
    fill(s, 3000);
    for (let i = 0; i < 1000; i++) s.pop();
    expect(s.size).toBe(2000);
    expect(take(s)[0]).toBe(1999);
  });

  it("the queue keeps ids and depths when pops interleave with pushes, ids jump and chunks are reused", () => {
    const q = new Queue();
    const buf = new Uint8Array(200);
    const want: [number, number, number][] = [];
    let id = 0;
    let got = 0;
    let wrong = 0;
    const check = (tail: boolean): void => {
      const [wid, wd, wl] = want[got++]!;
      if (q.id !== wid || q.depth !== wd || q.len !== wl || (wl > 0 && q.buf[tail ? q.off + wl - 1 : q.off] !== (wid & 0xff))) wrong++;
    };
    // BFS-like: levels of consecutive ids, a jump now and then, 150k entries of up to 199 bytes
    // through 4 MiB chunks while the head is consumed, so that consumed chunks are written again.
    for (let level = 1; level <= 30; level++) {
      for (let i = 0; i < 5000; i++) {
        if (i === 2500 && level % 7 === 0) id += 1000;
        const len = (id * 13) % 200;
        buf.fill(id & 0xff, 0, len);
        q.push(id, level, buf, 0, len);
        want.push([id, level, len]);
        id++;
        if (i % 2 === 0 && q.pop()) check(true);
      }
    }
    while (q.pop()) check(false);
    expect([got, wrong]).toEqual([150_000, 0]);
  });
});
