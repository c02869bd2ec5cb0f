// JUnit XML for `mc regress --junit FILE`: one test case per recorded configuration, with the
// difference as the failure text, in the schema every CI system displays (Jenkins, GitLab,
// GitHub Actions' test reporters).

export interface JunitCase {
  /** The configuration, e.g. `specs/fsdax.ts --const NP=3`. */
  readonly name: string;
  /** The spec file, shown as the test's class. */
  readonly classname: string;
  readonly seconds: number;
  /** What differs from the recorded result; undefined when it matches. */
  readonly failure?: { readonly message: string; readonly text: string };
}

export function renderJunit(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const total = cases.reduce((t, c) => t + c.seconds, 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${esc(suite)}" tests="${cases.length}" failures="${failures}" errors="0" time="${total.toFixed(3)}">`,
    `  <testsuite name="${esc(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${total.toFixed(3)}" timestamp="${new Date().toISOString().slice(0, 19)}">`,
  ];
  for (const c of cases) {
    const open = `    <testcase name="${esc(c.name)}" classname="${esc(c.classname)}" time="${c.seconds.toFixed(3)}"`;
    if (!c.failure) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`, `      <failure message="${esc(c.failure.message)}" type="ResultDiffers">${esc(c.failure.text)}</failure>`, `    </testcase>`);
  }
  lines.push("  </testsuite>", "</testsuites>");
  return lines.join("\n") + "\n";
}

/** XML text and attribute escaping; characters XML 1.0 forbids are dropped. */
function esc(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
