// Names of scaled instances and kernel-terms step names for traces. Instance 1 of a thread or
// page keeps the brief's name (`S`, `SpecTryGet`), instance i ≥ 2 appends i (`S2`, `SpecTryGet2`);
// a spec lists one text per base action name, where `$` stands for that suffix as written and
// `#` for the 0-based index it names (none: 0), e.g. "put_page(page#) by gup$".

/** The name of instance `i` (1-based) of `base`: the brief's own name for the first. */
export function instance<B extends string>(base: B, i: number): B | `${B}${number}` {
  return i === 1 ? base : `${base}${i}`;
}

export type StepTexts = { readonly [baseAction: string]: string };

/** The kernel-terms text of `action`, or the action's own name when the table has none. */
export function stepText(texts: StepTexts, action: string): string {
  const [, base = action, x = ""] = /^(.*?)(\d*)$/.exec(action) ?? [];
  const t = texts[base];
  return t === undefined ? action : t.replaceAll("$", x).replaceAll("#", String(x === "" ? 0 : Number(x) - 1));
}
