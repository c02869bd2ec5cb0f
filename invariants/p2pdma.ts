// Invariants over P2PDMA pages and gup (brief §3, §2.9).

/** gup without FOLL_PCI_P2PDMA never returns a P2PDMA page. */
export const NoP2PWithoutFlag = (s: { readonly G: string }): boolean => s.G !== "hold";

/** The same rule for several gup threads: `someHold` says whether any got the page. */
export function noP2PWithoutFlagAny<S>(someHold: (s: S) => boolean): (s: S) => boolean {
  return (s) => !someHold(s);
}
