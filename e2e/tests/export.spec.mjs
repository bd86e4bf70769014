// What learners take with them: the traffic as a HAR file, and the API as an
// OpenAPI 3.1 description beside the page.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test, expect } from '@playwright/test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { id, open, connect, callApi } from './helpers.mjs';

const require = createRequire(import.meta.url);
const harValidator = require('har-validator');

/** Validates with har-validator (HAR 1.2 schema) and checks the fields DevTools and Postman read. */
async function expectValidHar(har) {
  const problems = await harValidator.har(har).then(() => null, (e) => e.errors ?? String(e));
  expect(problems, 'har-validator finds nothing wrong').toBeNull();
  expect(har.log.version).toBe('1.2');
  expect(har.log.creator.name).toBe('Academy OAuth2 Playground');
  expect(har.log.creator.version).toMatch(/^\d+\.\d+\.\d+/);
  for (const entry of har.log.entries) {
    expect(entry.startedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(entry.request.url).toMatch(/^https:\/\/app-academy\.make\.com\/api\/v2\//);
    expect(entry.request.httpVersion).toBe('HTTP/1.1');
    expect(entry.response.httpVersion).toBe('HTTP/1.1');
    expect(entry.timings).toMatchObject({ send: 0, wait: 0, receive: 0, dns: -1, connect: -1, blocked: -1 });
    expect(entry.cache).toEqual({});
  }
}

test('academy.exportHar() has one valid entry per exchange, on the simulated clock', async ({ page }) => {
  await open(page);
  await connect(page);
  await callApi(page, 'GET', '/movies?page=1&order=desc');
  await id(page, 'clock-advance-1h').click();
  await callApi(page, 'GET', '/info');
  const har = await page.evaluate(() => window.academy.exportHar());
  const logged = await id(page, 'traffic-entry').count();
  expect(har.log.entries).toHaveLength(logged);
  await expectValidHar(har);

  const find = (method, path) => har.log.entries.find((e) => e.request.method === method && new URL(e.request.url).pathname === `/api/v2${path}`);
  const [authorize, consent, token] = [find('GET', '/authorize'), find('POST', '/authorize'), find('POST', '/token')];
  expect(authorize.request.method).toBe('GET');
  expect(authorize.request.queryString.map((q) => q.name)).toEqual(expect.arrayContaining(['client_id', 'redirect_uri', 'scope']));
  expect(consent.response.status).toBe(302);
  expect(consent.response.redirectURL).toMatch(/[?&]code=/);
  expect(token.request.postData.mimeType).toBeTruthy();
  expect(token.request.postData.text).toContain('authorization_code');
  expect(JSON.parse(token.response.content.text).access_token).toBeTruthy();
  const movies = har.log.entries.find((e) => e.request.url.includes('/movies?'));
  expect(movies.request.queryString).toEqual([{ name: 'page', value: '1' }, { name: 'order', value: 'desc' }]);
  // The hour the clock moved shows between the entries.
  const times = har.log.entries.map((e) => Date.parse(e.startedDateTime));
  expect(times.at(-1) - times[0]).toBeGreaterThanOrEqual(3_600_000);
  expect(times).toEqual([...times].sort((a, b) => a - b));
});

test('Download HAR saves the exchanges the filters show', async ({ page }) => {
  await open(page);
  await connect(page);
  await callApi(page, 'GET', '/nowhere');
  await id(page, 'traffic-status').selectOption('2xx');
  const shown = await id(page, 'traffic-entry').count();
  const all = await page.evaluate(() => window.academy.exportHar().log.entries.length);
  expect(shown).toBeLessThan(all);

  const [download] = await Promise.all([page.waitForEvent('download'), id(page, 'traffic-har').click()]);
  expect(download.suggestedFilename()).toMatch(/\.har$/);
  const har = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(har.log.entries).toHaveLength(shown);
  expect(har.log.entries.every((e) => e.response.status < 300)).toBe(true);
  await expectValidHar(har);
});

test('the OpenAPI link points at a served, valid OpenAPI 3.1 description', async ({ page, request }) => {
  await open(page);
  const link = id(page, 'openapi-link');
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('download', /\.json$/);
  const href = await link.evaluate((a) => a.href);
  const answer = await request.get(href);
  expect(answer.status()).toBe(200);
  const doc = await answer.json();
  expect(doc.openapi).toBe('3.1.0');
  // swagger-parser checks it against the OpenAPI 3.1 schema and resolves every $ref.
  const checked = await SwaggerParser.validate(structuredClone(doc));
  expect(Object.keys(checked.paths)).toContain('/movies/{id}');
  expect(doc.components.securitySchemes.academy.flows.authorizationCode.scopes).toHaveProperty('delete');
  // Offline after one visit, like the page.
  expect(await (await request.get(new URL('sw.js', href).href)).text()).toContain('"./openapi.json"');
});
