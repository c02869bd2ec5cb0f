// --invariant NAME / --property NAME: narrows a compiled model to the named invariants and
// (temporal or action) properties. With no names given everything is checked; an unknown name
// is a usage error naming the known ones.

import { McError } from "../result/errors.js";
import type { Model } from "./compile.js";

/** The names a run asked for; null when it asked for none (check everything). */
export interface Selection {
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
}

export function selectChecks(model: Model, sel: Selection | null): Model {
  if (sel === null || (sel.invariants.length === 0 && sel.properties.length === 0)) return model;
  for (const n of sel.invariants) {
    if (!model.invariantNames.includes(n)) throw unknown(model, "--invariant", n, model.invariantNames);
  }
  const props = [...model.propertyNames, ...model.actionPropertyNames];
  for (const n of sel.properties) if (!props.includes(n)) throw unknown(model, "--property", n, props);
  const keep = <T>(names: readonly string[], items: readonly T[], wanted: readonly string[]): [string[], T[]] => {
    const idx = names.flatMap((n, i) => (wanted.includes(n) ? [i] : []));
    return [idx.map((i) => names[i]!), idx.map((i) => items[i]!)];
  };
  const [invariantNames, invariants] = keep(model.invariantNames, model.invariants, sel.invariants);
  const [propertyNames, properties] = keep(model.propertyNames, model.properties, sel.properties);
  const [actionPropertyNames, actionProperties] = keep(model.actionPropertyNames, model.actionProperties, sel.properties);
  return { ...model, invariantNames, invariants, propertyNames, properties, actionPropertyNames, actionProperties };
}

function unknown(model: Model, flag: string, name: string, known: readonly string[]): McError {
  const list = known.length ? `the known ones are ${known.join(", ")}` : `it defines none`;
  const what = flag === "--invariant" ? "invariant" : "temporal or action property";
  return new McError("MC024", `${flag} ${name}: ${model.file} (spec '${model.name}') has no ${what} named '${name}'; ${list}.`);
}
