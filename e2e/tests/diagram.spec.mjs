// The traffic as a sequence diagram: one group per exchange, live; choosing
// one opens it in the list; errors marked in text; a standalone SVG download;
// no serious accessibility violation in either theme; usable at 360 px.
import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { id, open, connect, callApi, expectNothingSerious } from './helpers.mjs';

/** The flow up to an API call, plus two console errors (one with a query). */
async function walk(page) {
  await open(page);
  const tokens = await connect(page);
  await callApi(page, 'GET', '/info');
  await page.evaluate(() => window.academy.request({ url: '/info' }));
  await page.evaluate((token) => window.academy.request({ url: `/nowhere/${token}?access_token=${token}` }), tokens.access_token);
  return tokens;
}

const seqsOf = (locator) => locator.evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));

async function showDiagram(page) {
  await id(page, 'traffic-view-diagram').click();
  await expect(id(page, 'traffic-view-diagram')).toHaveAttribute('aria-pressed', 'true');
  await expect(id(page, 'traffic-view-list')).toHaveAttribute('aria-pressed', 'false');
  await expect(id(page, 'sequence-diagram')).toBeVisible();
}

test('one group per exchange, following the log, labelled without queries or tokens', async ({ page }) => {
  const tokens = await walk(page);
  const listed = await seqsOf(id(page, 'traffic-entry'));
  expect(listed.length).toBe(6);
  await showDiagram(page);
  const groups = id(page, 'sequence-exchange');
  expect(await seqsOf(groups)).toEqual(listed);

  // The consent goes through the browser and comes back by redirect.
  const consent = groups.nth(1);
  await expect(consent).toHaveAttribute('aria-label', /^#\d+ browser → server POST \/authorize, 302 Found, .*redirect to redirect_uri \(code\)/);
  await expect(consent.locator('.arrow.redirect')).toHaveCount(1);
  await expect(groups.nth(2)).toHaveAttribute('aria-label', /^#\d+ app → server POST \/token, 200 OK/);

  // Errors: marked by more than colour.
  const unauthorized = groups.nth(4);
  await expect(unauthorized).toHaveAttribute('data-error', 'true');
  await expect(unauthorized.locator('.arrow.response.error text')).toHaveText('✕ 401 Unauthorized');
  await expect(groups.nth(3)).toHaveAttribute('data-error', 'false');
  const text = await id(page, 'sequence-diagram').textContent();
  expect(text).not.toContain('?');
  expect(text).not.toContain(tokens.access_token);
  await expect(groups.nth(5)).toContainText('GET /nowhere/…');

  // A new exchange appears while the diagram is shown, in the pane's view.
  await page.evaluate(() => window.academy.request({ url: '/genres' }));
  await expect(groups).toHaveCount(7);
  const newest = groups.last();
  await expect(newest).toHaveAttribute('data-error', 'true');
  await expect.poll(() => newest.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const b = el.closest('.pane-body').getBoundingClientRect();
    return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  })).toBe(true);
  expect(await page.evaluate(() => scrollY)).toBe(0);
});

test('choosing an exchange, by click or by keyboard, opens it in the list', async ({ page }) => {
  await walk(page);
  await showDiagram(page);
  const token = id(page, 'sequence-exchange').nth(2);
  const seq = await token.getAttribute('data-seq');
  await token.click();
  await expect(id(page, 'traffic-view-list')).toHaveAttribute('aria-pressed', 'true');
  const entry = page.locator(`[data-testid="traffic-entry"][data-seq="${seq}"]`);
  await expect(entry).toHaveClass(/open/);
  await expect(entry.locator('.exchange-summary')).toBeFocused();
  await expect(entry.locator('[data-testid="traffic-request"]')).toContainText('POST /api/v2/token');

  // The keyboard: Tab from the download button to the first exchange, down
  // to the second, Enter; a filter hiding it is cleared.
  await id(page, 'traffic-filter').fill('no such text');
  await showDiagram(page);
  await id(page, 'sequence-download').focus();
  await page.keyboard.press('Tab');
  const first = id(page, 'sequence-exchange').first();
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const second = id(page, 'sequence-exchange').nth(1);
  await expect(second).toBeFocused();
  const secondSeq = await second.getAttribute('data-seq');
  await page.keyboard.press('Enter');
  await expect(id(page, 'traffic-filter')).toHaveValue('');
  const opened = page.locator(`[data-testid="traffic-entry"][data-seq="${secondSeq}"]`);
  await expect(opened).toHaveClass(/open/);
  await expect(opened.locator('.exchange-summary')).toHaveAttribute('aria-expanded', 'true');
  await expect(opened).toBeInViewport();

  // Space works too.
  await showDiagram(page);
  const last = id(page, 'sequence-exchange').last();
  const lastSeq = await last.getAttribute('data-seq');
  await last.focus();
  await page.keyboard.press('Space');
  await expect(page.locator(`[data-testid="traffic-entry"][data-seq="${lastSeq}"]`)).toHaveClass(/open/);
});

test('Download SVG saves a standalone picture of every exchange', async ({ page }) => {
  await walk(page);
  await showDiagram(page);
  const [download] = await Promise.all([page.waitForEvent('download'), id(page, 'sequence-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.svg$/);
  const svg = await readFile(await download.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      groups: [...doc.querySelectorAll('g[data-seq]')].map((g) => g.getAttribute('data-seq')),
      title: doc.querySelector('svg > title')?.textContent,
    };
  }, svg);
  expect(parsed.error).toBe(0);
  expect(parsed).toMatchObject({ root: 'svg', ns: 'http://www.w3.org/2000/svg' });
  expect(parsed.title).toBeTruthy();
  expect(parsed.groups).toEqual(await seqsOf(id(page, 'sequence-exchange')));
  expect(svg).not.toContain('var(--');
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violations in the diagram (${scheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    await walk(page);
    await showDiagram(page);
    await id(page, 'sequence-exchange').nth(2).focus();
    await expectNothingSerious(page, scheme, '#pane-traffic');
  });
}

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the diagram fits the narrow layout and its labels stay readable', async ({ page }) => {
    await walk(page);
    await id(page, 'traffic-view-diagram').scrollIntoViewIfNeeded();
    await showDiagram(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await id(page, 'sequence-diagram').boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // 12 px labels drawn at no less than 10 px.
    const label = await id(page, 'sequence-exchange').first().locator('text').nth(1).boundingBox();
    expect(label.height).toBeGreaterThanOrEqual(10);
    await id(page, 'sequence-exchange').first().click();
    await expect(id(page, 'traffic-view-list')).toHaveAttribute('aria-pressed', 'true');
  });
});
