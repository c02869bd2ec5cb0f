// Turns yargs' usage messages into mc's own voice: flags written as they are typed (`--invariant`,
// not "invariant"), yargs' camel-case duplicates dropped, an extra word named as one, and every
// message a sentence with its full stop.

/** mc's wording of one yargs failure message, given the argv it came from. */
export function ownUsage(msg: string, argv: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/s.exec(msg.trim());
  if (unknown) {
    const names = unknown[1]!.split(", ").map((n) => n.trim()).filter((n) => n !== "");
    const listed = new Set(names);
    // yargs lists `--baz-qux` also as bazQux
    const kept = names.filter((n) => !(/[A-Z]/.test(n) && names.some((m) => m !== n && camel(m) === n && listed.has(m))));
    const flags = kept.filter((n) => typed(n, argv)).map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
    const words = kept.filter((n) => !typed(n, argv) && n !== argv[0]).map((n) => `'${n}'`);
    const parts = [
      ...(kept.includes(argv[0] ?? "") && !typed(argv[0]!, argv) ? [`unknown command '${argv[0]}': the commands are check, simulate, replay, graph and regress`] : []),
      ...(flags.length ? [`unknown ${flags.length === 1 ? "flag" : "flags"} ${flags.join(", ")}`] : []),
      ...(words.length ? [`unexpected ${words.length === 1 ? "argument" : "arguments"} ${words.join(", ")}`] : []),
    ];
    return sentence(parts.join("; "));
  }
  const missing = /^Missing required arguments?: (.*)$/s.exec(msg.trim());
  if (missing) return sentence(`missing ${missing[1]!.split(", ").map((n) => `<${n}>`).join(", ")}`);
  const notEnough = /^Not enough arguments following: (.*)$/s.exec(msg.trim());
  if (notEnough) return sentence(`--${notEnough[1]} needs a value`);
  return sentence(msg.trim());
}

function typed(name: string, argv: readonly string[]): boolean {
  const flag = name.length === 1 ? `-${name}` : `--${name}`;
  return argv.some((a) => a === flag || a.startsWith(`${flag}=`) || a === `--no-${name}` || (name.length === 1 && /^-[A-Za-z]+$/.test(a) && a.includes(name)));
}

function camel(s: string): string {
  return s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function sentence(s: string): string {
  const t = s.startsWith("mc ") ? s : s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
