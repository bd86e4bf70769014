// The Make connection pane and academy.connection: a Make OAuth2 connection
// run against the simulated Academy, consent screen included.
import { test, expect } from '@playwright/test';
import { id, open, stored, expectNothingSerious } from './helpers.mjs';

async function openMakePane(page) {
  await open(page);
  await id(page, 'make-toggle').click();
  await expect(page.locator('#pane-make')).toBeVisible();
}

/** The right connection's text, from the pane's template list. */
async function rightText(page) {
  await openMakePane(page);
  await id(page, 'make-template').selectOption('academy-v2');
  return id(page, 'make-text').inputValue();
}

/** The client secret and every token /token and /refresh answered, from the saved engine's log. */
async function issuedSecrets(page) {
  const saved = await stored(page);
  const secrets = [saved.engine.client.client_secret];
  for (const e of saved.engine.log) {
    if (/\/(token|refresh)$/.test(e.request.url) && e.response.status === 200) {
      const body = JSON.parse(e.response.body);
      secrets.push(body.access_token, body.refresh_token);
    }
  }
  return secrets;
}

test('the pane is not in the default layout and the top bar opens and closes it', async ({ page }) => {
  await open(page);
  await expect(page.locator('#pane-make')).toHaveCount(0);
  await id(page, 'make-toggle').click();
  await expect(page.locator('#pane-make h2')).toHaveText('Make connection');
  await expect(id(page, 'make-toggle')).toHaveAttribute('aria-pressed', 'true');
  await id(page, 'make-toggle').click();
  await expect(page.locator('#pane-make')).toHaveCount(0);
});

test('panes=make replaces Your app', async ({ page }) => {
  await page.goto('./?panes=make,browser,server,traffic');
  await expect(page.locator('#pane-make')).toBeVisible();
  await expect(page.locator('#pane-app')).toHaveCount(0);
});

test('a template runs through the screen: consent, trace, Use, refresh, Invalidate', async ({ page }) => {
  await openMakePane(page);
  await id(page, 'make-template').selectOption({ label: 'Academy v2, done right' });
  await expect(id(page, 'make-text')).toHaveValue(/"authorize"/);
  await id(page, 'make-connect').click();

  // The Browser pane's real consent screen: the learner decides.
  await expect(id(page, 'consent-allow')).toBeVisible();
  await expect(id(page, 'make-stage')).toHaveAttribute('data-stage', 'awaitingconsent');
  await id(page, 'consent-account-jane').check();
  await id(page, 'consent-allow').click();

  await expect(id(page, 'make-stage')).toHaveAttribute('data-stage', 'connected');
  await expect(id(page, 'browser-url')).toHaveValue(/^https:\/\/www\.make\.com\/oauth\/cb\/app\?code=/);
  await expect(id(page, 'browser-make-callback')).toBeVisible();
  await expect(id(page, 'browser-to-step-3')).toHaveCount(0);
  for (const section of ['authorize', 'token', 'info']) {
    await expect(id(page, `make-step-${section}`).first()).toBeVisible();
  }
  await expect(id(page, 'make-step-token')).toContainText('addMinutes(now, body.expires_in)');
  await expect(id(page, 'make-step-token')).toContainText('client_secret');
  // data and temp as each step left them; what log.sanitize names stays masked there too.
  await expect(id(page, 'make-step-authorize').getByTestId('make-step-temp')).toContainText('"code"');
  await expect(id(page, 'make-step-token').getByTestId('make-step-data')).toContainText('"accessToken": "********"');
  await expect(id(page, 'make-step-token').getByTestId('make-step-data')).toContainText('"expires"');
  await expect(id(page, 'make-step-token').getByTestId('make-step-temp')).toContainText('"code"');
  await expect(id(page, 'make-connection-data')).toContainText('accessToken');
  await expect(id(page, 'make-no-diagnostics')).toBeVisible();
  // Every request shows in the traffic, as any other.
  await expect(id(page, 'traffic-entry').filter({ hasText: '/token' }).first()).toBeVisible();

  await id(page, 'make-use').click();
  await expect(id(page, 'make-use-result')).toContainText('fresh');

  await id(page, 'clock-advance-5m').click();
  await id(page, 'make-use').click();
  await expect(id(page, 'make-use-result')).toContainText('refreshed');
  await expect(id(page, 'make-step-refresh').last()).toContainText('200');

  await id(page, 'make-invalidate').click();
  await expect(id(page, 'make-step-invalidate')).toBeVisible();
  await expect(id(page, 'make-stage')).toHaveAttribute('data-stage', 'idle');
});

test('a broken template is marked in the gutter and its diagnostic moves the caret', async ({ page }) => {
  await openMakePane(page);
  await id(page, 'make-template').selectOption('seconds');
  await expect(id(page, 'make-template-note')).toContainText('expires-in-seconds');
  await id(page, 'make-connect').click();
  await id(page, 'consent-allow').click();
  const diagnostic = id(page, 'make-diagnostics').locator('li[data-code="expires-in-seconds"]');
  await expect(diagnostic).toBeVisible();
  await expect(id(page, 'make-gutter').locator('.mark-error, .mark-warning').first()).toBeVisible();
  await diagnostic.locator('button').click();
  await expect(id(page, 'make-text')).toBeFocused();
  const caret = await id(page, 'make-text').evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
  expect(caret).toBeGreaterThan(1);
});

test('academy.connection returns the report for the right template and a broken one', async ({ page }) => {
  await open(page);
  // The right connection, from the pane's template list.
  await id(page, 'make-toggle').click();
  await id(page, 'make-template').selectOption('academy-v2');
  const right = await id(page, 'make-text').inputValue();
  await id(page, 'make-template').selectOption('seconds');
  const seconds = await id(page, 'make-text').inputValue();

  const report = await page.evaluate((text) => window.academy.connection.run(text, { account: 'jane' }), right);
  expect(report.ok).toBe(true);
  expect(report.diagnostics).toEqual([]);
  expect(report.steps.map((s) => s.section)).toEqual(['authorize', 'token', 'info']);
  const token = report.steps[1];
  expect(token.request.method).toBe('POST');
  expect(token.response.status).toBe(200);
  expect(token.expressions[0]).toHaveProperty('path');
  expect(token.expressions[0]).toHaveProperty('source');
  expect(token.expressions[0]).toHaveProperty('value');
  expect(Object.keys(report.connection).sort()).toEqual(['data', 'expires', 'metadata', 'uid']);
  expect(report.connection.data.accessToken).toBeTruthy();
  expect(report.connection.metadata.value).toBe('Jane Black');
  // The pane shows the console's run.
  await expect(id(page, 'make-stage')).toHaveAttribute('data-stage', 'connected');

  const fresh = await page.evaluate(() => window.academy.connection.use());
  expect(fresh.steps.at(-1).skipped).toBe(true);
  const later = await page.evaluate(() => window.academy.connection.advance(5));
  expect(later.ok).toBe(true);
  const refreshed = await page.evaluate(() => window.academy.connection.use());
  expect(refreshed.steps.at(-1).section).toBe('refresh');
  expect(refreshed.steps.at(-1).response.status).toBe(200);
  const gone = await page.evaluate(() => window.academy.connection.invalidate());
  expect(gone.steps.at(-1).section).toBe('invalidate');
  expect(gone.connection.data).toEqual({});

  const broken = await page.evaluate((text) => window.academy.connection.run(text), seconds);
  expect(broken.diagnostics.map((d) => d.code)).toContain('expires-in-seconds');
  for (const d of broken.diagnostics) {
    expect(Object.keys(d).sort()).toEqual(['code', 'message', 'path', 'section', 'severity']);
  }
});

test('no secret log.sanitize names shows anywhere in the console report', async ({ page }) => {
  const text = await rightText(page);
  const connected = await page.evaluate((t) => window.academy.connection.run(t), text);
  expect(connected.ok).toBe(true);
  await page.evaluate(() => window.academy.connection.advance(5));
  const report = await page.evaluate(() => window.academy.connection.use());
  expect(report.steps.at(-1).section).toBe('refresh');
  expect(report.steps.at(-1).response.status).toBe(200);
  for (const step of report.steps) {
    expect(Object.keys(step).sort()).toEqual(['data', 'expressions', 'request', 'response', 'section', 'skipped', 'temp']);
  }
  const [authorize, token] = report.steps;
  expect(authorize.temp.code).toBeTruthy();
  expect(token.data.accessToken).toBe('********');
  expect(token.data.expires).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(report.connection.data.refreshToken).toBe('********');
  // The client secret and both pairs of tokens, once the save holds the refresh.
  await expect.poll(async () => (await issuedSecrets(page)).length).toBe(5);
  const whole = JSON.stringify(report);
  for (const secret of await issuedSecrets(page)) {
    expect(secret.length).toBeGreaterThan(8);
    expect(whole).not.toContain(secret);
  }
});

test('the connection survives a reload: Use and Invalidate carry on', async ({ page }) => {
  const text = await rightText(page);
  const connected = await page.evaluate((t) => window.academy.connection.run(t, { account: 'jane' }), text);
  expect(connected.ok).toBe(true);
  await expect.poll(async () => (await stored(page)).make_connection?.version).toBe(1);

  await page.reload();
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await id(page, 'make-toggle').click();
  await expect(id(page, 'make-stage')).toHaveAttribute('data-stage', 'connected');
  await expect(id(page, 'make-restored')).toBeVisible();
  await expect(id(page, 'make-connection-data')).toContainText('accessToken');
  await expect(id(page, 'make-connection')).toContainText('Jane Black');

  const fresh = await page.evaluate(() => window.academy.connection.use());
  expect(fresh.steps.at(-1).skipped).toBe(true);
  await page.evaluate(() => window.academy.connection.advance(5));
  const refreshed = await page.evaluate(() => window.academy.connection.use());
  expect(refreshed.ok).toBe(true);
  expect(refreshed.steps.at(-1).section).toBe('refresh');
  expect(refreshed.steps.at(-1).response.status).toBe(200);
  await expect.poll(async () => (await issuedSecrets(page)).length).toBe(5);
  const whole = JSON.stringify(refreshed);
  for (const secret of await issuedSecrets(page)) expect(whole).not.toContain(secret);
  const gone = await page.evaluate(() => window.academy.connection.invalidate());
  expect(gone.steps.at(-1).response.status).toBe(204);
  expect(gone.connection.data).toEqual({});
  await expect.poll(async () => (await stored(page)).make_connection).toBeUndefined();
});

test('bad input resolves ok:false and never throws', async ({ page }) => {
  await open(page);
  const results = await page.evaluate(async () => {
    const c = window.academy.connection;
    return [
      await c.run(42),
      await c.run('{ not json'),
      await c.run('{}', { account: 'bob' }),
      await c.run('{}', 'jane'),
      await c.run('{}', { scopes: ['connect', 'fly'] }),
      await c.advance('soon'),
      await c.advance(-3),
    ];
  });
  for (const r of results) {
    expect(r.ok).toBe(false);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  }
  expect(results[0].diagnostics[0].code).toBe('json-syntax');
  expect(results[1].diagnostics[0].code).toBe('json-syntax');
  const denied = await page.evaluate(async () => {
    await window.academy.connection.invalidate();
    return window.academy.connection.use();
  });
  expect(typeof denied.ok).toBe('boolean');
});

test('axe finds no serious or critical violation on the pane', async ({ page }) => {
  test.setTimeout(60_000); // two full scans
  await page.goto('./?panes=client,make,browser,traffic');
  await expect(page.locator('#pane-make')).toBeVisible();
  await id(page, 'make-template').selectOption('seconds');
  await id(page, 'make-connect').click();
  await id(page, 'consent-allow').click();
  await expect(id(page, 'make-diagnostics')).toBeVisible();
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await expectNothingSerious(page, theme, '#pane-make');
  }
});
