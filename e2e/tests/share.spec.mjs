// Share links: a URL that rebuilds the situation (settings, lesson and step,
// clock, the composer's request) in another browser, without any secret,
// code or token of the sender's. Through the Share… dialog and academy.shareLink().
import { test, expect } from '@playwright/test';
import {
  id, connect, callApi, clientId, clientSecret, openRegistration, callbackParams, valueOf, expectNothingSerious,
} from './helpers.mjs';

const SETTINGS = './?theme=dark&expires_in=2&refresh_expires_in=30&code_expires_in=1&panes=client,browser,traffic';

/** Every secret the sender's page holds or showed: registration, codes, tokens. */
async function sendersSecrets(page) {
  await openRegistration(page);
  const tokens = await page.evaluate(() => window.academy.tokens());
  const har = await page.evaluate(() => window.academy.exportHar());
  const state = await page.evaluate(() => window.academy.exportState());
  const secrets = new Set([
    await clientId(page), await clientSecret(page), tokens.access_token, tokens.refresh_token,
    state.flow.state_param, state.engine.client?.api_key,
  ]);
  const code = (await callbackParams(page)).get('code');
  if (code) secrets.add(code);
  // Every long hex value anywhere in the traffic (older tokens and codes too).
  for (const word of JSON.stringify(har).match(/[0-9a-f]{32,}/gi) ?? []) secrets.add(word);
  return [...secrets].filter((s) => typeof s === 'string' && s.length >= 8);
}

/** The sender: settings by URL, Jane connected, a lesson open, the clock an hour on and paused, a composer full of secrets. */
async function sender(page) {
  await page.goto(SETTINGS);
  await expect(id(page, 'client-id')).not.toBeEmpty();
  const tokens = await connect(page, { account: 'jane' });
  await callApi(page, 'GET', '/movies');
  await page.evaluate(() => window.academy.lessons.open('scopes'));
  await id(page, 'clock-advance-1h').click();
  await id(page, 'clock-pause').click();
  await openRegistration(page);
  const secret = await clientSecret(page);
  await id(page, 'api-method').selectOption('POST');
  await id(page, 'api-path').fill(`/movies?token=${tokens.access_token}`);
  await id(page, 'api-body').fill(JSON.stringify({ name: 'Shared', note: secret, refresh: tokens.refresh_token }));
  await id(page, 'api-auth').fill(`Bearer ${tokens.refresh_token}`);
  return tokens;
}

test('Share rebuilds the situation in a new browser without a secret, code or token', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await sender(page);
  const secrets = await sendersSecrets(page);
  expect(secrets.length).toBeGreaterThanOrEqual(6);
  const { id: step, goal } = await page.evaluate(() => window.academy.lessons.list().find((l) => l.id === 'scopes').steps.find((s) => !s.done));

  await id(page, 'share-open').click();
  await expect(id(page, 'share-dialog')).toBeVisible();
  await expect(id(page, 'share-copy')).toBeFocused();
  const link = await id(page, 'share-link').inputValue();
  await expect(id(page, 'share-link')).toHaveAttribute('readonly', '');
  await expect(id(page, 'share-carries')).toContainText('Lesson: Scopes');
  await expectNothingSerious(page, 'share dialog', '[data-testid="share-dialog"]');
  await id(page, 'share-copy').click();
  await expect(id(page, 'share-copied')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.keyboard.press('Escape');
  await expect(id(page, 'share-dialog')).toBeHidden();
  await expect(id(page, 'share-open')).toBeFocused();
  expect(await page.evaluate(() => window.academy.shareLink())).toBe(link);

  // None of the sender's secrets, in any spelling.
  const decoded = decodeURIComponent(link);
  for (const secret of secrets) {
    expect(link.toLowerCase(), 'the link').not.toContain(secret.toLowerCase());
    expect(decoded.toLowerCase(), 'the decoded link').not.toContain(secret.toLowerCase());
  }

  // Another browser, nothing saved: the situation, with a registration of its own.
  const other = await browser.newContext();
  const receiver = await other.newPage();
  await receiver.goto(link);
  await expect(id(receiver, 'client-id')).not.toBeEmpty();
  const note = id(receiver, 'share-note');
  await expect(note).toContainText('Shared with you');
  await expect(note).toContainText('access tokens 2 min, refresh tokens 30 min, codes 1 min');
  await expect(note).toContainText(`Lesson: Scopes, at the step “${goal}”.`);
  await expect(note).toContainText('Clock: 1 h ahead of real time, paused.');
  await expect(note).toContainText('The composer\'s request: POST /movies?token={{access_token}}, with its body, with a hand-written authorization header.');
  await expectNothingSerious(receiver, 'share note', '[data-testid="share-note"]');
  // Settings: theme, panes, lifetimes, account.
  expect(await receiver.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await expect(receiver.locator('#pane-app')).toBeVisible();
  await expect(receiver.locator('#pane-traffic')).toBeVisible();
  await expect(receiver.locator('#pane-browser')).toBeVisible();
  await expect(receiver.locator('#pane-server')).toHaveCount(0);
  await expect(receiver.locator('#pane-app')).toContainText('lasts 2 minutes');
  expect((await receiver.evaluate(() => window.academy.exportState())).flow.consent_account).toBe('jane');
  // The lesson, at the sender's step.
  await expect(id(receiver, 'lesson')).toHaveAttribute('data-lesson', 'scopes');
  await expect(receiver.locator(`[data-testid="lesson-step"][data-step="${step}"]`)).toHaveAttribute('data-shared', 'true');
  // The clock, an hour ahead and standing still.
  // (A paused clock falls behind real time: an hour, less the seconds since.)
  await expect(receiver.locator('.clock-offset')).toContainText(/paused, (1 h|59 min) ahead/);
  await expect(id(receiver, 'clock-pause')).toHaveAttribute('aria-pressed', 'true');
  const shown = await valueOf(id(receiver, 'clock-display'));
  await receiver.waitForTimeout(1200);
  expect(await valueOf(id(receiver, 'clock-display'))).toBe(shown);
  // The composer's request, placeholders where the secrets were.
  await expect(id(receiver, 'api-method')).toHaveValue('POST');
  await expect(id(receiver, 'api-path')).toHaveValue('/movies?token={{access_token}}');
  expect(JSON.parse(await id(receiver, 'api-body').inputValue())).toEqual({ name: 'Shared', note: '{{client_secret}}', refresh: '{{refresh_token}}' });
  await expect(id(receiver, 'api-auth')).toHaveValue('Bearer {{refresh_token}}');
  // Its own registration, nothing of the sender's traffic; the address keeps only the settings.
  expect(secrets).not.toContain(await clientId(receiver));
  expect(await id(receiver, 'traffic-entry').count()).toBe(0);
  expect(receiver.url()).not.toContain('shared=');
  expect(receiver.url()).not.toContain('api_');
  expect(receiver.url()).toContain('theme=dark');
  // A reload keeps what the learner changes since.
  await id(receiver, 'api-path').fill('/info');
  await receiver.reload();
  await expect(id(receiver, 'api-path')).toHaveValue('/info');
  await expect(id(receiver, 'share-note')).toHaveCount(0);
  await other.close();
});

test('academy.shareLink() works from the console; a fresh playground shares a short link', async ({ page, browser }) => {
  await page.goto('./');
  await expect(id(page, 'client-id')).not.toBeEmpty();
  const link = await page.evaluate(() => window.academy.shareLink());
  expect(new URL(link).search).toBe('?shared=1&api_method=GET&api_path=%2Finfo');
  const tokens = await connect(page);
  await page.evaluate(() => window.academy.lessons.open('expiry-refresh'));
  await id(page, 'api-path').fill(`/info?t=${tokens.access_token}`);
  const shared = await page.evaluate(() => window.academy.shareLink());
  expect(shared).not.toContain(tokens.access_token);
  expect(shared).toContain('lesson=expiry-refresh');

  const other = await browser.newContext();
  const receiver = await other.newPage();
  await receiver.goto(shared);
  await expect(id(receiver, 'share-note')).toContainText('Lesson: Expiry and refresh');
  await expect(id(receiver, 'api-path')).toHaveValue('/info?t={{access_token}}');
  await expect(id(receiver, 'lesson')).toHaveAttribute('data-lesson', 'expiry-refresh');
  await id(receiver, 'share-note-dismiss').click();
  await expect(id(receiver, 'share-note')).toHaveCount(0);
  await other.close();
});

test('odd share parameters are ignored with a note, never a broken page', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?shared=1&clock=-5&api_method=TRACE&api_path=nowhere&step=../x&api_body=' + 'x'.repeat(9000));
  await expect(id(page, 'client-id')).not.toBeEmpty();
  const notes = id(page, 'param-notes');
  await expect(notes).toContainText('clock=-5 was ignored');
  await expect(notes).toContainText('api_method=TRACE was ignored');
  await expect(notes).toContainText('api_body was ignored');
  await expect(id(page, 'api-path')).toHaveValue('/info');
  expect(await valueOf(id(page, 'clock-display'))).toMatch(/\d\d:\d\d:\d\d/);
  expect(errors).toEqual([]);
});
