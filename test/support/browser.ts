// Headless Chromium for the HTML report's tests: Debian's `chromium` package driven by
// playwright-core (nothing downloads a browser). MC_CHROMIUM overrides the path.
import { existsSync, rmSync } from "node:fs";
import { chromium, type BrowserContext } from "playwright-core";
import { tempDir } from "./temp.js";

export const CHROMIUM = process.env["MC_CHROMIUM"] ?? "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const NO_CHROMIUM = `no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium), so the browser tests of the HTML report were skipped`;

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A browser with a new, empty profile; close() also removes the profile. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = tempDir("mc-chromium-");
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
