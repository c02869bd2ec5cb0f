// The HTML report in headless Chromium: it loads without console errors, shows every step, draws
// one chart point per step, keeps hostile state text as text, and j/k move the highlight. Writes
// the pages and a screenshot of the felixB report under test/output/ for people to look at.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { renderHtmlReport } from "../../src/report/html.js";
import type { CheckResult } from "../../src/result/result.js";
import { HAVE_CHROMIUM, NO_CHROMIUM, openBrowser } from "../support/browser.js";
import { HOSTILE, SCRIPT_END, hostile, lasso, ok } from "./fixtures.js";

const OUT = resolve("test/output");
if (!HAVE_CHROMIUM) process.stderr.write(`\nmc: ${NO_CHROMIUM}.\n`);

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? "the HTML report in Chromium" : `the HTML report in Chromium: SKIPPED, ${NO_CHROMIUM}`, () => {
  let browser: { context: BrowserContext; close(): Promise<void> };
  let felixB: CheckResult;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await openBrowser();
    const spec = (await import("../../specs/fsdax-idle/felixB.js")).default;
    felixB = await check(spec, { file: "specs/fsdax-idle/felixB.ts" });
  });
  afterAll(async () => browser?.close());

  /** Opens the report of `r` from a file, recording console errors, page errors and dialogs. */
  async function open(r: CheckResult, name: string): Promise<{ page: Page; problems: string[] }> {
    const file = resolve(OUT, `${name}.html`);
    writeFileSync(file, renderHtmlReport(r));
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on("request", (q) => {
      if (!q.url().startsWith("file:")) problems.push(`request: ${q.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    return { page, problems };
  }
  const current = (page: Page): Promise<string | null> => page.locator("li.step.current").getAttribute("data-step");

  it("felixB: every step, one chart point per step, the breaking step marked, no console errors", async () => {
    const { page, problems } = await open(felixB, "felixB-report");
    const v = felixB.violation!;
    expect(v.trace).toHaveLength(7);
    await expect(page.locator("h1").textContent()).resolves.toBe("✗ Invariant NoStrandedWaiter is violated after 6 steps.");
    expect(await page.locator("li.step").count()).toBe(7);
    const labels = await page.locator("li.step .label").allTextContents();
    expect(labels.slice(1)).toEqual(v.trace.slice(1).map((t) => t.label));
    expect(labels[6]).toBe("wait_var_event sleeps on &page0->_refcount");
    expect(await page.locator("li.step").nth(2).locator("ul.diff li").first().textContent()).toBe("rc: 1 → 2");
    for (const c of v.counters!) {
      const pts = page.locator(`g.counter[data-counter="${c.name}"] circle.pt`);
      expect(await pts.count()).toBe(7);
      expect(await pts.evaluateAll((es) => es.map((e) => Number(e.getAttribute("data-step"))))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
    expect(await page.locator("line.broke-line").count()).toBe(1);
    expect(await page.locator("li.step.broke").getAttribute("data-step")).toBe("6");
    // a full state opens on demand
    const det = page.locator("li.step").nth(4).locator("details");
    expect(await det.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.locator("li.step").nth(4).locator("summary").click();
    expect(await det.locator("tr").count()).toBe(10);
    await page.locator("li.step").nth(4).locator("summary").click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.screenshot({ path: resolve(OUT, "felixB-report.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("the holder ledger sits beside the counter timeline on a wide screen, under it on a narrow one", async () => {
    const { page, problems } = await open(felixB, "felixB-ledger");
    const boxes = async () => {
      const [chart, ledger] = [await page.locator("#chart-card").boundingBox(), await page.locator("#ledger-card").boundingBox()];
      expect(chart && ledger).toBeTruthy();
      return { chart: chart!, ledger: ledger! };
    };
    expect(await page.locator("#ledger tbody tr").count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1400, height: 900 });
    const wide = await boxes();
    // side by side: the ledger starts right of the chart's right edge, both cards' tops level
    expect(wide.ledger.x).toBeGreaterThanOrEqual(wide.chart.x + wide.chart.width);
    expect(Math.abs(wide.ledger.y - wide.chart.y)).toBeLessThan(2);
    await page.screenshot({ path: resolve(OUT, "felixB-ledger-wide.png"), fullPage: true });
    await page.setViewportSize({ width: 700, height: 900 });
    const narrow = await boxes();
    // stacked: the ledger below the chart, as wide as it
    expect(narrow.ledger.y).toBeGreaterThanOrEqual(narrow.chart.y + narrow.chart.height);
    expect(Math.abs(narrow.ledger.width - narrow.chart.width)).toBeLessThan(2);
    expect(problems).toEqual([]);
  });

  it("keyboard: j/k and the arrow keys move the highlight, Enter opens the state", async () => {
    const { page, problems } = await open(felixB, "felixB-keys");
    expect(await current(page)).toBe("0");
    for (const [key, want] of [["j", "1"], ["j", "2"], ["ArrowDown", "3"], ["k", "2"], ["ArrowUp", "1"], ["End", "6"], ["j", "6"], ["Home", "0"], ["k", "0"]] as const) {
      await page.keyboard.press(key);
      expect(await current(page), key).toBe(want);
    }
    expect(await page.locator("li.step.current").count()).toBe(1);
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    expect(await page.locator("li.step.current details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // the chart's step label follows the highlight
    expect(await page.locator("text.step-tick.current").textContent()).toBe("1");
    // the highlight is visible: an outline in a colour of its own
    expect(await page.locator("li.step.current").evaluate((e) => getComputedStyle(e).outlineStyle)).toBe("solid");
    await page.locator("li.step").nth(5).click();
    expect(await current(page)).toBe("5");
    expect(problems).toEqual([]);
  });

  it("hostile state text is shown literally and never runs", async () => {
    const { page, problems } = await open(hostile, "hostile");
    await page.waitForTimeout(200); // time for an injected onerror to fire, were there one
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(2);
    expect(await page.locator("li.step").nth(1).locator(".label").textContent()).toBe(`write ${HOSTILE}`);
    expect(await page.locator("li.step").nth(1).locator("ul.diff li").textContent()).toBe(`[text]: "plain" → ${JSON.stringify(HOSTILE)}`);
    expect(await page.locator("#spec").textContent()).toBe(`evil ${SCRIPT_END}`);
    expect(await page.locator("#legend").textContent()).toBe(HOSTILE);
    expect(await page.title()).toBe(`mc: evil ${SCRIPT_END} — violation`);
    expect(problems).toEqual([]);
  });

  it("a lasso: the cycle is shaded in the chart and marked in the step list", async () => {
    const { page, problems } = await open(lasso, "lasso");
    expect(await page.locator("li.step").count()).toBe(4);
    expect(await page.locator("li.step.cycle").evaluateAll((es) => es.map((e) => e.getAttribute("data-step")))).toEqual(["2", "3"]);
    expect(await page.locator("li.step .tag.cycle").count()).toBe(1);
    expect(await page.locator("li.back").textContent()).toBe("↻ back to step 2 by Get, forever");
    const rect = page.locator("rect.cycle");
    expect(await rect.count()).toBe(1);
    // the shading spans the points of steps 2 and 3, and not step 1's
    const xs = await page.locator("circle.pt").evaluateAll((es) => es.map((e) => Number(e.getAttribute("cx"))));
    const x0 = Number(await rect.getAttribute("x"));
    const x1 = x0 + Number(await rect.getAttribute("width"));
    expect(xs.map((x) => x > x0 && x < x1)).toEqual([false, false, true, true]);
    expect(await page.locator("line.broke-line").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("a passing result shows its verdict and no steps", async () => {
    const { page, problems } = await open(ok, "ok");
    expect(await page.locator("h1").textContent()).toBe("✓ All invariants hold on 4 distinct states.");
    expect(await page.locator("#steps-card").isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });
});
