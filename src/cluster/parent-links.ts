// Per committed state a worker owns, how one machine first reached it: its parent's fingerprint,
// the action and the successor index (or, for an initial state, action -1 and its index in
// init). Sixteen bytes a state in growable Int32Arrays: the states' bytes and path keys are let
// go once they leave the frontier, so a worker's memory is this, its seen-set and one frontier.

export class ParentLinks {
  private words = new Int32Array(4 * 1024);
  size = 0;

  get bytes(): number {
    return this.words.byteLength;
  }

  add(phi: number, plo: number, action: number, succ: number): number {
    if (4 * this.size === this.words.length) {
      const w = new Int32Array(this.words.length * 2);
      w.set(this.words);
      this.words = w;
    }
    const i = 4 * this.size;
    this.words[i] = phi;
    this.words[i + 1] = plo;
    this.words[i + 2] = action;
    this.words[i + 3] = succ;
    return this.size++;
  }

  get(id: number): { phi: number; plo: number; action: number; succ: number } {
    const i = 4 * id;
    const w = this.words;
    return { phi: w[i]!, plo: w[i + 1]!, action: w[i + 2]!, succ: w[i + 3]! };
  }
}
