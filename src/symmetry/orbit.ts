// One orbit canonicaliser per model and thread (it keeps scratch buffers), made on first use:
// every place that encodes a state for the seen-set goes through here when symmetry is on.

import type { Model } from "../model/compile.js";
import { OrbitCanon } from "./canon.js";

const made = new WeakMap<Model, OrbitCanon>();

export function orbitCanon(model: Model): OrbitCanon {
  let c = made.get(model);
  if (c === undefined) {
    c = new OrbitCanon(model.symmetry!);
    made.set(model, c);
  }
  return c;
}
