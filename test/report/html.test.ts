// The HTML report as a string (no browser): self-contained, and hostile state text never
// reaches the page as markup.
import { describe, expect, it } from "vitest";
import { renderHtmlReport, reportData } from "../../src/report/html.js";
import { HOSTILE, SCRIPT_END, hostile, lasso } from "./fixtures.js";

describe("renderHtmlReport", () => {
  it("embeds the data as JSON with <, > and & escaped, so no state text becomes a tag", () => {
    const html = renderHtmlReport(hostile);
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain(SCRIPT_END);
    expect(html.match(/<script/g)).toHaveLength(2); // the data block and our own script
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain("\\u003cimg src=x onerror=alert(1)\\u003e");
    const json = html.match(/<script type="application\/json" id="mc-data">(.*?)<\/script>/s)![1]!;
    expect(JSON.parse(json).steps[1].changes[0]).toEqual(["[text]", '"plain"', JSON.stringify(HOSTILE)]);
  });

  it("is self-contained: nothing is fetched, and the policy forbids fetching", () => {
    const html = renderHtmlReport(lasso);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html.replaceAll("http://www.w3.org/2000/svg", "")).not.toMatch(/https?:\/\//); // the SVG namespace is a name, not a fetch
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it("marks a lasso's cycle and the step it returns by", () => {
    const d = reportData(lasso);
    expect(d.loop).toBe(2);
    expect(d.broke).toBeNull();
    expect(d.loopText).toBe("back to step 2 by Get, forever");
    expect(d.headline).toBe("✗ Property EventuallyFreed is violated by a behaviour that loops forever from step 2.");
  });
});
