import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePortalBuilt, hasChromium, launchChromium, openPage } from '../support/browser';
import { startTestServer } from '../support/server';

// The portal shell end to end in a real browser: routing, the auth forms against the real API, the session cookie.

describe.skipIf(!hasChromium)('portal shell in a browser', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pageErrors: string[] = [];
  const apiRequestsWithoutJson: string[] = [];

  beforeAll(async () => {
    await ensurePortalBuilt();
    // Start both at once, but wait for both before failing so afterAll can close whichever started.
    const started = await Promise.allSettled([
      startTestServer().then((running) => (server = running)),
      launchChromium().then((launched) => (browser = launched)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    ({ page, pageErrors } = await openPage(browser!));
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/') && request.headers()['content-type'] !== 'application/json') {
        apiRequestsWithoutJson.push(`${request.method()} ${path}`);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const at = (path: string) => new URL(path, server!.url).toString();
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const isFocused = (label: string) => page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

  it('signs up, stays signed in across a reload, logs out and back in', async () => {
    const email = `owner-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = 'correct horse battery staple';
    const business = 'Harbour Street Bakery';

    // A visitor without a session is sent to the login page.
    await page.goto(at('/'));
    await page.waitForURL(at('/login'));
    await heading('Log in').waitFor();

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(at('/signup'));
    await heading('Create your account').waitFor();

    // A bad email comes back as a field error attached to the email input, which gets focus.
    await page.getByLabel('Your name').fill('Ada Baker');
    await page.getByLabel('Business name').fill(business);
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const emailInput = page.getByLabel('Email', { exact: true });
    await expect.poll(() => emailInput.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const describedBy = (await emailInput.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).not.toBe('');
    const emailError = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    expect(emailError?.trim()).not.toBe('');
    expect(await isFocused('Email')).toBe(true);
    expect(page.url()).toBe(at('/signup'));

    // Corrected, the account is created and the dashboard shows the business.
    await emailInput.fill(email);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(at('/'));
    await heading(business).waitFor();
    await page.getByText('Ada Baker').waitFor();
    await page.getByRole('heading', { name: 'Connect your data to see your numbers' }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByText('Forecasts').waitFor();

    // The HttpOnly session cookie survives a reload.
    await page.reload();
    await heading(business).waitFor();

    // On a phone the frame fits the screen width.
    await page.setViewportSize({ width: 375, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(at('/login'));
    await heading('Log in').waitFor();

    // A wrong password is refused with the server's message and no navigation.
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the right password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(async () => (await alert.textContent())?.trim() ?? '', { timeout: 10_000 }).not.toBe('');
    expect(page.url()).toBe(at('/login'));

    // The right credentials lead back to the dashboard.
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(at('/'));
    await heading(business).waitFor();

    expect(apiRequestsWithoutJson).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
