// Deployments over time and beside other pages: the service worker answers
// only for its own page and files, and a new deploy is announced with a
// reload that keeps the learner's progress.
import { test, expect } from '@playwright/test';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../serve.mjs';
import { id, connect, callApi } from './helpers.mjs';

const dist = new URL('../../dist/', import.meta.url).pathname;

/** A copy of dist/ served at the root of its own origin (a free port). */
async function deployment(t, headers = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'academy-deploy-'));
  await cp(dist, folder, { recursive: true });
  const server = await serve(folder, 0, headers);
  t.cleanup = async () => { server.close(); await rm(folder, { recursive: true, force: true }); };
  return { folder, url: `http://127.0.0.1:${server.address().port}/` };
}

async function controlled(page) {
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
}

const site = {};
test.afterEach(async () => { await site.cleanup?.(); site.cleanup = null; });

test('a course page beside a deployment at the root is its own page, not the playground', async ({ page }) => {
  const { folder, url } = await deployment(site);
  await mkdir(join(folder, 'course'));
  await writeFile(join(folder, 'course', 'index.html'), '<!DOCTYPE html><title>Course</title><h1>Lesson 3: OAuth2</h1>');
  await writeFile(join(folder, 'course', 'notes.json'), '{"lesson":3}');
  await page.goto(url);
  await controlled(page);

  await page.goto(url + 'course/');
  await expect(page.locator('h1')).toHaveText('Lesson 3: OAuth2');
  await expect(id(page, 'client-id')).toHaveCount(0);
  await page.goto(url + 'course/index.html?x=1');
  await expect(page.locator('h1')).toHaveText('Lesson 3: OAuth2');
  expect(await page.evaluate(() => fetch('/course/notes.json').then((r) => r.json()))).toEqual({ lesson: 3 });
  // The playground itself: its folder, and index.html with any query.
  await page.goto(url + 'index.html?embed=1');
  await expect(id(page, 'client-id')).not.toBeEmpty();
});

test('a new deploy is announced, and the reload brings it with the progress kept', async ({ page }) => {
  // Hosts often let browsers cache pages for a while: the new page must still arrive.
  const { folder, url } = await deployment(site, { 'cache-control': 'max-age=3600' });
  await page.goto(url);
  await controlled(page);
  await connect(page);
  await callApi(page, 'GET', '/info');
  await expect(id(page, 'update-ready')).toHaveCount(0);

  // Deploy: a changed page, so a new service worker version.
  const index = await readFile(join(folder, 'index.html'), 'utf8');
  await writeFile(join(folder, 'index.html'), index.replace('</head>', '<meta name="deploy" content="2">\n</head>'));
  const sw = await readFile(join(folder, 'sw.js'), 'utf8');
  await writeFile(join(folder, 'sw.js'), sw.replace(/const VERSION = '[^']*'/, "const VERSION = 'next-deploy'"));

  // The first load after the deploy is still the old version, and says a new one is ready.
  await page.reload();
  await expect(id(page, 'traffic-entry')).toHaveCount(4);
  await expect(id(page, 'update-ready')).toBeVisible({ timeout: 15_000 });
  await expect(id(page, 'update-ready')).toContainText('A new version is ready: reload');
  expect(await page.locator('meta[name="deploy"]').count()).toBe(0);
  // Progress made now is saved before the reload.
  await id(page, 'clock-advance-1m').click();
  await id(page, 'update-reload').click();
  await expect(page.locator('meta[name="deploy"]')).toHaveCount(1);
  await expect(id(page, 'client-id')).not.toBeEmpty();
  await expect(id(page, 'traffic-entry')).toHaveCount(4);
  await expect(page.locator('.clock-offset')).toContainText('ahead');
  await expect(id(page, 'update-ready')).toHaveCount(0);
});
