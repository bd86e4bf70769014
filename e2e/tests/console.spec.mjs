// window.academy.request: the same engine, the same state, in the traffic pane.
import { test, expect } from '@playwright/test';
import { id, open, connect } from './helpers.mjs';

test('the console API answers like the panes and shows in the traffic', async ({ page }) => {
  await open(page);
  const noToken = await page.evaluate(() => window.academy.request({ method: 'GET', url: '/info' }));
  expect(noToken.status).toBe(401);
  expect(JSON.parse(noToken.body).error.message).toBe('Not Authorized.');
  expect(noToken.headers['www-authenticate']).toContain('Bearer');

  const tokens = await connect(page);
  const info = await page.evaluate((token) => window.academy.request({
    method: 'GET',
    url: 'https://app-academy.make.com/api/v2/info',
    headers: { authorization: `Bearer ${token}` },
  }), tokens.access_token);
  expect(info.status).toBe(200);
  expect(typeof info.body).toBe('string');
  expect(JSON.parse(info.body).user).toBe('John Doe');
  expect(info.headers['content-type']).toContain('application/json');

  const entry = id(page, 'traffic-entry').last();
  await expect(entry).toHaveAttribute('data-origin', 'console');
  await expect(entry).toContainText('console');

  // An object body is sent as JSON and changes the same state the panes show.
  const created = await page.evaluate(() => window.academy.request({
    method: 'POST',
    url: '/movies',
    headers: { authorization: `Bearer ${window.academy.tokens().access_token}` },
    body: { name: 'Console Movie', genres: [{ id: '1' }], directorId: 'f841a38b77be', releaseDate: '2020', length: 90 },
  }));
  expect(created.status, created.body).toBeLessThan(300);
  await expect(id(page, 'server-records')).toContainText('1/14');

  // Invalidation from the console is seen by the app pane's next call.
  const gone = await page.evaluate(() => window.academy.request({
    url: '/invalidate', headers: { authorization: `Bearer ${window.academy.tokens().access_token}` },
  }));
  expect(gone.status).toBe(204);
  expect(gone.body).toBe('');
  await id(page, 'api-send').click();
  await expect(id(page, 'api-status')).toHaveText('401');
});

test('bad arguments reject with a message', async ({ page }) => {
  await open(page);
  const error = await page.evaluate(() => window.academy.request({ method: 'GET' }).then(() => null, (e) => e.message));
  expect(error).toContain('url');
  const odd = await page.evaluate(() => window.academy.request({ method: 'BREW', url: '/info' }));
  expect(odd.status).toBeGreaterThanOrEqual(400);
});
