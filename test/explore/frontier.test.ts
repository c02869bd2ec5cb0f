// The byte frontiers: FIFO and LIFO order, ids, depths and bytes intact across chunk boundaries.
import { describe, expect, it } from "vitest";
import { Queue, Stack } from "../../src/explore/frontier.js";

function fill(f: Queue | Stack, n: number): void {
  const buf = new Uint8Array(3000);
  for (let i = 0; i < n; i++) {
    const len = (i * 37) % 2900;
    buf.fill(i & 0xff, 0, len);
    f.push(i, i % 17, buf, len);
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
});
