// The HTML report of a lasso in headless Chromium (issue 18 §5): the fairness table the text
// report has, and the cycle's label drawn whole even when the cycle is the last step.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { check, type Spec } from "../../src/index.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { HAVE_CHROMIUM, NO_CHROMIUM, openBrowser } from "../support/browser.js";
import pin from "../fixtures/foll-pin-leak.js";

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? "a lasso's HTML report in Chromium" : `a lasso's HTML report: SKIPPED, ${NO_CHROMIUM}`, () => {
  let browser: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  it("shows why fairness does not rescue it, and the cycle label uncut", async () => {
    const r = await check(pin as Spec<unknown>, { file: "test/fixtures/foll-pin-leak.ts", constants: { BUGGY: true, BOUND: 4096 }, deadlock: false });
    expect(r.violation?.kind).toBe("liveness");
    const out = resolve("test/output");
    mkdirSync(out, { recursive: true });
    const file = resolve(out, "foll-pin-lasso.html");
    writeFileSync(file, renderHtmlReport(r));
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator("#fairness-card").isVisible()).toBe(true);
    const rows = await page.locator("#fairness tr").evaluateAll((es) => es.map((e) => e.textContent));
    expect(rows).toEqual([
      "WF GupBiasnever enablednot takennever enabled there, so nothing is demanded",
      "WF Unpinnever enablednot takennever enabled there, so nothing is demanded",
      "WF OwnerPutnever enablednot takennever enabled there, so nothing is demanded",
    ]);
    // the label's box lies inside the drawing's view box
    const fits = await page.locator("#chart svg").evaluate((svg) => {
      const vb = (svg as SVGSVGElement).viewBox.baseVal;
      const b = (svg.querySelector(".cycle-label") as SVGTextElement).getBBox();
      return { left: b.x >= vb.x, right: b.x + b.width <= vb.x + vb.width, text: svg.querySelector(".cycle-label")!.textContent };
    });
    expect(fits).toEqual({ left: true, right: true, text: "↻ cycle, forever" });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a lasso of a spec without fairness says what that means", async () => {
    const { lasso } = await import("./fixtures.js");
    const file = resolve("test/output", "lasso-nofair.html");
    mkdirSync(resolve("test/output"), { recursive: true });
    writeFileSync(file, renderHtmlReport(lasso));
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator("#fairness-note").textContent()).toContain("no fairness entries");
    await page.close();
  });
});
