// The Content-Security-Policy: both builds run the whole flow without one
// violation, and the policy is in force (an injected inline script does not run).
import { test, expect } from '@playwright/test';
import { id, connect, callApi, STORAGE_KEY } from './helpers.mjs';

const singleFile = new URL('../../dist/academy-oauth2-playground.html', import.meta.url).href;

/** Collects CSP violations and console errors from the start of every page. */
async function watch(page) {
  const problems = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  // (A fetch that fails for want of a network is not a problem of the policy.)
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('net::ERR_')) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function walk(page) {
  await expect(id(page, 'client-id')).not.toBeEmpty();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("'wasm-unsafe-eval'");
  expect(policy).toMatch(/connect-src 'self' https:/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);
  await connect(page, { account: 'jane' });
  expect((await callApi(page, 'GET', '/info')).status).toBe(200);
  await id(page, 'clock-advance-5m').click();
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).toHaveText('200');
  // Lesson packs will come by URL: https is allowed (no network here, so it fails, but is not blocked).
  await page.evaluate(() => fetch('https://packs.example.org/lesson.json').catch(() => null));
  // Downloads (blob: URLs) of kept saved data.
  await page.evaluate((k) => localStorage.setItem(k, '{"schema": 1, "engine": "broken'), STORAGE_KEY);
}

test('the folder build runs under its policy without a violation', async ({ page }) => {
  const problems = await watch(page);
  await page.goto('./?theme=dark');
  await walk(page);
  await page.reload();
  await expect(id(page, 'storage-recovery')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), id(page, 'storage-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  expect(problems).toEqual([]);
  // In force: an inline script the page did not ship does not run.
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.__injected = 1' })));
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  expect(await page.evaluate(() => window.__violations)).toEqual([expect.stringContaining('script-src')]);
});

test('the one-file build runs under its own policy without a violation', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(singleFile);
  await walk(page);
  expect(problems).toEqual([]);
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { color: red }' })));
  await expect.poll(() => page.evaluate(() => window.__violations?.length ?? 0)).toBe(1);
});
