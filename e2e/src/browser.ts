import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';

const artifacts = new URL('../../artifacts/e2e/', import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

export const baseUrl = () => inject('baseUrl');
export const demoPassword = () => inject('demoPassword');

/** Debian's Chromium, headless, with the network chatter of a desktop browser turned off. */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
}

/** Logs in on the login page that `url` leads to (the home page by default), and waits until the session holds. */
export async function logIn(page: Page, username: string, url = baseUrl()): Promise<void> {
  await page.goto(url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(demoPassword());
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // A navigation started before the session cookie is set would land back on the login page.
  await page.getByLabel('密码').waitFor({ state: 'detached', timeout: 30_000 });
}

/** The number a figure or a table total shows, without its grouping commas; null while it is loading. */
export function numberIn(text: string | null): number | null {
  const digits = text?.match(/[\d,]+/)?.[0]?.replaceAll(',', '');
  return digits ? Number(digits) : null;
}

/** The "共 N 条" total of the drill-down's records table. */
export async function recordTotalOf(page: Page): Promise<number | null> {
  return numberIn(
    await page
      .getByTestId('indicator-records')
      .getByText(/^共 [\d,]+ 条$/)
      .textContent(),
  );
}

/** One Chromium for the calling test file: launched before its tests, closed after them. */
export function useBrowser(): () => Pick<Browser, 'newPage'> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  // A failed test leaves its pages open: each is saved as it stood, to see what the test waited for in vain.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
    for (const [i, page] of pages.entries())
      await screenshot(page, `failed-${task.name.slice(0, 40).replace(/[^\w一-龥]+/g, '-')}-${i + 1}`).catch(() => undefined);
  });
  afterAll(() => browser?.close());
  return () => {
    const running = browser;
    if (!running) throw new Error('the browser is not running');
    // Pages ask for reduced motion, which the app honours: a click never lands on a list still sliding open.
    return { newPage: (options) => running.newPage({ reducedMotion: 'reduce', ...options }) };
  };
}
