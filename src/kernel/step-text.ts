// Kernel-terms step names for traces. Thread-indexed actions end in the thread's number
// (`GupRead2`); a spec lists one text per base action name, where `$` stands for that suffix as
// written and `#` for the 0-based index it names (none: 0), e.g. "put_page(page#) by gup$".

export type StepTexts = { readonly [baseAction: string]: string };

/** The kernel-terms text of `action`, or the action's own name when the table has none. */
export function stepText(texts: StepTexts, action: string): string {
  const [, base = action, x = ""] = /^(.*?)(\d*)$/.exec(action) ?? [];
  const t = texts[base];
  return t === undefined ? action : t.replaceAll("$", x).replaceAll("#", String(x === "" ? 0 : Number(x) - 1));
}
