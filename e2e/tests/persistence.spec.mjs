// The playground survives reloads, stays in step across tabs, reports data it
// cannot read (and offers it for download), and resets after a confirmation.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { id, open, connect, callApi, clientId, clientSecret, STORAGE_KEY, LEGACY_KEY, stored, authorize } from './helpers.mjs';

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
  const secret = await clientSecret(page);
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
  // The new developer's secret shows too (the field is not left with the old one).
  await expect.poll(() => clientSecret(page)).not.toBe(secret);
  expect(await clientSecret(page)).toMatch(/\S{8,}/);
  await expect(id(page, 'traffic-entry')).toHaveCount(0);
  await expect(id(page, 'held-access-token')).toHaveCount(0);
  await expect(page.locator('.clock-offset')).toHaveText('real time');
  await expect(id(page, 'browser-url')).toHaveValue('');
  await page.reload();
  await expect(id(page, 'traffic-entry')).toHaveCount(0);
  await authorize(page);
});

// --- Tabs, releases and deployments that share one browser ---

/** How many exchanges the saved playground under `key` holds. */
async function savedLogLength(page, key = STORAGE_KEY) {
  return page.evaluate((k) => JSON.parse(localStorage.getItem(k))?.engine?.log?.length ?? null, key);
}

/**
 * Lets the test make the tab deaf to storage events, as while it sits in the
 * back/forward cache: installed before the page's own listener, so it runs first.
 */
async function canMissStorageEvents(page) {
  await page.addInitScript(() => {
    window.addEventListener('storage', (e) => { if (window.__deaf) e.stopImmediatePropagation(); }, true);
  });
}

async function missStorageEvents(page) {
  await page.evaluate(() => { window.__deaf = true; });
}

/** A console request (no click, no focus: nothing that makes the tab look again first). */
async function consoleRequest(page, url) {
  return page.evaluate((u) => window.academy.request({ method: 'GET', url: u }).then((r) => r.status), url);
}

test('two tabs with interleaved actions lose nothing', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a);
  await open(b);
  // The learner goes back and forth, and each tab acts without waiting for
  // the other to show the last action. Headless pages all count as focused,
  // so the switch fires what a browser fires: blur on the window left, focus
  // on the one reached.
  let current = null;
  const at = async (page) => {
    if (current && current !== page) {
      await current.evaluate(() => window.dispatchEvent(new Event('blur')));
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    }
    current = page;
    return page;
  };
  await connect(await at(a));
  await callApi(await at(b), 'GET', '/info');
  await (await at(a)).getByTestId('clock-advance-1m').click();
  await callApi(a, 'GET', '/movies');
  await callApi(await at(b), 'GET', '/genres');
  await b.getByTestId('clock-advance-1m').click();
  await callApi(await at(a), 'GET', '/people');
  await callApi(await at(b), 'GET', '/organizations');
  // 3 for the code and token, then five API calls; two minutes ahead.
  await expect(id(a, 'traffic-entry')).toHaveCount(8);
  await expect(id(b, 'traffic-entry')).toHaveCount(8);
  // Saving waits for an idle moment after the screen updates.
  await expect.poll(() => savedLogLength(a)).toBe(8);
  const saved = await stored(a);
  expect(saved.clock.offset_ms).toBeGreaterThanOrEqual(120_000);
  expect(saved.revision).toBeGreaterThan(1);
  await expect(id(a, 'storage-note')).toHaveCount(0);
  await expect(id(b, 'storage-note')).toHaveCount(0);
});

test('a stale tab takes newer progress when shown again and never saves over it', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await canMissStorageEvents(b);
  await open(a);
  await open(b);
  await missStorageEvents(b);

  await connect(a);
  await expect(id(a, 'traffic-entry')).toHaveCount(3);
  await expect(id(b, 'traffic-entry')).toHaveCount(0);
  // A's save lands after its screen updates: wait for it, not for the screen.
  await expect.poll(() => savedLogLength(a)).toBe(3);
  // Back from the back/forward cache.
  await b.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  await expect(id(b, 'traffic-entry')).toHaveCount(3);
  await expect(id(b, 'held-access-token')).toHaveText(await id(a, 'held-access-token').textContent());

  // Hidden, then shown again.
  await callApi(a, 'GET', '/info');
  await expect.poll(() => savedLogLength(a)).toBe(4);
  await expect(id(b, 'traffic-entry')).toHaveCount(3);
  await b.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await expect(id(b, 'traffic-entry')).toHaveCount(4);

  // Stale again, and it acts before looking: the newer save wins.
  await callApi(a, 'GET', '/genres');
  await expect.poll(() => savedLogLength(a)).toBe(5);
  // (No bearer token: a 401, logged like any exchange.)
  expect(await consoleRequest(b, '/movies')).toBe(401);
  await expect(id(b, 'traffic-entry')).toHaveCount(5);
  await expect(id(b, 'storage-note')).toContainText('newer progress');
  const paths = await b.evaluate((k) => JSON.parse(localStorage.getItem(k)).engine.log.map((e) => e.request.url), STORAGE_KEY);
  expect(paths.at(-1)).toContain('/genres');
  expect(await savedLogLength(b)).toBe(5);
});

test('two deployments on one origin keep their own playgrounds', async ({ page }) => {
  // The same origin serves the playground under /v1/ and /v2/.
  await page.goto('./v1/');
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await connect(page, { account: 'john' });
  await page.goto('./v2/index.html?embed=1');
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await expect(id(page, 'traffic-entry')).toHaveCount(0);
  await connect(page, { account: 'jane' });
  await callApi(page, 'GET', '/info');

  // A newer release at /v2/ writes a format this one cannot read: /v1/ is not touched by it.
  const future = JSON.stringify({ schema: 99, engine: {}, clock: {}, flow: {} });
  await page.evaluate((v) => localStorage.setItem('academy-oauth2-playground@/v2/', v), future);
  await page.goto('./v1/');
  await expect(id(page, 'traffic-entry')).toHaveCount(3);
  await expect(id(page, 'server-connection-john')).toBeVisible();
  await expect(id(page, 'storage-recovery')).toHaveCount(0);
  await callApi(page, 'GET', '/movies');
  await expect.poll(() => savedLogLength(page, 'academy-oauth2-playground@/v1/')).toBe(4);
  expect(await page.evaluate(() => localStorage.getItem('academy-oauth2-playground@/v2/'))).toBe(future);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')))).toEqual([]);
});

test('progress saved by an earlier release under the shared key is found once', async ({ page }) => {
  // ns=default names the key every deployment shared before: make a save there.
  await page.goto('./?ns=default');
  await expect(id(page, 'client-id')).not.toBeEmpty();
  const tokens = await connect(page);
  // Saving waits for an idle moment after the screen updates.
  await expect.poll(() => savedLogLength(page, LEGACY_KEY)).toBe(3);
  const legacy = await page.evaluate((k) => localStorage.getItem(k), LEGACY_KEY);
  // As an earlier release wrote it: no revision, and no key of the page's own yet.
  await page.evaluate(([k, v]) => {
    const old = JSON.parse(v);
    delete old.revision;
    localStorage.setItem(k, JSON.stringify(old));
    for (const key of Object.keys(localStorage)) if (key.includes('@')) localStorage.removeItem(key);
  }, [LEGACY_KEY, legacy]);

  await page.goto('./');
  await expect(id(page, 'traffic-entry')).toHaveCount(3);
  await expect(id(page, 'held-access-token')).toHaveText(tokens.access_token);
  expect(await savedLogLength(page)).toBe(3);
  // From now on the deployment saves under its own key; the shared one is left as it was.
  await callApi(page, 'GET', '/info');
  await expect.poll(() => savedLogLength(page)).toBe(4);
  expect(await savedLogLength(page, LEGACY_KEY)).toBe(3);
  await page.reload();
  await expect(id(page, 'traffic-entry')).toHaveCount(4);
});

test('saves another tab cannot read are kept as copies, and only the newest few', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a);
  // B stands for a newer release: a page of the same origin that is not this playground.
  await b.goto('./openapi.json');
  for (let i = 0; i < 5; i++) {
    // A newer release in tab B saves what this one cannot read ...
    await b.evaluate(([k, n]) => localStorage.setItem(k, JSON.stringify({ schema: 99, n })), [STORAGE_KEY, i]);
    // ... and A, acting next, keeps a copy before saving its own progress.
    await a.getByTestId('clock-advance-1m').click();
    await expect.poll(() => a.evaluate((k) => JSON.parse(localStorage.getItem(k)).schema, STORAGE_KEY)).toBe(2);
  }
  const kept = await a.evaluate((k) => Object.keys(localStorage).filter((key) => key.startsWith(`${k}:unreadable:`)).sort()
    .map((key) => JSON.parse(localStorage.getItem(key)).n), STORAGE_KEY);
  expect(kept).toEqual([2, 3, 4]);
  await expect(id(a, 'storage-recovery')).toHaveCount(3);
  await a.reload();
  await expect(id(a, 'storage-recovery')).toHaveCount(3);
});
