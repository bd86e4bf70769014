// Course embedding: URL parameters, the postMessage API with the example
// course page (two embeds, its own origin), and embeds whose storage is blocked.
import { test, expect } from '@playwright/test';
import { id, connect, callApi } from './helpers.mjs';

const appUrl = (testInfo) => testInfo.project.use.baseURL;
const hostUrl = (testInfo, extra = '') => {
  const app = new URL(appUrl(testInfo));
  const host = new URL(app.href);
  host.port = String(Number(app.port) + 2);
  return `${host.origin}/?app=${encodeURIComponent(app.href)}${extra}`;
};

async function ready(frame) {
  await expect(id(frame, 'client-id')).not.toBeEmpty();
}

const eventsOf = (page, ns) => page.evaluate((n) => window.events[n].map((m) => m.type === 'academy:event' ? m.event : `${m.type}:${m.command}:${m.ok}`), ns);

test('a course page follows two independent embeds and drives them', async ({ page }, testInfo) => {
  await page.goto(hostUrl(testInfo));
  const a = page.frameLocator('section[data-ns="lesson-a"] iframe');
  const b = page.frameLocator('section[data-ns="lesson-b"] iframe');
  await ready(a);
  await ready(b);
  await expect.poll(() => eventsOf(page, 'lesson-a')).toContain('ready');

  // The learner walks lesson A: the page hears each step, without secrets.
  const tokens = await connect(a);
  expect((await callApi(a, 'GET', '/movies')).status).toBe(200);
  await expect.poll(() => eventsOf(page, 'lesson-a')).toEqual(['ready', 'code-received', 'token-issued', 'api-call']);
  const all = JSON.stringify(await page.evaluate(() => window.events));
  expect(all).not.toContain(tokens.access_token);
  expect(all).not.toContain(tokens.refresh_token);
  const issued = await page.evaluate(() => window.events['lesson-a'].find((m) => m.event === 'token-issued'));
  expect(issued).toMatchObject({ ns: 'lesson-a', detail: { account: 'john', scopes: ['connect', 'read', 'write', 'delete'], expires_in: 5 } });
  await expect(page.locator('section[data-ns="lesson-a"] li.done')).toHaveCount(3);

  // Lesson B is another playground: no connection, nothing announced.
  await expect(id(b, 'server-connection-john')).toContainText('No connection');
  expect(await eventsOf(page, 'lesson-b')).toEqual(['ready']);
  expect(await id(a, 'client-id').textContent()).not.toBe(await id(b, 'client-id').textContent());

  // Commands from the course page: advance the clock, then the token has expired.
  await page.locator('section[data-ns="lesson-a"] button[data-command="advance-clock"]').click();
  await expect.poll(() => eventsOf(page, 'lesson-a')).toContain('academy:ack:advance-clock:true');
  expect((await callApi(a, 'GET', '/info')).status).toBe(401);
  await expect.poll(() => eventsOf(page, 'lesson-a')).toContain('error');
  const error = await page.evaluate(() => window.events['lesson-a'].find((m) => m.event === 'error'));
  expect(error.detail).toEqual({ method: 'GET', path: '/info', status: 401, kind: 'not-authorized' });

  // Open a step, then reset: lesson A starts over, lesson B is untouched.
  await page.locator('section[data-ns="lesson-a"] button[data-command="open-step"]').click();
  await expect.poll(() => eventsOf(page, 'lesson-a')).toContain('academy:ack:open-step:true');
  await expect(a.locator('#step-3')).toBeFocused();
  const before = await id(a, 'client-id').textContent();
  await page.locator('section[data-ns="lesson-a"] button[data-command="reset"]').click();
  await expect.poll(() => eventsOf(page, 'lesson-a')).toContain('academy:ack:reset:true');
  await expect(id(a, 'client-id')).not.toHaveText(before);
  await expect(id(a, 'server-connection-john')).toContainText('No connection');
  expect(await eventsOf(page, 'lesson-b')).toEqual(['ready']);
});

test('commands from another origin are ignored', async ({ page }, testInfo) => {
  // The embeds trust only http://127.0.0.1:9 as their parent; this page is not it.
  await page.goto(hostUrl(testInfo, '&parent=' + encodeURIComponent('http://127.0.0.1:9')));
  const a = page.frameLocator('section[data-ns="lesson-a"] iframe');
  await ready(a);
  await connect(a);
  const client = await id(a, 'client-id').textContent();
  await page.locator('section[data-ns="lesson-a"] button[data-command="reset"]').click();
  await page.locator('section[data-ns="lesson-a"] button[data-command="advance-clock"]').click();
  await page.waitForTimeout(500);
  await expect(id(a, 'client-id')).toHaveText(client);
  expect((await callApi(a, 'GET', '/info')).status, 'the clock did not move').toBe(200);
  // Events go only to the trusted origin, so this page heard nothing either.
  expect(await eventsOf(page, 'lesson-a')).toEqual([]);
});

// Without parent= nobody hears events; parent=* lets any page hear them. Neither takes commands.
for (const [parent, heard] of [['none', []], ['*', ['ready', 'code-received', 'token-issued', 'api-call']]]) {
  test(`with parent=${parent} the page hears ${heard.length ? 'the events' : 'nothing'}, and no command is taken`, async ({ page }, testInfo) => {
    await page.goto(hostUrl(testInfo, `&parent=${parent}`));
    const a = page.frameLocator('section[data-ns="lesson-a"] iframe');
    await ready(a);
    await connect(a);
    await page.locator('section[data-ns="lesson-a"] button[data-command="advance-clock"]').click();
    await page.waitForTimeout(500);
    expect((await callApi(a, 'GET', '/info')).status).toBe(200);
    await expect.poll(() => eventsOf(page, 'lesson-a')).toEqual(heard);
  });
}

test('a sandboxed embed without storage runs in memory and says so', async ({ page }, testInfo) => {
  await page.setContent(`<iframe sandbox="allow-scripts" style="width:1200px;height:900px" src="${appUrl(testInfo)}?embed=1"></iframe>`);
  const frame = page.frameLocator('iframe');
  await ready(frame);
  await expect(id(frame, 'storage-note')).toContainText('nothing is saved');
  await connect(frame);
  expect((await callApi(frame, 'GET', '/info')).status).toBe(200);
});

test('URL parameters choose panes, theme, account and lifetimes', async ({ page }) => {
  await page.goto('./?panes=client,browser&embed=1&theme=dark&account=jane&expires_in=1&refresh_expires_in=3&ns=params');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#pane-app')).toBeVisible();
  await expect(page.locator('#pane-browser')).toBeVisible();
  await expect(page.locator('#pane-server')).toHaveCount(0);
  await expect(page.locator('#pane-traffic')).toHaveCount(0);
  await expect(page.locator('.brand')).toBeHidden();
  // The story names the preselected account and the lifetime asked for.
  await expect(id(page, 'story')).toContainText('asks Jane for access');
  await expect(id(page, 'story-lifetime')).toHaveText('1 minute');
  await id(page, 'authorize-start').click();
  await expect(id(page, 'consent-account-jane')).toBeChecked();
  await id(page, 'consent-allow').click();
  await id(page, 'token-exchange').click();
  const tokens = JSON.parse(await id(page, 'token-response').textContent());
  expect(tokens).toMatchObject({ expires_in: 1, refresh_expires_in: 3 });
  expect(await page.evaluate(() => Object.keys(localStorage))).toContain('academy-oauth2-playground:params');
});

test('unknown or invalid parameters leave a note, never a broken page', async ({ page }) => {
  await page.goto('./?panes=client,editor&theme=blue&expires_in=0&colour=red');
  await ready(page);
  const notes = id(page, 'param-notes');
  await expect(notes).toContainText('editor is not a pane');
  await expect(notes).toContainText('theme=blue');
  await expect(notes).toContainText('expires_in=0');
  await expect(notes).toContainText('colour');
  await expect(page.locator('#pane-traffic')).toBeVisible();
  await connect(page);
});

test('without Web Crypto the page says where its randomness comes from', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'crypto', { value: undefined, configurable: true }));
  await page.goto('./');
  await expect(page.getByTestId('crypto-note')).toContainText('Math.random');
  await expect(page.getByTestId('client-id')).not.toBeEmpty();
  // With it (another context, without the script), there is no such note.
  const other = await page.context().browser().newContext();
  const fresh = await other.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByTestId('client-id')).not.toBeEmpty();
  await expect(fresh.getByTestId('crypto-note')).toHaveCount(0);
  await other.close();
});
