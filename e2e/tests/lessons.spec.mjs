// Guided lessons: each built-in lesson done twice, once with the page's own
// controls (panes and the classic mistakes) and once through the console API;
// progress survives a reload; packs by URL, good and bad; events for course pages.
import { test, expect } from '@playwright/test';
import { writeFile, rm } from 'node:fs/promises';
import { id, open, connect, authorize, exchange, callApi, openRegistration, clientId, clientSecret, valueOf, expectNothingSerious } from './helpers.mjs';

const REDIRECT = 'https://www.make.com/oauth/cb/app';

async function openLesson(page, lesson) {
  await page.goto(`./?lesson=${lesson}`);
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await expect(id(page, 'lesson')).toHaveAttribute('data-lesson', lesson);
}

const stepsDone = (page) => page.getByTestId('lesson-step').evaluateAll((els) => els.map((e) => e.dataset.done === 'true'));

async function expectComplete(page) {
  await expect(id(page, 'lesson-learned')).toBeVisible();
  expect(await stepsDone(page)).not.toContain(false);
}

async function mistake(page, fault) {
  await expect(id(page, fault)).toBeEnabled();
  await id(page, fault).click();
  await expect(id(page, 'fault-result')).toBeVisible();
}

async function heldAccessToken(page) {
  return page.evaluate(() => window.academy.tokens().access_token);
}

/** Sends the composer's request with a hand-set bearer token. */
async function callWith(page, token, path = '/info') {
  await id(page, 'api-auth').fill(`Bearer ${token}`);
  return callApi(page, 'GET', path);
}

test.describe('each lesson with the page\'s own controls', () => {
  test('code-flow', async ({ page }) => {
    await openLesson(page, 'code-flow');
    await connect(page);
    expect((await callApi(page, 'GET', '/info')).status).toBe(200);
    await expectComplete(page);
    // Progress survives a reload.
    await page.reload();
    await expect(id(page, 'lesson-learned')).toBeVisible();
    expect(await stepsDone(page)).toEqual([true, true, true]);
  });

  test('scopes', async ({ page }) => {
    await openLesson(page, 'scopes');
    await expect(id(page, 'fault-missing-scope')).toBeDisabled();
    await connect(page, { untick: ['read'] });
    await mistake(page, 'fault-missing-scope');
    await expect(id(page, 'fault-result')).toContainText('403');
    expect(await stepsDone(page)).toEqual([true, false, false]);
    // The mistake's arrow is highlighted in the diagram, with the step it did.
    const seq = await id(page, 'fault-result').getAttribute('data-seq');
    await id(page, 'traffic-view-diagram').click();
    await expect(page.locator(`[data-testid="sequence-exchange"][data-seq="${seq}"]`)).toHaveClass(/lit/);
    await id(page, 'traffic-view-list').click();
    await connect(page);
    expect((await callApi(page, 'GET', '/about')).status).toBe(200);
    await expectComplete(page);
  });

  test('expiry-refresh', async ({ page }) => {
    await openLesson(page, 'expiry-refresh');
    await connect(page);
    await mistake(page, 'fault-expired-token');
    await expect(id(page, 'fault-result')).toContainText('401');
    await id(page, 'refresh-send').click();
    await expect.poll(() => stepsDone(page)).toEqual([true, true, false, false]);
    await mistake(page, 'fault-old-refresh-token');
    await expect(id(page, 'fault-result')).toContainText('400');
    expect((await callApi(page, 'GET', '/info')).status).toBe(200);
    await expectComplete(page);
  });

  test('one-connection', async ({ page }) => {
    await openLesson(page, 'one-connection');
    await connect(page, { account: 'john' });
    const first = await heldAccessToken(page);
    await connect(page, { account: 'john' });
    const second = await heldAccessToken(page);
    expect((await callWith(page, first)).status).toBe(401);
    await connect(page, { account: 'jane' });
    expect((await callApi(page, 'GET', '/info')).status).toBe(200);
    expect(await stepsDone(page)).toEqual([true, true, true, true, false]);
    expect((await callWith(page, second)).status).toBe(200);
    await expectComplete(page);
  });

  test('invalidate', async ({ page }) => {
    await openLesson(page, 'invalidate');
    await connect(page);
    await id(page, 'invalidate-send').click();
    await expect.poll(() => stepsDone(page)).toEqual([true, false, false]);
    await mistake(page, 'fault-invalidated');
    await id(page, 'refresh-send').click();
    await expectComplete(page);
  });

  test('protections', async ({ page }) => {
    await openLesson(page, 'protections');
    await mistake(page, 'fault-wrong-secret');
    await connect(page);
    await mistake(page, 'fault-reuse-code');
    const wrong = (await valueOf(id(page, 'authorize-url'))).replace(encodeURIComponent(REDIRECT), encodeURIComponent('https://evil.example/cb'));
    await id(page, 'browser-url').fill(wrong);
    await id(page, 'browser-go').click();
    await expect(id(page, 'browser-error')).toBeVisible();
    await expectComplete(page);
  });
});

/** The whole authorization through the console: returns the token answer. */
async function consoleConnect(page, client, { account = 'john', scope = 'connect read write delete' } = {}) {
  return page.evaluate(async ({ client, account, scope, redirect }) => {
    const q = new URLSearchParams({ response_type: 'code', client_id: client.id, redirect_uri: redirect, scope, state: 's' });
    const screen = await academy.request(`/authorize?${q}`);
    const ticket = JSON.parse(screen.body).consent.ticket;
    const form = new URLSearchParams({ ticket, account, scope, decision: 'allow' }).toString();
    const back = await academy.request({ method: 'POST', url: '/authorize', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    const code = new URL(back.headers.location).searchParams.get('code');
    const answer = await academy.request({ method: 'POST', url: '/token', body: { grant_type: 'authorization_code', code, client_id: client.id, client_secret: client.secret, redirect_uri: redirect } });
    return { ...JSON.parse(answer.body), code };
  }, { client, account, scope, redirect: REDIRECT });
}

const call = (page, token, url = '/info', method = 'GET') =>
  page.evaluate(({ token, url, method }) => academy.request({ method, url, headers: { authorization: `Bearer ${token}` } }).then((r) => r.status), { token, url, method });

const refresh = (page, client, token) =>
  page.evaluate(({ client, token }) => academy.request({ method: 'POST', url: '/refresh', body: { grant_type: 'refresh_token', refresh_token: token, client_id: client.id, client_secret: client.secret } }).then((r) => r.status), { client, token });

async function consoleLesson(page, lesson) {
  await open(page);
  await openRegistration(page);
  const client = { id: await clientId(page), secret: await clientSecret(page) };
  expect(await page.evaluate((l) => academy.lessons.open(l), lesson)).toBe(true);
  return client;
}

const listed = (page, lesson) => page.evaluate((l) => academy.lessons.list().find((x) => x.id === l), lesson);

test('every lesson through the console API', async ({ page }) => {
  const lessons = await (async () => { await open(page); return page.evaluate(() => academy.lessons.list()); })();
  expect(lessons.map((l) => l.id)).toEqual(['code-flow', 'scopes', 'expiry-refresh', 'one-connection', 'invalidate', 'protections']);
  expect(lessons[0]).toEqual({ id: 'code-flow', title: 'The authorization-code flow', done: false, steps: [
    { id: 'get-code', goal: 'Get a code through the consent screen', done: false },
    { id: 'exchange-code', goal: 'Exchange it for tokens', done: false },
    { id: 'call-info', goal: 'Call /info with the access token', done: false },
  ] });

  const client = await consoleLesson(page, 'code-flow');
  let t = await consoleConnect(page, client);
  expect(await call(page, t.access_token)).toBe(200);
  expect((await listed(page, 'code-flow')).done).toBe(true);
  await expect(id(page, 'lesson-learned')).toBeVisible();

  // scopes: a token without read, refused; then one with it.
  expect(await page.evaluate(() => academy.lessons.open('scopes'))).toBe(true);
  t = await consoleConnect(page, client, { scope: 'connect' });
  expect(await call(page, t.access_token, '/movies')).toBe(403);
  t = await consoleConnect(page, client);
  expect(await call(page, t.access_token, '/movies')).toBe(200);
  expect((await listed(page, 'scopes')).done).toBe(true);

  // expiry-refresh: the clock past expiry, refresh, the old refresh token, the new access token.
  await page.evaluate(() => academy.lessons.reset('expiry-refresh'));
  t = await consoleConnect(page, client);
  // Past the access token's five minutes, within the refresh token's hour.
  await page.getByRole('button', { name: '+5 min' }).click();
  await page.getByRole('button', { name: '+1 min' }).click();
  expect(await call(page, t.access_token)).toBe(401);
  const rotated = await page.evaluate(({ client, token }) => academy.request({ method: 'POST', url: '/refresh', body: { grant_type: 'refresh_token', refresh_token: token, client_id: client.id, client_secret: client.secret } }).then((r) => JSON.parse(r.body)), { client, token: t.refresh_token });
  expect(await refresh(page, client, t.refresh_token)).toBe(400);
  expect(await call(page, rotated.access_token)).toBe(200);
  expect((await listed(page, 'expiry-refresh')).done).toBe(true);

  // one-connection
  await page.evaluate(() => academy.lessons.reset('one-connection'));
  const john1 = await consoleConnect(page, client);
  const john2 = await consoleConnect(page, client);
  expect(await call(page, john1.access_token)).toBe(401);
  const jane = await consoleConnect(page, client, { account: 'jane' });
  expect(await call(page, jane.access_token)).toBe(200);
  expect(await call(page, john2.access_token)).toBe(200);
  expect((await listed(page, 'one-connection')).done).toBe(true);

  // invalidate
  t = await consoleConnect(page, client);
  expect(await call(page, t.access_token, '/invalidate')).toBe(204);
  expect(await refresh(page, client, t.refresh_token)).toBe(404);
  expect(await call(page, t.access_token)).toBe(401);
  expect((await listed(page, 'invalidate')).done).toBe(true);

  // protections
  t = await consoleConnect(page, client);
  const reuse = await page.evaluate(({ client, code, redirect }) => academy.request({ method: 'POST', url: '/token', body: { grant_type: 'authorization_code', code, client_id: client.id, client_secret: client.secret, redirect_uri: redirect } }).then((r) => r.status), { client, code: t.code, redirect: REDIRECT });
  expect(reuse).toBe(400);
  const wrongSecret = await page.evaluate(({ client }) => academy.request({ method: 'POST', url: '/token', body: { grant_type: 'authorization_code', code: 'x', client_id: client.id, client_secret: 'nope', redirect_uri: 'x' } }).then((r) => r.status), { client });
  expect(wrongSecret).toBe(400);
  const q = new URLSearchParams({ response_type: 'code', client_id: client.id, redirect_uri: 'https://evil.example/cb', scope: 'connect' });
  expect(await page.evaluate((u) => academy.request(u).then((r) => r.status), `/authorize?${q}`)).toBe(400);
  expect((await listed(page, 'protections')).done).toBe(true);

  // All six are done, and stay done after a reload; unknown ids are refused.
  await page.reload();
  await expect(id(page, 'client-id')).not.toBeEmpty();
  expect((await page.evaluate(() => academy.lessons.list())).every((l) => l.done)).toBe(true);
  await expect(page.evaluate(() => academy.lessons.open('nope'))).rejects.toThrow(/no lesson nope/);
});

const hostOrigin = (testInfo) => {
  const app = new URL(testInfo.project.use.baseURL);
  app.port = String(Number(app.port) + 2);
  return app.origin;
};

test('a course pack loads from another origin, sets up the page, and is kept for offline use', async ({ page }, testInfo) => {
  const url = `${hostOrigin(testInfo)}/packs/example.json`;
  await page.goto(`./?pack=${encodeURIComponent(url)}`);
  await expect(id(page, 'pack-status')).toHaveAttribute('data-state', 'loaded');
  await expect(id(page, 'pack-status')).toContainText("Jane's short-lived tokens");
  await expect(id(page, 'lesson')).toHaveAttribute('data-lesson', 'jane-short-tokens');
  const lessons = await page.evaluate(() => academy.lessons.list().map((l) => l.id));
  expect(lessons).toEqual(['code-flow', 'scopes', 'expiry-refresh', 'one-connection', 'invalidate', 'protections', 'jane-short-tokens']);
  // Its settings apply: Jane is preselected, tokens live two minutes.
  await authorize(page, { account: 'jane' });
  expect((await exchange(page)).expires_in).toBe(2);
  await expect.poll(() => stepsDone(page)).toEqual([true, false, false]);
  // Offline (the host unreachable), the kept copy still loads.
  await page.route(url, (route) => route.abort());
  await page.reload();
  await expect(id(page, 'pack-status')).toHaveAttribute('data-state', 'loaded');
  await expect(id(page, 'pack-status')).toContainText('copy kept');
  expect(await stepsDone(page)).toEqual([true, false, false]);
});

test('a bad pack says which and why, and the built-in lessons stay', async ({ page }, testInfo) => {
  const host = hostOrigin(testInfo);
  const big = new URL('../../packs/big-test-pack.json', import.meta.url);
  await writeFile(big, JSON.stringify({ format: 1, title: 'x'.repeat(300_000), lessons: [] }));
  const good = JSON.parse(await (await fetch(`${host}/packs/example.json`)).text());
  const bad = {
    'unknown-check': { ...good, lessons: [{ ...good.lessons[0], steps: [{ ...good.lessons[0].steps[0], check: { colour: 'red' } }] }] },
    'missing-field': { ...good, title: undefined },
  };
  const cases = [
    ['network', 'http://127.0.0.1:9/pack.json', /could not be fetched/],
    ['cors', `${host}/no-cors/packs/example.json`, /could not be fetched.*Access-Control-Allow-Origin/],
    ['not-json', `${host}/index.html`, /\$: not JSON/],
    ['unknown-check', 'unknown-check', /lessons\[0\]\.steps\[0\]\.check\.colour: unknown field `colour`/],
    ['missing-field', 'missing-field', /\$: missing field `title`/],
    ['oversized', `${host}/packs/big-test-pack.json`, /more than the 262144 bytes|larger than the 262144 bytes/],
  ];
  try {
    for (const [name, url, reason] of cases) {
      let address = url;
      if (bad[url]) {
        address = `${host}/packs/${url}.json`;
        await page.route(address, (route) => route.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*' }, contentType: 'application/json', body: JSON.stringify(bad[url]) }));
      }
      await page.goto(`./?pack=${encodeURIComponent(address)}`);
      await expect(id(page, 'pack-status'), name).toHaveAttribute('data-state', 'failed');
      await expect(id(page, 'pack-status'), name).toContainText(reason);
      await expect(id(page, 'pack-status')).toContainText(address);
      expect((await page.evaluate(() => academy.lessons.list())).length, name).toBe(6);
    }
  } finally {
    await rm(big, { force: true });
  }
});

test('a course page hears lesson-progress and lesson-complete', async ({ page }, testInfo) => {
  const app = new URL(testInfo.project.use.baseURL);
  const appUrl = `${app.href}?lesson=code-flow`;
  await page.goto(`${hostOrigin(testInfo)}/?app=${encodeURIComponent(appUrl)}`);
  const frame = page.frameLocator('section[data-ns="lesson-a"] iframe');
  await expect(id(frame, 'client-id')).not.toBeEmpty();
  await connect(frame);
  expect((await callApi(frame, 'GET', '/info')).status).toBe(200);
  const lessonEvents = () => page.evaluate(() => window.events['lesson-a'].filter((m) => m.event?.startsWith('lesson-')).map((m) => [m.event, m.detail]));
  await expect.poll(lessonEvents).toEqual([
    ['lesson-progress', { lesson: 'code-flow', step: 'get-code', done: 1, total: 3 }],
    ['lesson-progress', { lesson: 'code-flow', step: 'exchange-code', done: 2, total: 3 }],
    ['lesson-progress', { lesson: 'code-flow', step: 'call-info', done: 3, total: 3 }],
    ['lesson-complete', { lesson: 'code-flow' }],
  ]);
});

for (const theme of ['light', 'dark']) {
  test(`axe finds nothing serious in the lesson view (${theme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`./?lesson=scopes&theme=${theme}`);
    await expect(id(page, 'client-id')).not.toBeEmpty();
    await connect(page, { untick: ['read'] });
    await mistake(page, 'fault-missing-scope');
    await page.locator('.step-hint summary').first().click();
    await expectNothingSerious(page, theme, '[data-testid="lesson-view"]');
  });
}
