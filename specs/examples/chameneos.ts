// Chameneos, a concurrency game (Le Guyadec et al., https://cedric.cnam.fr/fichiers/RC474.pdf):
// tlaplus/Examples specifications/Chameneos/Chameneos.tla with the model Chameneos.cfg: N = 4,
// M = 4, INVARIANTS TypeOK SumMet, CHECK_DEADLOCK FALSE. The module text was read from its
// source as listed in the Examples manifest, mryndzionek/tlaplus_specs Chameneos.tla.
//
// M chameneoses, each with a colour and a meeting counter, take turns at a single meeting place.
// After N meetings in total, each chameneos that tries to enter fades instead, and the system
// stops once all have faded (a deadlock, hence CHECK_DEADLOCK FALSE). Next is
// `\E c \in {non-faded ids} : Meet(c)`, one successor per enabled c, enumerated c = 1..M.

import { List, Record } from "immutable";
import { defineSpec } from "../../src/index.js";

export type Color = "blue" | "red" | "yellow";
/** The colour Faded is a model value outside Color (Faded = Faded in the cfg). */
export type Hue = Color | "faded";

const COLORS: readonly Color[] = ["blue", "red", "yellow"];

interface ChameneosFields {
  readonly hue: Hue;
  /** How many meetings this chameneos has taken part in. */
  readonly met: number;
}
/** One chameneos: the pair <<colour, meetings>> of the TLA+ spec. */
export const Chameneos = Record<ChameneosFields>({ hue: "blue", met: 0 }, "Chameneos");
export type Chameneos = ReturnType<typeof Chameneos>;

interface GameFields {
  /** chameneoses[i - 1] is chameneos i (ids 1..M). */
  readonly chameneoses: List<Chameneos>;
  /** The id waiting at the meeting place, or 0 for MeetingPlaceEmpty. */
  readonly meetingPlace: number;
  readonly numMeetings: number;
}
export const GameState = Record<GameFields>({ chameneoses: List<Chameneos>(), meetingPlace: 0, numMeetings: 0 }, "ChameneosGame");
export type GameState = ReturnType<typeof GameState>;

const EMPTY = 0;

/** The complement of two colours: the colour itself if equal, else the third colour. */
export function complement(c1: Color, c2: Color): Color {
  return c1 === c2 ? c1 : COLORS.find((c) => c !== c1 && c !== c2)!;
}

/** Every assignment of colours to M chameneoses, each with 0 meetings: [1..M -> Color \X {0}]. */
function* initialColourings(m: number): Generator<List<Chameneos>> {
  if (m === 0) {
    yield List<Chameneos>();
    return;
  }
  for (const rest of initialColourings(m - 1)) {
    for (const hue of COLORS) yield rest.push(Chameneos({ hue, met: 0 }));
  }
}

export default defineSpec({
  name: "chameneos",
  constants: {
    N: { default: 4, doc: "meetings after which the chameneoses fade (Chameneos.cfg: N = 4)" },
    M: { default: 4, min: 1, doc: "number of chameneoses (Chameneos.cfg: M = 4)" },
  },
  init: function* (c) {
    for (const chameneoses of initialColourings(c.M)) yield GameState({ chameneoses, meetingPlace: EMPTY, numMeetings: 0 });
  },
  actions: (c) => ({
    Meet: function* (s: GameState) {
      for (let cid = 1; cid <= c.M; cid++) {
        const me = s.chameneoses.get(cid - 1)!;
        if (me.hue === "faded") continue;
        if (s.meetingPlace === EMPTY) {
          if (s.numMeetings < c.N) {
            // cid enters the empty meeting place.
            yield s.set("meetingPlace", cid);
          } else {
            // No meetings left: cid fades, keeping its counter.
            yield s.set("chameneoses", s.chameneoses.set(cid - 1, me.set("hue", "faded")));
          }
        } else if (s.meetingPlace !== cid) {
          // cid meets the one waiting; both take the complement colour and count the meeting.
          const other = s.chameneoses.get(s.meetingPlace - 1)!;
          const hue = complement(me.hue as Color, other.hue as Color);
          yield s.merge({
            chameneoses: s.chameneoses
              .set(cid - 1, Chameneos({ hue, met: me.met + 1 }))
              .set(s.meetingPlace - 1, Chameneos({ hue, met: other.met + 1 })),
            meetingPlace: EMPTY,
            numMeetings: s.numMeetings + 1,
          });
        }
      }
    },
  }),
  invariants: (c) => ({
    TypeOK: (s: GameState) =>
      s.chameneoses.size === c.M &&
      s.chameneoses.every((x) => (x.hue === "faded" || COLORS.includes(x.hue)) && Number.isInteger(x.met) && x.met >= 0 && x.met <= c.N) &&
      Number.isInteger(s.meetingPlace) &&
      s.meetingPlace >= 0 &&
      s.meetingPlace <= c.M,
    // Once N meetings have happened, the individual counters sum to 2 * N.
    SumMet: (s: GameState) => s.numMeetings !== c.N || s.chameneoses.reduce((sum, x) => sum + x.met, 0) === 2 * c.N,
  }),
});
