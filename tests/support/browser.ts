import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';

// A real Chromium for the portal tests, with the built portal in place.

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser tests skipped: Chromium is not installed at ${CHROMIUM} (apt-get install chromium).`);

const portalConfig = fileURLToPath(new URL('../../functions/portal/app/vite.config.ts', import.meta.url));
const portalIndex = fileURLToPath(new URL('../../functions/portal/dist/index.html', import.meta.url));

/** Builds the portal once if it isn't built (CI builds it before the tests). */
export async function ensurePortalBuilt(): Promise<void> {
  if (existsSync(portalIndex)) return;
  const { build } = await import('vite');
  await build({ configFile: portalConfig, logLevel: 'warn' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page that records uncaught errors, with generous waits: the suite may share two cores with other files. */
export async function openPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}
