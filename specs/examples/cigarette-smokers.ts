// The cigarette smokers problem (Suhas Patil, 1971), ported from tlaplus/Examples
// specifications/CigaretteSmokers/CigaretteSmokers.tla with the model CigaretteSmokers.cfg:
// Ingredients = {matches, paper, tobacco}, Offers = the three pairs, INVARIANTS TypeOK AtMostOne, deadlock checking on.
//
// The dealer puts two ingredients on the table; the smoker with an endless supply of the third
// smokes; when they stop, the dealer offers any pair again (`dealer' \in Offers`: three successors).

import { Map as IMap, Record, Set as ISet } from "immutable";
import { defineSpec } from "../../src/index.js";

export type Ingredient = "matches" | "paper" | "tobacco";
const INGREDIENTS: readonly Ingredient[] = ["matches", "paper", "tobacco"];
/** Each offer misses exactly one ingredient. */
const OFFERS: readonly ISet<Ingredient>[] = [
  ISet<Ingredient>(["matches", "paper"]),
  ISet<Ingredient>(["matches", "tobacco"]),
  ISet<Ingredient>(["paper", "tobacco"]),
];

interface SmokersFields {
  /** smokers[r] is whether the smoker holding an endless supply of r is smoking ([smoking: BOOLEAN]). */
  readonly smokers: IMap<Ingredient, boolean>;
  /** The two ingredients on the table, or the empty set. */
  readonly dealer: ISet<Ingredient>;
}
export const SmokersState = Record<SmokersFields>({ smokers: IMap<Ingredient, boolean>(), dealer: ISet<Ingredient>() }, "CigaretteSmokers");
export type SmokersState = ReturnType<typeof SmokersState>;

const ALL = ISet<Ingredient>(INGREDIENTS);
const nobodySmoking = IMap<Ingredient, boolean>(INGREDIENTS.map((r): [Ingredient, boolean] => [r, false]));

export default defineSpec({
  name: "cigarette-smokers",
  init: OFFERS.map((dealer) => SmokersState({ smokers: nobodySmoking, dealer })),
  actions: {
    // The smoker whose ingredient completes the offer starts smoking; the table is cleared.
    startSmoking: (s: SmokersState) =>
      s.dealer.isEmpty()
        ? null
        : SmokersState({
            smokers: IMap<Ingredient, boolean>(INGREDIENTS.map((r): [Ingredient, boolean] => [r, s.dealer.add(r).equals(ALL)])),
            dealer: ISet<Ingredient>(),
          }),
    // The one smoker smoking stops, and the dealer puts out any offer.
    stopSmoking: (s: SmokersState) => {
      if (!s.dealer.isEmpty()) return null;
      const smoking = INGREDIENTS.filter((r) => s.smokers.get(r));
      // ChooseOne(Ingredients, ...) has no value unless exactly one smoker smokes: TLC would
      // stop with an evaluation error, so this port fails loudly too.
      if (smoking.length !== 1) throw new Error(`stopSmoking: ChooseOne over ${smoking.length} smokers`);
      const smokers = s.smokers.set(smoking[0]!, false);
      return OFFERS.map((dealer) => SmokersState({ smokers, dealer }));
    },
  },
  invariants: {
    TypeOK: (s: SmokersState) =>
      s.smokers.size === INGREDIENTS.length &&
      INGREDIENTS.every((r) => typeof s.smokers.get(r) === "boolean") &&
      (s.dealer.isEmpty() || OFFERS.some((o) => o.equals(s.dealer))),
    // At most one smoker smokes at any moment.
    AtMostOne: (s: SmokersState) => s.smokers.count((smoking) => smoking) <= 1,
  },
});
