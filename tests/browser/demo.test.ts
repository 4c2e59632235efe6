import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoLogin, seedDemo } from '../../scripts/seed';
import { ensurePortalBuilt, hasChromium, launchChromium, openPage } from '../support/browser';
import { type TestServer, startTestServer } from '../support/server';

// The demo café as its owner sees it in the portal: the overview's numbers, the metrics explorer, goals.

describe.skipIf(!hasChromium)('the demo café in the portal', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  let login: DemoLogin;

  beforeAll(async () => {
    await ensurePortalBuilt();
    server = await startTestServer();
    login = await seedDemo(server.runtime.db, mkdtempSync(join(tmpdir(), 'dyocense-demo-')));
    browser = await launchChromium();
    ({ page, pageErrors } = await openPage(browser));
    await page.goto(new URL('/login', server.url).toString());
    await page.getByLabel('Email', { exact: true }).fill(login.email);
    await page.getByLabel('Password', { exact: true }).fill(login.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Harbor Street Café' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens on the last four weeks against the four before, the revenue trend and the seeded goal', async () => {
    const kpis = page.locator('.kpi');
    await expect.poll(() => kpis.count()).toBe(4);
    const revenue = kpis.filter({ hasText: 'Revenue' });
    // Four weeks of a café doing ~$3k a day: a dollar figure in the tens of thousands, and a signed change.
    expect(await revenue.locator('.kpi__value').textContent()).toMatch(/^\$\d{2,3},\d{3}$/);
    expect(await revenue.locator('.kpi__change').textContent()).toMatch(/^[+−±]\d+\.\d%/);
    const chart = page.getByRole('img', { name: /Daily revenue: 90 points/ });
    await chart.waitFor();
    expect(await chart.locator('path.chart__line').count()).toBe(2);
    await page.getByRole('progressbar', { name: /Lift average daily revenue 6%/ }).waitFor();
  });

  it('explores any metric, split by a dimension, with its numbers downloadable', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { level: 2, name: 'Revenue' }).waitFor();
    await page.getByLabel('Metric').selectOption('category_revenue');
    await page.getByLabel('Compare with').selectOption('');
    await page.getByLabel('Split by').fill('category');
    await page.getByLabel('Split by').press('Tab');
    const lines = page.locator('path.chart__line');
    await expect.poll(() => lines.count()).toBe(5);
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const response = await page.request.get(new URL(csv!, server!.url).toString());
    expect(response.status()).toBe(200);
    const body = await response.text();
    for (const category of ['coffee', 'tea', 'food', 'bakery', 'retail']) expect(body).toContain(category);
  });

  it('checks a goal before saving it, refuses one that is not time-bound, and saves a suggested one', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Goals' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your goals' }).waitFor();
    const before = await page.locator('.goal-list > li').count();

    await page.getByLabel('Title').fill('More orders');
    await page.getByLabel('Target').fill('300');
    await page.getByRole('button', { name: 'Create goal' }).click();
    await expect.poll(async () => (await page.getByRole('alert').filter({ hasText: 'not SMART' }).count())).toBe(1);
    await page.getByRole('list', { name: 'SMART check' }).locator('.criterion--fail').filter({ hasText: 'Time-bound' }).waitFor();

    await page.getByRole('button', { name: 'Use this' }).first().click();
    await page.getByRole('button', { name: 'Check it' }).click();
    await page.getByRole('list', { name: 'SMART check' }).waitFor();
    await page.getByRole('button', { name: 'Create goal' }).click();
    await expect.poll(() => page.locator('.goal-list > li').count(), { timeout: 15_000 }).toBe(before + 1);
    expect(pageErrors).toEqual([]);
  });
});
