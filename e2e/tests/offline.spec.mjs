// Teachers' offline classroom: the static folder (service worker, manifest),
// the app under a sub-path, and the one-file build opened from disk.
import { test, expect } from '@playwright/test';
import { id, connect, callApi } from './helpers.mjs';

const singleFile = new URL('../../dist/academy-oauth2-playground.html', import.meta.url).href;

/** Waits for the playground to be usable (the default developer registered). */
async function ready(page) {
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await expect(id(page, 'authorize-start')).toBeEnabled();
}

/** The rest of the six steps once the app holds tokens: expire, refresh, invalidate. */
async function finishFlow(page) {
  expect((await callApi(page, 'GET', '/info')).status).toBe(200);
  await id(page, 'clock-advance-5m').click();
  expect((await callApi(page, 'GET', '/info')).status).toBe(401);
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).toHaveText('200');
  expect((await callApi(page, 'GET', '/movies')).status).toBe(200);
  await id(page, 'invalidate-send').click();
  await expect(id(page, 'invalidate-status')).toHaveText('204');
  expect((await callApi(page, 'GET', '/info')).status).toBe(401);
}

test('after one visit the playground loads and works with the network off', async ({ page, context }) => {
  await page.goto('./');
  await ready(page);
  // The service worker installs, precaches every file and takes control.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('academy-playground:')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const kind of [/\.wasm$/, /\.js$/, /\.css$/, /\/$/, /manifest\.webmanifest$/]) {
    expect(cached.some((p) => kind.test(p)), `the cache holds ${kind}`).toBe(true);
  }

  await context.setOffline(true);
  await page.reload();
  await ready(page);
  await connect(page);
  await finishFlow(page);

  // An embed URL (with its query) also loads offline.
  await page.goto('./?embed=1&ns=offline-class');
  await ready(page);
});

test('the web app manifest makes it installable', async ({ page, request }) => {
  await page.goto('./');
  await ready(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(new URL(href, page.url()).href)).json();
  expect(manifest).toMatchObject({ name: 'Academy OAuth2 Playground', display: 'standalone', start_url: './' });
  for (const icon of manifest.icons) {
    const response = await request.get(new URL(icon.src, page.url()).href);
    expect(response.headers()['content-type']).toBe('image/png');
  }
});

test('the playground works under a sub-path', async ({ page }) => {
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await page.goto('./courses/oauth2/lesson-3/');
  await ready(page);
  await connect(page);
  expect((await callApi(page, 'GET', '/genres')).status).toBe(200);
  expect(failed, 'every asset loads relative to the sub-path').toEqual([]);
});

test('the one-file build runs from file:// through the whole flow', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  await page.goto(singleFile);
  await ready(page);
  await connect(page, { account: 'jane' });
  expect((await callApi(page, 'GET', '/info')).json.user).toBe('Jane Black');
  await finishFlow(page);
  expect(errors).toEqual([]);
  expect(requests, 'nothing is fetched from a network').toEqual([]);
});
