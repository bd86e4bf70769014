// Keyboard-only use, the narrow layout, and axe-core scans in both themes.
import { test, expect } from '@playwright/test';
import { id, open, tabTo, connect, callApi, authorize, openRegistration, expectNothingSerious } from './helpers.mjs';

test('the whole flow works with the keyboard alone', async ({ page }) => {
  await open(page);
  await page.locator('body').focus();

  await tabTo(page, 'authorize-start');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline, 'focus is visible').not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(id(page, 'consent-allow')).toBeVisible();
  // Focus moved to the consent screen's heading.
  await expect(page.locator('#browser-page-heading')).toBeFocused();

  await tabTo(page, 'consent-account-john');
  await page.keyboard.press('ArrowDown');
  await expect(id(page, 'consent-account-jane')).toBeChecked();
  await tabTo(page, 'consent-scope-delete');
  await page.keyboard.press('Space');
  await expect(id(page, 'consent-scope-delete')).not.toBeChecked();
  await tabTo(page, 'consent-allow');
  await page.keyboard.press('Enter');
  await expect(id(page, 'browser-url')).toHaveValue(/code=/);

  await tabTo(page, 'token-exchange', { shift: true });
  await page.keyboard.press('Enter');
  await expect(id(page, 'token-response')).toContainText('access_token');

  await tabTo(page, 'api-send');
  await page.keyboard.press('Enter');
  await expect(id(page, 'api-status')).toHaveText('200');
  await expect(id(page, 'api-response')).toContainText('Jane Black');

  await tabTo(page, 'api-method', { shift: true });
  await page.keyboard.press('ArrowDown'); // GET → POST … → DELETE
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(id(page, 'api-method')).toHaveValue('DELETE');
  await tabTo(page, 'api-path');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('/movies/000000000001');
  await tabTo(page, 'api-send');
  await page.keyboard.press('Enter');
  await expect(id(page, 'api-status')).toHaveText('403');

  await tabTo(page, 'clock-advance-5m', { shift: true });
  await page.keyboard.press('Enter');
  await tabTo(page, 'refresh-send');
  await page.keyboard.press('Enter');
  await expect(id(page, 'refresh-status')).toHaveText('200');
  await tabTo(page, 'invalidate-send');
  await page.keyboard.press('Enter');
  await expect(id(page, 'invalidate-status')).toHaveText('204');

  // Reset through the in-page dialog, keyboard only; Escape cancels.
  await tabTo(page, 'reset', { shift: true });
  await page.keyboard.press('Enter');
  await expect(id(page, 'reset-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(id(page, 'reset-dialog')).toBeHidden();
  await expect(id(page, 'reset')).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, 'reset-confirm');
  await page.keyboard.press('Enter');
  await expect(id(page, 'traffic-entry')).toHaveCount(0);
});

test('responses and countdowns are announced politely', async ({ page }) => {
  await open(page);
  await connect(page);
  const live = id(page, 'announcer');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toContainText('POST /token answered 200 OK');
  await expect(id(page, 'token-countdown-live')).toHaveAttribute('aria-live', 'polite');
  await expect(id(page, 'token-countdown-live')).toContainText(/Access token: about 5 min left/);
  // Statuses carry text, not only colour.
  await callApi(page, 'GET', '/info');
  await expect(page.locator('#step-4 .answer .status')).toHaveText('200 OK');
  await callApi(page, 'GET', '/nowhere');
  await expect(page.locator('#step-4 .answer .status')).toHaveText('404 Not Found');
});

test.describe('at 360 px', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('nothing overflows sideways and the key controls are usable', async ({ page }) => {
    await open(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const testid of ['reset', 'clock-advance-1m', 'clock-now', 'authorize-start', 'token-exchange', 'api-send', 'browser-url']) {
      await id(page, testid).scrollIntoViewIfNeeded();
      await expect(id(page, testid), testid).toBeInViewport();
      const box = await id(page, testid).boundingBox();
      expect(box.x, testid).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, testid).toBeLessThanOrEqual(360);
    }
    await connect(page);
    await callApi(page, 'GET', '/movies');
    await id(page, 'clock-advance-5m').click();
    await callApi(page, 'GET', '/info');
    const after = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(after).toBeLessThanOrEqual(0);
  });
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violations (${scheme})`, async ({ page }) => {
    // Four full axe scans take most of the default 30 s on two shared cores.
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    const scan = (label) => expectNothingSerious(page, label);
    await scan('first load');
    await id(page, 'authorize-start').click();
    await expect(id(page, 'consent-allow')).toBeVisible();
    await scan('consent screen');
    await id(page, 'consent-allow').click();
    await id(page, 'token-exchange').click();
    await callApi(page, 'GET', '/info');
    await id(page, 'clock-advance-5m').click();
    await callApi(page, 'GET', '/info');
    await openRegistration(page);
    await page.locator('.reregister > summary').click();
    await scan('tokens, errors and the registration form');
    await authorize(page, { allow: false });
    await id(page, 'reset').click();
    await scan('reset dialog');
  });
}
