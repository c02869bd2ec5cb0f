// A one-line rendering of a state for error messages: compact, bounded in length, and safe on
// values that are not states (the very thing an error message may need to show).

import { isImmutable } from "immutable";

export function showState(s: unknown, max = 400): string {
  let text: string;
  try {
    const js = isImmutable(s) ? (s as { toJS(): unknown }).toJS() : s;
    text = JSON.stringify(js, (_k, v: unknown) => (v === undefined ? "<undefined>" : typeof v === "function" ? "<function>" : v)) ?? String(s);
  } catch {
    text = String(s);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
