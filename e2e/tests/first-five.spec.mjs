// The first five minutes, as a newcomer meets them: the page fits the window,
// step one is on the first screen, every answer lands in view, the clock never
// runs backwards, and the phone layout keeps its switcher and clock at hand.
import { test, expect } from '@playwright/test';
import { id, open, authorize, connect, callApi, stored, expectNothingSerious } from './helpers.mjs';

/** The element lies wholly inside the window (and, in a pane, inside its
 * scroller), once the scroll that follows an answer has happened. */
async function expectInView(locator, label) {
  await expect(locator, label).toBeVisible();
  const where = () => locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const body = el.closest('.pane-body');
    const b = body ? body.getBoundingClientRect() : { top: 0, bottom: innerHeight };
    const top = Math.max(0, b.top) - 1;
    const bottom = Math.min(innerHeight, b.bottom) + 1;
    return r.top >= top && r.bottom <= bottom ? 'in view' : `top ${Math.round(r.top)} bottom ${Math.round(r.bottom)}, visible ${Math.round(top)}..${Math.round(bottom)}`;
  });
  await expect.poll(where, { message: label, timeout: 3000 }).toBe('in view');
}

const documentFits = (page) => page.evaluate(() => ({
  scroll: document.documentElement.scrollHeight, inner: innerHeight, y: scrollY,
}));

/** Seconds since midnight shown by the clock bar. */
const clockSeconds = async (page) => {
  const [h, m, s] = (await id(page, 'clock-display').textContent()).trim().split(':').map(Number);
  return h * 3600 + m * 60 + s;
};

for (const viewport of [{ width: 1440, height: 900 }, { width: 1366, height: 768 }]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the page is exactly the window, whatever the learner does', async ({ page }) => {
      await open(page);
      let fit = await documentFits(page);
      expect(fit.scroll).toBe(fit.inner);
      await connect(page);
      await callApi(page, 'GET', '/movies');
      await id(page, 'clock-advance-5m').click();
      await id(page, 'refresh-send').click();
      await expect(id(page, 'refresh-status')).toHaveText('200');
      fit = await documentFits(page);
      expect(fit.scroll, 'no screen-reader text lengthens the page').toBe(fit.inner);
      // Wheel over the header and the keyboard's End leave the page where it is.
      await page.mouse.move(viewport.width / 2, 20);
      await page.mouse.wheel(0, 2000);
      await page.locator('.topbar').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      await page.keyboard.press('Space');
      fit = await documentFits(page);
      expect(fit.y).toBe(0);
      await expect(id(page, 'clock-display')).toBeInViewport();
    });

    test('the first screen tells the story and shows step one', async ({ page }) => {
      await open(page);
      await expect(id(page, 'story')).toContainText('asks John');
      await expect(id(page, 'story-lifetime')).toHaveText('5 minutes');
      await expectInView(page.locator('#step-1-title'), 'step one');
      await expectInView(id(page, 'authorize-start'), 'step one’s button');
      // The registration is one line until opened; its values are there.
      await expect(id(page, 'registration')).not.toHaveAttribute('open', '');
      await expect(id(page, 'client-id')).not.toBeEmpty();
      // Terms explain themselves in place, with the keyboard.
      const term = page.locator('.story .term', { hasText: 'code' });
      await term.focus();
      await page.keyboard.press('Enter');
      await expect(term).toHaveAttribute('aria-expanded', 'true');
      await expect(page.locator('.story .term-def').filter({ hasText: 'one-time' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(term).toHaveAttribute('aria-expanded', 'false');
    });

    test('each answer lands in view, in its own pane', async ({ page }) => {
      await open(page);
      await id(page, 'authorize-start').click();
      await expectInView(page.locator('#browser-page-heading'), 'consent heading');
      await expectInView(id(page, 'consent-allow'), 'Allow');
      await expect(id(page, 'pane-changes')).toContainText('consent screen');
      await expect(page.locator('#pane-browser .pane-head')).toHaveAttribute('data-flash', /a|b/);

      await id(page, 'consent-allow').click();
      await expectInView(page.locator('#browser-page-heading'), 'callback heading');
      await expectInView(page.locator('#step-2-title'), 'step two in the app pane');
      // "Go to step three" lands with the heading and the button in view.
      await id(page, 'browser-to-step-3').click();
      await expect(id(page, 'token-exchange')).toBeFocused();
      await expectInView(page.locator('#step-3-title'), 'step three heading');
      await expectInView(id(page, 'token-exchange'), 'step three button');

      await id(page, 'token-exchange').click();
      await expectInView(page.locator('#step-3 .answer'), 'token answer');
      await expect(page.locator('#step-3 [data-testid="expires-in-note"]')).toContainText('minutes');
      await expect(id(page, 'browser-to-step-3'), 'step three is done').toHaveCount(0);
      await expect(id(page, 'pane-changes')).toContainText('connection for John Doe');

      await callApi(page, 'GET', '/movies');
      await expectInView(page.locator('#step-4 .answer'), 'API answer');
      // The newest exchange shows from its header line.
      const newest = id(page, 'traffic-entry').last().locator('.exchange-summary');
      await expectInView(newest, 'newest traffic entry');
      await expect(id(page, 'pane-changes')).toContainText('New in HTTP traffic');

      await id(page, 'refresh-send').click();
      await expectInView(page.locator('#step-5 .answer'), 'refresh answer');
      await expectInView(id(page, 'traffic-entry').last().locator('.exchange-summary'), 'refresh in traffic');
      await id(page, 'invalidate-send').click();
      await expectInView(page.locator('#step-6 .answer'), 'invalidate answer');
      expect((await documentFits(page)).y).toBe(0);
    });

    test('the header keeps its height when the clock runs ahead', async ({ page }) => {
      await open(page);
      const before = (await page.locator('.topbar').boundingBox()).height;
      await id(page, 'clock-advance-1h').click();
      await id(page, 'clock-advance-5m').click();
      await expect(page.locator('.clock-offset')).toContainText('ahead');
      expect((await page.locator('.topbar').boundingBox()).height).toBe(before);
    });

    test('the records table explains Own and fits its pane', async ({ page }) => {
      await open(page);
      const records = id(page, 'server-records');
      await expect(records.locator('caption')).toContainText('Own');
      const overflow = await records.evaluate((t) => t.scrollWidth - t.parentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}

test('simulated time never goes back, not even to real time', async ({ page }) => {
  await open(page);
  await connect(page);
  await id(page, 'clock-advance-5m').click();
  await id(page, 'refresh-send').click();
  await expect(id(page, 'refresh-status')).toHaveText('200');
  const refreshedAt = await clockSeconds(page);
  await id(page, 'clock-now').click();
  const after = await clockSeconds(page);
  expect(after, 'no jump back to real time').toBeGreaterThanOrEqual(refreshedAt);
  await expect(page.locator('.clock-offset')).toContainText('ahead');
  // And it runs on at real speed, never backwards.
  let last = after;
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(600);
    const now = await clockSeconds(page);
    expect(now).toBeGreaterThanOrEqual(last);
    last = now;
  }
  await expect.poll(async () => (await stored(page))?.clock?.offset_ms ?? 0).toBeGreaterThan(4 * 60_000);
  // The next answer is not older than the refresh.
  await callApi(page, 'GET', '/info');
  const times = await id(page, 'traffic-entry').evaluateAll((entries) => entries.map((e) => e.querySelector('.exchange-at').textContent.match(/(\d\d):(\d\d):(\d\d)/).slice(1).map(Number)).map(([h, m, s]) => h * 3600 + m * 60 + s));
  for (let i = 1; i < times.length; i++) expect(times[i], `exchange ${i + 1}`).toBeGreaterThanOrEqual(times[i - 1]);
});

test.describe('at 360×740', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('no traffic path is cut', async ({ page }) => {
    await open(page);
    await connect(page);
    await callApi(page, 'GET', '/movies/000000000001?fields=name,releaseYear,directors');
    await callApi(page, 'PATCH', '/movies/000000000001', { name: 'A rather long movie title' });
    const lines = page.locator('.exchange-line');
    expect(await lines.count()).toBeGreaterThan(3);
    for (const line of await lines.all()) {
      const cut = await line.evaluate((el) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const path = el.querySelector('.path').getBoundingClientRect();
        return { ellipsis: style.textOverflow === 'ellipsis', overflow: el.scrollWidth - el.clientWidth, beyond: path.right - box.right };
      });
      expect(cut.ellipsis).toBe(false);
      expect(cut.overflow).toBeLessThanOrEqual(0);
      expect(cut.beyond).toBeLessThanOrEqual(1);
    }
    await expect(lines.last()).toContainText('PATCH /movies/000000000001');
  });

  test('tap targets are large enough, main actions 44 px', async ({ page }) => {
    await open(page);
    await id(page, 'authorize-start').click();
    await expect(id(page, 'consent-allow')).toBeVisible();
    const small = await page.evaluate(() => [...document.querySelectorAll('.app button, .app a[href], .app input, .app select, .app summary, .app textarea')]
      .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.skip-link') && !el.classList.contains('skip-link'))
      .map((el) => ({ what: el.dataset.testid || el.id || el.className || el.textContent.trim().slice(0, 20), ...el.getBoundingClientRect().toJSON() }))
      .filter((r) => r.width < 24 || r.height < 24)
      .map((r) => `${r.what} ${Math.round(r.width)}×${Math.round(r.height)}`));
    expect(small).toEqual([]);
    for (const testid of ['authorize-start', 'consent-allow', 'consent-deny', 'token-exchange', 'api-send', 'refresh-send', 'invalidate-send', 'reset']) {
      const box = await id(page, testid).boundingBox();
      expect(box.height, testid).toBeGreaterThanOrEqual(44);
    }
    for (const scope of ['connect', 'read', 'write', 'delete']) {
      const box = await id(page, `consent-scope-${scope}`).boundingBox();
      expect(Math.min(box.width, box.height), scope).toBeGreaterThanOrEqual(24);
    }
  });

  for (const embed of [false, true]) {
    test(`the switcher and the clock stay at the top${embed ? ' in embed mode' : ''}`, async ({ page }) => {
      await page.goto(embed ? './?embed=1' : './');
      await expect(id(page, 'client-id')).not.toBeEmpty();
      const nav = page.getByRole('navigation', { name: 'Panes' });
      await expect(nav).toBeVisible();
      await expect(nav.getByRole('link')).toHaveCount(4);
      await nav.getByRole('link', { name: 'Traffic' }).click();
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(500);
      await expect(nav).toBeInViewport();
      await expect(id(page, 'clock-display')).toBeInViewport();
      await expect(id(page, 'clock-advance-5m')).toBeInViewport();
      // The pane heading it jumped to clears the sticky header.
      const head = await page.locator('#pane-traffic-title').boundingBox();
      const bar = await page.locator('.topbar').boundingBox();
      expect(head.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
    });
  }

  test('the answer to the consent lands in view on a phone', async ({ page }) => {
    await open(page);
    await authorize(page);
    await id(page, 'browser-to-step-3').click();
    await expect(id(page, 'token-exchange')).toBeFocused();
    await expectInView(id(page, 'token-exchange'), 'step three button');
    const bar = await page.locator('.topbar').boundingBox();
    const title = await page.locator('#step-3-title').boundingBox();
    expect(title.y, 'heading below the sticky header').toBeGreaterThanOrEqual(bar.y + bar.height - 1);
    await id(page, 'token-exchange').click();
    await expectInView(page.locator('#step-3 .answer .answer-head'), 'token answer');
  });

  for (const scheme of ['light', 'dark']) {
    test(`axe finds nothing serious on a phone (${scheme})`, async ({ page }) => {
      // Several full-page scans: slow on a busy two-core machine.
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: scheme });
      await open(page);
      const scan = (label) => expectNothingSerious(page, label);
      await page.locator('.story .term').first().click();
      await scan('story with a definition open');
      await id(page, 'authorize-start').click();
      await expect(id(page, 'consent-allow')).toBeVisible();
      await scan('consent screen');
    });
  }
});

test('each endpoint says what it takes, from the catalogue, where the request is composed', async ({ page }) => {
  await open(page);
  await connect(page);
  // The composer's reference follows the method and path typed.
  await id(page, 'api-method').selectOption('POST');
  await id(page, 'api-path').fill('/movies');
  const composer = page.locator('#step-4').getByTestId('endpoint-reference');
  await composer.locator('summary').click();
  await expect(composer).toContainText('What POST /movies takes');
  await expect(composer).toContainText('application/json');
  await expect(composer).toContainText('name');
  await expect(composer).toContainText('403');
  await id(page, 'api-path').fill('/nowhere');
  await expect(composer).toHaveCount(0);
  // The token step names its content types and required fields.
  const token = page.locator('#step-3').getByTestId('endpoint-reference');
  await token.locator('summary').click();
  await expect(token).toContainText('application/x-www-form-urlencoded');
  for (const field of ['grant_type', 'client_id', 'client_secret', 'code', 'redirect_uri']) {
    await expect(token).toContainText(field);
  }
  await expect(token).toContainText('501');
});

test('the traffic pane says what each exchange meant, from its outcome', async ({ page }) => {
  await open(page);
  await connect(page);
  const last = page.getByTestId('traffic-entry').last();
  await expect(last.getByTestId('traffic-route')).toHaveText('POST /token');
  await expect(last.getByTestId('traffic-changes')).toContainText('A token pair was issued for John Doe');
  await callApi(page, 'DELETE', '/movies/4f9a2c71e8b3');
  const refused = page.getByTestId('traffic-entry').last();
  await expect(refused).toContainText('six default movies are read-only');
});
