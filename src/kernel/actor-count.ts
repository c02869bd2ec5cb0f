// The constant that scales a kernel spec's interchangeable actors (gup threads, walkers, pages):
// one by default (the brief's instance), at least one, and a doc naming the identities, so every
// spec declares it the same way and `--const NG=0` is refused alike (MC075).

/** The declaration of an actor count: `names` spells the identities, e.g. "gup1..gupNG". */
export function actorCount(what: string, names: string): { readonly default: number; readonly min: number; readonly doc: string } {
  return { default: 1, min: 1, doc: `${what} (${names}, interchangeable)` };
}

/** NG: the gup threads gup1..gupNG. */
export const GUP_THREADS = actorCount("gup threads", "gup1..gupNG");
