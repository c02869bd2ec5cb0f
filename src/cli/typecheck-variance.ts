// Immutable's collection interfaces with the variance the compiler itself measures for them
// (`out` on every type parameter), written into the declarations the type check reads. Without
// the annotations the compiler measures it structurally in every new program, which is most of
// a spec's type check: `const x: List<number> = List()` alone costs 88k types, 4.2 s of CPU and
// 426 MiB; with them, 282 types, 0.5 s and 259 MiB (docs/typecheck.md). TypeScript builds a new
// checker per program, so no cache across runs can keep that measurement; the annotation can.

/** The declarations annotated: `interface <name><params> extends|{` with how often each occurs. */
const ANNOTATIONS: readonly (readonly [from: string, to: string, count: number])[] = [
  ["interface List<T> extends", "interface List<out T> extends", 1],
  ["interface Map<K, V> extends", "interface Map<out K, out V> extends", 1],
  ["interface OrderedMap<K, V> extends", "interface OrderedMap<out K, out V> extends", 1],
  ["interface Set<T> extends", "interface Set<out T> extends", 3], // Set, Seq.Set, Collection.Set
  ["interface OrderedSet<T> extends", "interface OrderedSet<out T> extends", 1],
  ["interface Stack<T> extends", "interface Stack<out T> extends", 1],
  ["interface Keyed<K, V> extends", "interface Keyed<out K, out V> extends", 2], // Seq.Keyed, Collection.Keyed
  ["interface Indexed<T> extends", "interface Indexed<out T> extends", 2], // Seq.Indexed, Collection.Indexed
  ["interface Seq<K, V> extends", "interface Seq<out K, out V> extends", 1],
  ["interface Collection<K, V> extends", "interface Collection<out K, out V> extends", 1],
  ["interface OrderedCollection<T> {", "interface OrderedCollection<out T> {", 1],
];

/** Immutable's declaration file, wherever the spec's immutable is installed. */
export function isImmutableDeclarations(file: string): boolean {
  return /\/node_modules\/immutable\/dist\/immutable\.d\.ts$/.test(file.replaceAll("\\", "/"));
}

/**
 * The declarations with the annotations, or the text unchanged when it is not the layout they
 * were measured on (another immutable version): then the check is exact and slow, never wrong.
 */
export function annotateVariance(text: string): string {
  for (const [from, , count] of ANNOTATIONS) if (text.split(from).length - 1 !== count) return text;
  let out = text;
  for (const [from, to] of ANNOTATIONS) out = out.replaceAll(from, to);
  return out;
}
