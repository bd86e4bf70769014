// The playground survives reloads, stays in step across tabs, reports data it
// cannot read (and offers it for download), and resets after a confirmation.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { id, open, connect, callApi, clientId, STORAGE_KEY, stored, authorize } from './helpers.mjs';

test('a reload keeps everything exactly', async ({ page }) => {
  await open(page);
  const tokens = await connect(page, { account: 'jane', untick: ['write'] });
  await callApi(page, 'GET', '/info');
  await id(page, 'clock-advance-1m').click();
  await id(page, 'api-path').fill('/movies?page=2');
  const before = {
    client: await clientId(page),
    browser: await id(page, 'browser-url').inputValue(),
    token: await id(page, 'token-response').textContent(),
    api: await id(page, 'api-response').textContent(),
    traffic: await id(page, 'traffic-entry').count(),
    offset: await id(page, 'clock-display').locator('..').textContent(),
  };
  const snapshot = await stored(page);
  expect(snapshot.schema).toBe(2);
  expect(typeof snapshot.engine).toBe('object');

  await page.reload();
  await expect(id(page, 'client-id')).toHaveText(before.client);
  await expect(id(page, 'browser-url')).toHaveValue(before.browser);
  await expect(id(page, 'token-response')).toHaveText(before.token);
  await expect(id(page, 'api-response')).toHaveText(before.api);
  await expect(id(page, 'api-path')).toHaveValue('/movies?page=2');
  await expect(id(page, 'traffic-entry')).toHaveCount(before.traffic);
  await expect(id(page, 'held-access-token')).toHaveText(tokens.access_token);
  await expect(page.locator('.clock-offset')).toContainText('ahead');
  await expect(id(page, 'server-connection-jane')).not.toContainText('write');
  // The server state came back too: the held token still works.
  expect((await callApi(page, 'GET', '/info')).json.user).toBe('Jane Black');
  expect(await stored(page)).toBeTruthy();
});

test('a second tab follows the first', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a);
  await open(b);
  await expect(id(b, 'client-id')).toHaveText(await clientId(a));

  await connect(a);
  await expect(id(b, 'traffic-entry')).toHaveCount(3);
  await expect(id(b, 'server-connection-john')).toContainText('connect');
  await expect(id(b, 'held-access-token')).toHaveText(await id(a, 'held-access-token').textContent());

  // And back: B calls the API with the same tokens; A sees it.
  const answer = await callApi(b, 'GET', '/info');
  expect(answer.status).toBe(200);
  await expect(id(a, 'traffic-entry')).toHaveCount(4);
  await expect(id(a, 'api-status')).toHaveText('200');

  await b.getByTestId('clock-advance-5m').click();
  await expect(id(a, 'access-countdown')).toHaveText('expired');
});

test('unreadable saved data is reported, offered for download, and the page starts clean', async ({ page }) => {
  await page.goto('./');
  await page.evaluate((key) => localStorage.setItem(key, '{"schema": 1, "engine": "not an engine'), STORAGE_KEY);
  await page.reload();
  const notice = id(page, 'storage-recovery');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('could not be read');
  await expect(id(page, 'client-id')).not.toBeEmpty();

  const [download] = await Promise.all([page.waitForEvent('download'), id(page, 'storage-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  expect(await readFile(await download.path(), 'utf8')).toBe('{"schema": 1, "engine": "not an engine');

  // The clean playground works, and the notice stays until discarded.
  await connect(page);
  await page.reload();
  await expect(id(page, 'storage-recovery')).toBeVisible();
  await expect(id(page, 'held-access-token')).not.toBeEmpty();
  await id(page, 'storage-discard').click();
  await expect(id(page, 'storage-recovery')).toHaveCount(0);
  await page.reload();
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await expect(id(page, 'storage-recovery')).toHaveCount(0);
});

test('data from an unknown schema version is kept, not dropped', async ({ page }) => {
  await page.goto('./');
  const future = JSON.stringify({ schema: 99, engine: '{}', clock: {}, flow: {} });
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, future]);
  await page.reload();
  await expect(id(page, 'storage-recovery')).toContainText('another version');
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')).map((k) => localStorage.getItem(k)));
  expect(kept).toEqual([future]);
  expect((await stored(page)).schema).toBe(2);
});

test('copies of unreadable data are bounded: the newest few are kept', async ({ page }) => {
  await page.goto('./');
  // Six older copies from earlier loads, then one more unreadable save.
  await page.evaluate((key) => {
    for (let i = 0; i < 6; i++) localStorage.setItem(`${key}:unreadable:170000000000${i}`, `old ${i}`);
    localStorage.setItem(key, '{"schema": 1, "engine": "broken');
  }, STORAGE_KEY);
  await page.reload();
  // One notice a kept copy: three, not seven.
  await expect(id(page, 'storage-recovery')).toHaveCount(3);
  const kept = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:unreadable:`)).sort(), STORAGE_KEY);
  expect(kept).toHaveLength(3);
  // The newest is today's copy; the oldest ones went.
  const values = await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), kept);
  expect(values).toEqual(['old 4', 'old 5', '{"schema": 1, "engine": "broken']);
});

test('reset asks first, then starts over', async ({ page }) => {
  await open(page);
  const before = await clientId(page);
  await connect(page);
  await id(page, 'clock-advance-1h').click();

  await id(page, 'reset').click();
  await expect(id(page, 'reset-dialog')).toBeVisible();
  await id(page, 'reset-cancel').click();
  await expect(id(page, 'reset-dialog')).toBeHidden();
  await expect(id(page, 'client-id')).toHaveText(before);

  await id(page, 'reset').click();
  await id(page, 'reset-confirm').click();
  await expect(id(page, 'client-id')).not.toHaveText(before);
  await expect(id(page, 'traffic-entry')).toHaveCount(0);
  await expect(id(page, 'held-access-token')).toHaveCount(0);
  await expect(page.locator('.clock-offset')).toHaveText('real time');
  await expect(id(page, 'browser-url')).toHaveValue('');
  await page.reload();
  await expect(id(page, 'traffic-entry')).toHaveCount(0);
  await authorize(page);
});
