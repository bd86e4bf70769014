// Shared steps for the playground's browser tests. Every element is found by
// its data-testid, the public contract in DESIGN.md.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const BASE = 'https://app-academy.make.com/api/v2';
// The page at the root of its origin saves under its path; ns= names a key of its own.
export const STORAGE_KEY = 'academy-oauth2-playground@/';
/** The key every deployment shared before keys came from the path. */
export const LEGACY_KEY = 'academy-oauth2-playground:default';

export const id = (page, testid) => page.getByTestId(testid);

/** Opens the playground and waits until the default developer is registered. */
export async function open(page) {
  await page.goto('./');
  await expect(id(page, 'client-id')).not.toBeEmpty();
  // The first pane comes first; the others are built right after the first paint.
  await expect(id(page, 'traffic-filter')).toBeAttached();
}

/** The value of an input/textarea, or the text of anything else. */
export async function valueOf(locator) {
  return locator.evaluate((el) => ('value' in el && el.tagName !== 'BUTTON' ? el.value : el.textContent));
}

/** Opens the compact registration card (its values are readable while closed). */
export async function openRegistration(page) {
  const card = id(page, 'registration');
  if (!(await card.evaluate((el) => el.open))) await id(page, 'registration-open').click();
  await expect(id(page, 'client-secret')).toBeVisible();
}

export async function clientId(page) {
  return (await valueOf(id(page, 'client-id'))).trim();
}

export async function clientSecret(page) {
  return (await valueOf(id(page, 'client-secret'))).trim();
}

/** Opens the authorize URL in the Browser pane and waits for the consent screen. */
export async function openConsent(page) {
  await id(page, 'authorize-start').click();
  await expect(id(page, 'consent-allow')).toBeVisible();
}

/**
 * Step one and the consent screen: picks the account, unticks scopes, and
 * allows (or denies). Returns the callback URL the browser landed on.
 */
export async function authorize(page, { account = 'john', untick = [], allow = true } = {}) {
  await openConsent(page);
  await id(page, `consent-account-${account}`).check();
  for (const scope of untick) await id(page, `consent-scope-${scope}`).uncheck();
  await id(page, allow ? 'consent-allow' : 'consent-deny').click();
  await expect(id(page, 'browser-url')).toHaveValue(/[?&](code|error\.message)=/);
  return valueOf(id(page, 'browser-url'));
}

/** The query parameters of the Browser pane's address. */
export async function callbackParams(page) {
  return new URL(await valueOf(id(page, 'browser-url'))).searchParams;
}

/** Step three; returns the parsed /token answer. */
export async function exchange(page) {
  await id(page, 'token-exchange').click();
  await expect(id(page, 'token-response')).toBeVisible();
  return JSON.parse(await id(page, 'token-response').textContent());
}

/** Authorizes and exchanges the code: the app then holds tokens. */
export async function connect(page, options = {}) {
  await authorize(page, options);
  const tokens = await exchange(page);
  expect(tokens.access_token, 'the /token answer holds an access token').toBeTruthy();
  return tokens;
}

/** Step four: sends a request from the composer; returns {status, body}. */
export async function callApi(page, method, path, body) {
  await id(page, 'api-method').selectOption(method);
  await id(page, 'api-path').fill(path);
  if (body !== undefined) await id(page, 'api-body').fill(typeof body === 'string' ? body : JSON.stringify(body));
  // Counted once the traffic pane is built (right after the first paint).
  await expect(id(page, 'traffic-filter')).toBeAttached();
  const before = await id(page, 'traffic-entry').count();
  await id(page, 'api-send').click();
  await expect(id(page, 'traffic-entry')).toHaveCount(before + 1);
  const status = Number((await id(page, 'api-status').textContent()).trim().slice(0, 3));
  const text = await id(page, 'api-response').textContent();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status, text, json };
}

/** The explanation shown next to the step's latest answer. */
export function explanation(page, scope) {
  return page.locator(`${scope} .explain`);
}

/** Replaces a JSON field in an editable body (textarea). */
export async function editJsonField(locator, field, value) {
  const body = JSON.parse(await locator.inputValue());
  body[field] = value;
  await locator.fill(JSON.stringify(body, null, 2));
}

/** Presses Tab until the element with `testid` has focus (proves it is reachable). */
export async function tabTo(page, testid, { max = 250, shift = false } = {}) {
  for (let i = 0; i < max; i++) {
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (focused === testid) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${testid} was not reached with the keyboard`);
}

/** The stored playground, parsed. */
export async function stored(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
}

/** axe-core finds no serious or critical violation (in `within`, a selector, or the whole page). */
export async function expectNothingSerious(page, label, within) {
  const builder = new AxeBuilder({ page });
  const result = await (within ? builder.include(within) : builder).analyze();
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  expect(bad.map((v) => `${label}: ${v.id} ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}
