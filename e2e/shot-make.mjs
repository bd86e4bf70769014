import { chromium } from '@playwright/test';
const base = `http://127.0.0.1:${process.env.E2E_PORT ?? 8523}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [1440, 360]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(base + '?panes=client,make,browser,traffic&ns=shot' + width);
  await page.getByTestId('make-template').selectOption('seconds');
  await page.getByTestId('make-connect').click();
  await page.getByTestId('consent-allow').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/make-${width}.png`, fullPage: width === 360 ? false : false });
  if (width === 360) {
    await page.locator('#pane-make').scrollIntoViewIfNeeded();
    await page.getByTestId('make-diagnostics').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/make-${width}-diag.png` });
  } else {
    await page.getByTestId('make-trace').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/make-${width}-trace.png` });
  }
}
await browser.close();
