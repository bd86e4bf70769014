// The whole flow by hand, as the docs' six steps, the way a learner walks it.
import { test, expect } from '@playwright/test';
import {
  BASE, id, open, valueOf, clientId, clientSecret, authorize, callbackParams, exchange, connect, callApi, openRegistration,
} from './helpers.mjs';

test('the registration is there on first load, the secret hidden until revealed', async ({ page }) => {
  await open(page);
  expect(await clientId(page)).toMatch(/\S{8,}/);
  await expect(id(page, 'client-secret')).toHaveAttribute('type', 'password');
  await openRegistration(page);
  await id(page, 'client-secret-reveal').click();
  await expect(id(page, 'client-secret')).toHaveAttribute('type', 'text');
  // Where the secret shows, the page says it is a simulation.
  await expect(id(page, 'simulation-notice')).toContainText('Never paste a real client_secret');
  expect(await clientSecret(page)).toMatch(/\S{8,}/);
  await expect(id(page, 'redirect-uri')).toHaveText('https://www.make.com/oauth/cb/app');
  const url = new URL(await id(page, 'authorize-url').inputValue());
  expect(url.origin + url.pathname).toBe(`${BASE}/authorize`);
  expect(url.searchParams.get('scope')).toBe('connect read write delete');
  expect(url.searchParams.get('client_id')).toBe(await clientId(page));
  expect(url.searchParams.get('redirect_uri')).toBe('https://www.make.com/oauth/cb/app');
  expect(url.searchParams.get('response_type')).toBe('code');
  expect(url.searchParams.get('state')).toBeTruthy();
});

test('happy path: authorize, exchange, call, expire, refresh, invalidate', async ({ page }) => {
  await open(page);
  const state = await id(page, 'authorize-state').inputValue();

  // Steps one and two: consent as John, the browser comes back with a code and the state.
  await authorize(page, { account: 'john' });
  const params = await callbackParams(page);
  expect(params.get('code')).toBeTruthy();
  expect(params.get('state')).toBe(state);
  expect((await valueOf(id(page, 'browser-url'))).startsWith('https://www.make.com/oauth/cb/app?')).toBe(true);
  // The address reads the same as text and as a value.
  await expect(id(page, 'browser-url')).toHaveText(await id(page, 'browser-url').inputValue());
  await expect(id(page, 'authorize-url')).toHaveText(await id(page, 'authorize-url').inputValue());
  await expect(id(page, 'callback-code')).toHaveText(params.get('code'));
  await expect(page.locator('#step-2')).toContainText('matches what the app sent');
  await expect(id(page, 'server-codes')).toContainText('John Doe');

  // Step three.
  const tokens = await exchange(page);
  expect(tokens).toMatchObject({ expires_in: 5, refresh_expires_in: 60 });
  expect(tokens.refresh_token).toBeTruthy();
  await expect(id(page, 'held-access-token')).toHaveText(tokens.access_token);
  await expect(page.locator('.clock-offset'), 'nothing moved the clock').toHaveText('real time');
  await expect(id(page, 'access-countdown')).toHaveText(/^[45]:\d\d left$/);
  await expect(id(page, 'refresh-countdown')).toHaveText(/^(59:\d\d|1:00:00) left$/);
  await expect(id(page, 'server-connection-john')).toContainText('connect');
  await expect(id(page, 'server-held-access')).toContainText('live');

  // Step four: /info and a v1 resource.
  let answer = await callApi(page, 'GET', '/info');
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ id: 'd1b03e513fbc5881651d6c149fd259506f975ae1', user: 'John Doe' });
  await expect(id(page, 'api-status')).toHaveText('200');
  await expect(page.locator('#step-4 .answer .status')).toHaveText('200 OK');
  answer = await callApi(page, 'GET', '/movies');
  expect(answer.status).toBe(200);

  // The clock passes the access token's expiry: 401, explained.
  await id(page, 'clock-advance-5m').click();
  await expect(id(page, 'access-countdown')).toHaveText('expired');
  answer = await callApi(page, 'GET', '/info');
  expect(answer.status).toBe(401);
  await expect(page.locator('#step-4 .explain')).toContainText('expired');

  // Step five: refresh gives a new pair; the call works again.
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).toHaveText('200');
  const refreshed = JSON.parse(await id(page, 'token-response').textContent());
  expect(refreshed.access_token).not.toBe(tokens.access_token);
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  answer = await callApi(page, 'GET', '/info');
  expect(answer.status).toBe(200);

  // Step six: invalidate, then every later call fails.
  await id(page, 'invalidate-send').click();
  await expect(id(page, 'invalidate-status')).toHaveText('204');
  await expect(id(page, 'tokens-invalidated')).toBeVisible();
  await expect(id(page, 'server-connection-john')).toContainText('No connection');
  answer = await callApi(page, 'GET', '/info');
  expect(answer.status).toBe(401);
  await expect(page.locator('#step-4 .explain')).toContainText('invalidated');
  answer = await callApi(page, 'GET', '/movies');
  expect(answer.status).toBe(401);
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).not.toHaveText('200');
  await expect(page.locator('#step-5 .explain')).toBeVisible();
});

test('Jane Black connects with her own data', async ({ page }) => {
  await open(page);
  await connect(page, { account: 'jane' });
  const answer = await callApi(page, 'GET', '/info');
  expect(answer.json.user).toBe('Jane Black');
  await expect(id(page, 'server-connection-jane')).toContainText('read');
  await expect(id(page, 'server-connection-john')).toContainText('No connection');
});

test('the composer lists every endpoint and creates, reads and deletes a record', async ({ page }) => {
  await open(page);
  await connect(page);
  const options = await id(page, 'api-endpoint').locator('option').allTextContents();
  for (const path of ['/info', '/about', '/movies', '/movies/{id}', '/people', '/organizations', '/genres',
    '/awards/{movieId}', '/webhooks', '/webhooks/{id}', '/files', '/files/{id}/export', '/files/import', '/custom-fields']) {
    expect(options.some((o) => o.includes(` ${path}`)), `the list offers ${path}`).toBe(true);
  }
  // Pick "POST /movies" from the list: it fills method, path and a sample body.
  const post = options.findIndex((o) => o.startsWith('POST /movies'));
  await id(page, 'api-endpoint').selectOption({ index: post });
  await expect(id(page, 'api-method')).toHaveValue('POST');
  await expect(id(page, 'api-path')).toHaveValue('/movies');
  await id(page, 'api-send').click();
  await expect(id(page, 'api-status')).toHaveText(/^20[01]$/);
  const created = JSON.parse(await id(page, 'api-response').textContent());
  expect(created.id).toBeTruthy();
  await expect(id(page, 'server-records')).toContainText('1/14');

  let answer = await callApi(page, 'GET', `/movies/${created.id}`);
  expect(answer.status).toBe(200);
  answer = await callApi(page, 'DELETE', `/movies/${created.id}`);
  expect(answer.status).toBeLessThan(300);
  answer = await callApi(page, 'GET', `/movies/${created.id}`);
  expect(answer.status).toBe(404);
  await expect(page.locator('#step-4 .explain')).toContainText('No record');
});

test('the traffic pane shows every exchange raw, filters it, and copies curl', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await connect(page);
  await callApi(page, 'GET', '/info');
  const entries = id(page, 'traffic-entry');
  // authorize (browser), consent form post, token, info.
  await expect(entries).toHaveCount(4);
  const last = entries.last();
  await expect(last.getByTestId('traffic-request')).toBeVisible();
  await expect(last.getByTestId('traffic-request')).toContainText('GET /api/v2/info HTTP/1.1');
  await expect(last.getByTestId('traffic-request')).toContainText(/authorization: Bearer \S+/);
  await expect(last.getByTestId('traffic-response')).toContainText('HTTP/1.1 200 OK');
  await expect(last.getByTestId('traffic-response')).toContainText('"user": "John Doe"');

  // Older entries open on demand.
  const first = entries.first();
  await first.locator('.exchange-summary').click();
  await expect(first.getByTestId('traffic-request')).toContainText('GET /api/v2/authorize?');

  await id(page, 'traffic-filter').fill('/token');
  await expect(entries).toHaveCount(1);
  await id(page, 'traffic-filter').fill('');
  await id(page, 'traffic-origin').selectOption('browser');
  await expect(entries).toHaveCount(2);
  await id(page, 'traffic-origin').selectOption('');
  await id(page, 'traffic-status').selectOption('3xx');
  await expect(entries).toHaveCount(1);
  await id(page, 'traffic-status').selectOption('');

  await last.getByTestId('traffic-copy-curl').click();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toContain("curl 'https://app-academy.make.com/api/v2/info'");
  expect(clip).toContain('-H \'authorization: Bearer');
});

test('a second connection for the same account replaces the first', async ({ page }) => {
  await open(page);
  const first = await connect(page, { account: 'john' });
  await connect(page, { account: 'john' });
  await expect(id(page, 'server-connection-john')).toContainText('connect');
  // The tokens held before are now unknown to the server.
  await expect(page.locator('#pane-server')).toContainText('unknown to the server');
  await id(page, 'api-auth').fill(`Bearer ${first.access_token}`);
  await id(page, 'api-path').fill('/info');
  await id(page, 'api-send').click();
  await expect(id(page, 'api-status')).toHaveText('401');
  await id(page, 'api-auth-held').click();
  await id(page, 'api-send').click();
  await expect(id(page, 'api-status')).toHaveText('200');
});

test('the address bar opens URLs typed by hand', async ({ page }) => {
  await open(page);
  await id(page, 'browser-url').fill('https://example.com/');
  await id(page, 'browser-url').press('Enter');
  await expect(id(page, 'browser-error')).toHaveText('This address is outside the simulation.');
  await expect(page.locator('#step-2')).toContainText('Waiting for the browser');

  await id(page, 'browser-url').fill(await id(page, 'authorize-url').inputValue());
  await id(page, 'browser-go').click();
  await expect(id(page, 'consent-allow')).toBeVisible();
  await id(page, 'consent-deny').click();
  await expect(id(page, 'browser-url')).toHaveValue(/error\.message=Access/);
});
