// Every error of the SPEC a learner can reach from the screen, each with its
// status, its message and an explanation next to it.
import { test, expect } from '@playwright/test';
import {
  id, open, authorize, callbackParams, exchange, connect, callApi, editJsonField, openConsent, openRegistration,
} from './helpers.mjs';

test('Deny sends the browser back with error.message, explained', async ({ page }) => {
  await open(page);
  await authorize(page, { allow: false });
  const params = await callbackParams(page);
  expect(params.get('code')).toBeNull();
  expect(params.get('error.message')).toBe('Access denied.');
  await expect(id(page, 'callback-error')).toHaveText('Access denied.');
  await expect(page.locator('#step-2 .explain')).toContainText('Deny');
  await expect(page.locator('#pane-browser .explain')).toBeVisible();
});

test('Allow without connect ticked on the consent screen is refused', async ({ page }) => {
  await open(page);
  await authorize(page, { untick: ['connect'] });
  expect((await callbackParams(page)).get('error.message')).toBe('The connect scope is required.');
  await expect(page.locator('#step-2 .explain')).toContainText('connect');
});

test('an app that does not ask for connect never reaches the consent screen', async ({ page }) => {
  await open(page);
  await id(page, 'authorize-scope-connect').uncheck();
  expect(new URL(await id(page, 'authorize-url').inputValue()).searchParams.get('scope')).toBe('read write delete');
  await id(page, 'authorize-start').click();
  await expect(id(page, 'browser-url')).toHaveValue(/error\.message=/);
  expect((await callbackParams(page)).get('error.message')).toBe('The connect scope is required.');
});

test('a wrong redirect_uri in the authorize URL shows an error page, no redirect', async ({ page }) => {
  await open(page);
  const url = new URL(await id(page, 'authorize-url').inputValue());
  url.searchParams.set('redirect_uri', 'https://evil.example/cb');
  await id(page, 'authorize-url').fill(url.toString());
  await id(page, 'authorize-start').click();
  await expect(id(page, 'browser-error-status')).toHaveText('400');
  await expect(id(page, 'browser-error')).toContainText('redirect_uri');
  await expect(page.locator('#pane-browser .explain')).toContainText('instead of redirecting');
  await expect(id(page, 'browser-url')).toHaveValue(/app-academy\.make\.com/);
});

test('an unknown client_id shows a 404 error page', async ({ page }) => {
  await open(page);
  const url = new URL(await id(page, 'authorize-url').inputValue());
  url.searchParams.set('client_id', 'not-a-client');
  await id(page, 'authorize-url').fill(url.toString());
  await id(page, 'authorize-start').click();
  await expect(id(page, 'browser-error-status')).toHaveText('404');
  await expect(page.locator('#pane-browser .explain')).toContainText('client_id');
});

test('a different redirect_uri at /token is refused', async ({ page }) => {
  await open(page);
  await authorize(page);
  await editJsonField(id(page, 'token-body'), 'redirect_uri', 'https://www.integromat.com/oauth/cb/app');
  await id(page, 'token-exchange').click();
  await expect(id(page, 'token-status')).toHaveText('400');
  expect(JSON.parse(await id(page, 'token-response').textContent()).error.message)
    .toBe('redirect_uri does not match the authorization request.');
  await expect(page.locator('#step-3 .explain')).toContainText('exactly the one the authorize request used');
  // Restoring the body fixes it: the code was not spent by the failed attempt.
  await id(page, 'token-body-restore').click();
  const tokens = await exchange(page);
  expect(tokens.access_token).toBeTruthy();
});

test('a code works once', async ({ page }) => {
  await open(page);
  await connect(page);
  await id(page, 'token-exchange').click();
  await expect(id(page, 'token-status')).toHaveText('400');
  await expect(id(page, 'token-response')).toContainText('Authorization code already used.');
  await expect(page.locator('#step-3 .explain')).toContainText('only once');
});

test('a wrong client_secret is refused', async ({ page }) => {
  await open(page);
  await authorize(page);
  await editJsonField(id(page, 'token-body'), 'client_secret', 'wrong-secret');
  await id(page, 'token-exchange').click();
  await expect(id(page, 'token-status')).toHaveText('400');
  await expect(id(page, 'token-response')).toContainText('Invalid client credentials.');
  await expect(page.locator('#step-3 .explain')).toContainText('client_secret');
});

test('a wrong grant_type gets 501', async ({ page }) => {
  await open(page);
  await authorize(page);
  await editJsonField(id(page, 'token-body'), 'grant_type', 'password');
  await id(page, 'token-exchange').click();
  await expect(id(page, 'token-status')).toHaveText('501');
  await expect(id(page, 'token-response')).toContainText('Grant type not supported.');
});

test('a code past its lifetime has expired', async ({ page }) => {
  await open(page);
  await authorize(page);
  await id(page, 'clock-advance-1h').click();
  await id(page, 'token-exchange').click();
  await expect(id(page, 'token-response')).toContainText('Authorization code expired.');
  await expect(page.locator('#step-3 .explain')).toContainText('expiry');
});

test('a scope left unticked gives 403 Missing Scope', async ({ page }) => {
  await open(page);
  await connect(page, { untick: ['delete'] });
  await expect(id(page, 'server-connection-john')).not.toContainText('delete');
  const answer = await callApi(page, 'DELETE', '/movies/000000000001');
  expect(answer.status).toBe(403);
  expect(answer.json.error.message).toBe('Missing Scope.');
  await expect(page.locator('#step-4 .explain')).toContainText('delete scope');
  expect((await callApi(page, 'GET', '/info')).status).toBe(200);
});

test('no token at all gives 401', async ({ page }) => {
  await open(page);
  const answer = await callApi(page, 'GET', '/info');
  expect(answer.status).toBe(401);
  await expect(page.locator('#step-4 .explain')).toContainText('No access token');
});

test('past the access token expiry the API answers 401', async ({ page }) => {
  await open(page);
  await connect(page);
  await id(page, 'clock-advance-1m').click();
  expect((await callApi(page, 'GET', '/info')).status).toBe(200);
  await id(page, 'clock-to-access-expiry').click();
  await expect(id(page, 'clock-to-access-expiry')).toBeDisabled();
  await expect(id(page, 'clock-to-refresh-expiry')).toBeEnabled();
  const answer = await callApi(page, 'GET', '/info');
  expect(answer.status).toBe(401);
  expect(answer.json.error.message).toBe('Not Authorized.');
  await expect(page.locator('#step-4 .explain')).toContainText('Refresh it');
});

test('a rotated refresh token never works again', async ({ page }) => {
  await open(page);
  const first = await connect(page);
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).toHaveText('200');
  await editJsonField(id(page, 'refresh-body'), 'refresh_token', first.refresh_token);
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).toHaveText('400');
  await expect(id(page, 'token-response')).toContainText('Refresh token already used.');
  await expect(page.locator('#step-5 .explain')).toContainText('newest refresh token');
});

test('a refresh token past its lifetime has expired', async ({ page }) => {
  await open(page);
  await connect(page);
  await id(page, 'clock-advance-1h').click();
  await id(page, 'refresh-send').click();
  await expect(id(page, 'token-response')).toContainText('Refresh token expired.');
  await expect(page.locator('#step-5 .explain')).toContainText('authorize again');
});

test('after invalidate every call fails', async ({ page }) => {
  await open(page);
  await connect(page);
  await id(page, 'invalidate-send').click();
  await expect(id(page, 'invalidate-status')).toHaveText('204');
  for (const path of ['/info', '/movies', '/about']) {
    expect((await callApi(page, 'GET', path)).status, path).toBe(401);
  }
  await id(page, 'invalidate-send').click();
  await expect(id(page, 'invalidate-status')).toHaveText('401');
});

test('registering again removes the old connections and credentials', async ({ page }) => {
  await open(page);
  const oldId = (await id(page, 'client-id').textContent()).trim();
  await connect(page);
  await expect(id(page, 'server-connection-john')).toContainText('connect');
  await authorize(page); // an outstanding code made with the old credentials

  await openRegistration(page);
  await id(page, 'register-open').click();
  await id(page, 'register-preset-legacy').click();
  await id(page, 'register-submit').click();
  await expect(id(page, 'client-id')).not.toHaveText(oldId);
  await expect(id(page, 'redirect-uri')).toHaveText('https://www.integromat.com/oauth/cb/app');
  await expect(id(page, 'server-connection-john')).toContainText('No connection');
  await expect(id(page, 'server-held-access')).toContainText('unknown to the server');
  expect((await callApi(page, 'GET', '/info')).status).toBe(401);
  await expect(page.locator('#step-4 .explain')).toContainText('registered again');

  // The new authorize URL uses the new credentials and the legacy callback.
  const url = new URL(await id(page, 'authorize-url').inputValue());
  expect(url.searchParams.get('redirect_uri')).toBe('https://www.integromat.com/oauth/cb/app');
  await openConsent(page);
  await id(page, 'consent-allow').click();
  await expect(id(page, 'browser-url')).toHaveValue(/^https:\/\/www\.integromat\.com\/oauth\/cb\/app\?code=/);
  const tokens = await exchange(page);
  expect(tokens.access_token).toBeTruthy();
});
