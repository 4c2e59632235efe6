import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCafe } from '@dyocense/demo-data';
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
    await expect.poll(() => kpis.count(), { timeout: 15_000 }).toBe(4);
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
    await expect.poll(() => lines.count(), { timeout: 15_000 }).toBe(5);
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const response = await page.request.get(new URL(csv!, server!.url).toString());
    expect(response.status()).toBe(200);
    const body = await response.text();
    for (const category of ['coffee', 'tea', 'food', 'bakery', 'retail']) expect(body).toContain(category);
  });

  it('shows a year by whole weeks from a Monday, compared week for week with the period before', async () => {
    await page.getByLabel('Metric').selectOption('revenue');
    await page.getByLabel('Split by').fill('');
    await page.getByLabel('Split by').press('Tab');
    await page.getByLabel('Compare with').selectOption('previous_period');
    const answered = page.waitForResponse((r) => r.url().includes('/api/metrics/query') && r.url().includes('bucket=week'));
    await page.getByLabel('Range').selectOption({ label: 'Last 12 months' });
    const result = (await (await answered).json()) as {
      series: { points: { bucket: string; value: number | null; partial?: true }[] }[];
      comparison: { series: { points: { value: number | null }[] }[]; total: number | null };
    };
    const points = result.series[0]!.points;
    expect(new Date(points[0]!.bucket).getUTCDay()).toBe(1); // Monday
    expect(points[0]!.partial).toBeUndefined();
    // The weeks before line up with the stored weeks: a number for each (the café's two years of
    // data begin a week or two into the year before).
    const before = result.comparison.series[0]!.points;
    expect(before).toHaveLength(points.length);
    expect(before.filter((p) => p.value === null).length, JSON.stringify(before.slice(0, 4))).toBeLessThanOrEqual(2);
    expect(result.comparison.total).toBeGreaterThan(0);
    await page.getByText('Show the numbers').click();
    const firstDay = page.locator('table.table tbody tr').first().locator('td').first();
    expect(await firstDay.textContent()).not.toContain('part of');
  });

  it('checks a goal before saving it, refuses one that is not time-bound, and saves a suggested one', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Goals' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your goals' }).waitFor();
    const before = await page.locator('.goal-list > li').count();

    await page.getByLabel('Title').fill('More orders');
    await page.getByLabel('Target').fill('300');
    await page.getByRole('button', { name: 'Create goal' }).click();
    await expect.poll(async () => (await page.getByRole('alert').filter({ hasText: 'not SMART' }).count()), { timeout: 15_000 }).toBe(1);
    await page.getByRole('list', { name: 'SMART check' }).locator('.criterion--fail').filter({ hasText: 'Time-bound' }).waitFor();

    await page.getByRole('button', { name: 'Use this' }).first().click();
    await page.getByRole('button', { name: 'Check it' }).click();
    await page.getByRole('list', { name: 'SMART check' }).waitFor();
    await page.getByRole('button', { name: 'Create goal' }).click();
    await expect.poll(() => page.locator('.goal-list > li').count(), { timeout: 15_000 }).toBe(before + 1);
    expect(pageErrors).toEqual([]);
  });

  it('forecasts revenue with its range and says how the method did on past data', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Forecasts' }).click();
    await page.getByRole('button', { name: 'Forecast' }).click();
    await page.getByRole('heading', { level: 2, name: 'Revenue: the next 28 days' }).waitFor({ timeout: 90_000 });
    await page.getByRole('img', { name: /Revenue forecast/ }).locator('path.chart__band').waitFor();
    const facts = await page.locator('.facts').textContent();
    expect(facts).toMatch(/Tested on your past data \(\d+ trial runs/);
    expect(facts).toMatch(/80% ranges held \d+% of the time/);
    // The café closes on Christmas Day: a year of revenue has at least one unusually low day.
    await page.getByRole('heading', { level: 2, name: /Unusual days for revenue/ }).waitFor();
    await page.locator('.anomalies li').filter({ hasText: 'Low' }).first().waitFor();
  }, 120_000);

  it("explains the stock-out week's drop and names the stock-outs among its likely causes", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const stockout = generateCafe({ endDate: yesterday }).events.find((e) => e.kind === 'stockout')!;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Evidence' }).click();
    const panel = page.getByRole('region', { name: 'Why did it change?' });
    await panel.getByLabel('From', { exact: true }).fill(stockout.start);
    await panel.getByLabel('To', { exact: true }).fill(stockout.end);
    await panel.getByRole('button', { name: 'Explain' }).click();
    await panel.getByRole('heading', { level: 3, name: 'Likely causes' }).waitFor({ timeout: 90_000 });
    expect(await panel.locator('.answer .panel__figure').textContent()).toMatch(/^-\$[\d,]+ \(−\d+\.\d%\)$/);
    expect(await panel.locator('.answer').textContent()).toContain('stockouts');
    await panel.getByText(/Checks that could have proved this wrong/).waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('plans the reorder from the café\'s own stock and usage, with the reasons in words', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('button', { name: 'What should I reorder?' }).click();
    const plan = page.getByRole('region', { name: 'What should I reorder?' });
    await plan.locator('table.table tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await plan.locator('.notes li').count()).toBeGreaterThan(0);
    // Every ordered line has whole cases and a cost in dollars.
    for (const row of await plan.locator('table.table tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      expect(cells[1]).toMatch(/^[1-9]\d*$/);
      expect(cells[3]).toMatch(/^\$[\d,.]+$/);
    }
    await page.getByRole('region', { name: 'Recent plans' }).getByText('inventory').waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('imports a spreadsheet after showing how it will be read, and refuses a bad one whole with a report', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Data' }).click();
    const panel = page.getByRole('region', { name: 'Import a spreadsheet' });
    const csv = 'date,revenue,orders\n2023-01-02,"$1,204.50",118\n2023-01-03,"$1,377.25",131\n2023-01-04,"$1,290.00",124\n';
    await panel.getByLabel('Choose a file').setInputFiles({ name: 'january.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByRole('heading', { level: 3, name: 'How january.csv will be read' }).waitFor();
    expect(await panel.locator('table.table tbody tr').count()).toBe(3);
    await panel.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => panel.locator('.import-done').textContent(), { timeout: 30_000 }).toMatch(/Imported 3 rows: 6 numbers in 2 series/);

    const bad = 'date,revenue\n2023-02-01,100\n2023-02-02,lots\n';
    await panel.getByLabel('Choose a file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await panel.getByRole('heading', { level: 3, name: 'How bad.csv will be read' }).waitFor();
    await panel.getByRole('button', { name: 'Import' }).click();
    const report = panel.getByRole('link', { name: 'Download the list of rows to fix' });
    await report.waitFor({ timeout: 30_000 });
    const rows = await page.request.get(new URL((await report.getAttribute('href'))!, server!.url).toString());
    expect(await rows.text()).toContain('lots');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('answers a plain question in the coach with every number cited, and keeps the conversation', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Coach' }).click();
    await page.getByRole('button', { name: 'Why did revenue drop last week?' }).click();
    const turn = page.locator('.turn').last();
    await turn.locator('.turn__meta').waitFor({ timeout: 60_000 });
    const answer = (await turn.locator('.turn__answer').textContent()) ?? '';
    expect(answer).toMatch(/Revenue (fell|rose) \d+\.\d%/);
    expect(answer).toContain('[1]');
    await turn.getByText('Where these numbers come from').click();
    expect(await turn.locator('.card').count()).toBeGreaterThan(0);
    // The conversation is kept: it is listed and reopens with its answer.
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.locator('.coach__sessions').getByRole('button', { name: 'Why did revenue drop last week?' }).first().click();
    await expect.poll(() => page.locator('.turn__answer').first().textContent(), { timeout: 15_000 }).toBe(answer);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
