// Playground files: the whole playground saved to a file and opened again,
// through the File… dialog (download, file chooser, confirmation) and the
// console (academy.exportState / importState). Broken files and files of
// another version are refused with the reason, and nothing changes then.
import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import { id, open, connect, callApi, clientId, valueOf, expectNothingSerious } from './helpers.mjs';

/** Opens the File… dialog. */
async function openFiles(page) {
  await id(page, 'state-files').click();
  await expect(id(page, 'state-dialog')).toBeVisible();
}

/** Chooses a file in the dialog's file chooser: a path, or {name, text}. */
async function chooseFile(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), id(page, 'state-open').click()]);
  await chooser.setFiles(typeof file === 'string' ? file : { name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
}

/** What the state looks like from outside: registration, tokens, traffic, open lesson. */
async function situation(page) {
  return {
    client: await clientId(page),
    tokens: await page.evaluate(() => window.academy.tokens()),
    traffic: await id(page, 'traffic-entry').count(),
    lessons: await page.evaluate(() => window.academy.lessons.list().map((l) => [l.id, l.steps.filter((s) => s.done).length])),
  };
}

/** No wasm panic, no uncaught error. */
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

test('save to a file, start over, open the file: the playground comes back and survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const tokens = await connect(page, { account: 'jane' });
  await callApi(page, 'GET', '/movies');
  await id(page, 'clock-advance-1m').click();
  await page.evaluate(() => window.academy.lessons.open('code-flow'));
  const before = await situation(page);
  expect(before.tokens.access_token).toBe(tokens.access_token);

  // The dialog says the file carries secrets; the focus starts on Save.
  await openFiles(page);
  await expect(id(page, 'state-secrets')).toContainText('carries secrets');
  await expect(id(page, 'state-save')).toBeFocused();
  await expectNothingSerious(page, 'files dialog', '[data-testid="state-dialog"]');
  const [download] = await Promise.all([page.waitForEvent('download'), id(page, 'state-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^academy-playground-.*\.json$/);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8'));
  expect(file).toMatchObject({ format: 'academy-oauth2-playground', version: 1, schema: 2 });
  expect(Date.parse(file.saved)).toBeGreaterThan(Date.now() - 60_000);
  expect(file.engine).toBeTruthy();
  expect(file.flow.held.access_token).toBe(tokens.access_token);
  // Escape closes the dialog and gives the focus back.
  await page.keyboard.press('Escape');
  await expect(id(page, 'state-dialog')).toBeHidden();
  await expect(id(page, 'state-files')).toBeFocused();

  // Start over: another registration, no tokens, no traffic.
  await id(page, 'reset').click();
  await id(page, 'reset-confirm').click();
  await expect.poll(() => clientId(page)).not.toBe(before.client);
  expect(await id(page, 'traffic-entry').count()).toBe(0);

  // Open the file: asked first, then everything is back.
  await openFiles(page);
  await chooseFile(page, path);
  await expect(id(page, 'state-open-ask')).toContainText('Replace this playground');
  await expect(id(page, 'state-open-cancel')).toBeFocused();
  await expectNothingSerious(page, 'files dialog asking', '[data-testid="state-dialog"]');
  await id(page, 'state-open-confirm').click();
  await expect(id(page, 'state-dialog')).toBeHidden();
  await expect.poll(() => clientId(page)).toBe(before.client);
  expect(await situation(page)).toEqual(before);
  await expect(id(page, 'lesson')).toHaveAttribute('data-lesson', 'code-flow');
  // The clock resumes where it stood when saved (a minute ahead, give or
  // take the seconds since), so the held token still works.
  await expect(page.locator('.clock-offset')).toContainText(/(\d+ s|1 min) ahead/);
  expect((await callApi(page, 'GET', '/info')).status).toBe(200);

  await page.reload();
  await expect(id(page, 'client-id')).not.toBeEmpty();
  expect(await clientId(page)).toBe(before.client);
  expect((await page.evaluate(() => window.academy.tokens())).access_token).toBe(tokens.access_token);
  expect(errors).toEqual([]);
});

test('broken and other-version files are refused with the reason; cancelling keeps the playground', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await connect(page);
  const saved = await page.evaluate(() => window.academy.exportState());
  await callApi(page, 'GET', '/movies');
  const before = await situation(page);

  await openFiles(page);
  const refusals = [
    [{ name: 'notes.json', text: 'this is not { JSON' }, /notes\.json was not opened: it is not a playground file \(it is not JSON/],
    [{ name: 'har.json', text: JSON.stringify({ log: { entries: [] } }) }, /it is not a playground file \(it has no "format"/],
    [{ name: 'next.json', text: JSON.stringify({ ...saved, version: 2 }) }, /another version of the playground \(file version 2; this page opens version 1\)/],
    [{ name: 'schema.json', text: JSON.stringify({ ...saved, schema: 9 }) }, /another version of the playground \(format 9/],
    [{ name: 'cut.json', text: JSON.stringify(saved).slice(0, 500) }, /not JSON/],
    [{ name: 'odd.json', text: JSON.stringify({ ...saved, engine: 'x' }) }, /its contents cannot be restored/],
  ];
  for (const [file, reason] of refusals) {
    await chooseFile(page, file);
    await expect(id(page, 'state-open-error')).toContainText(reason);
    await expect(id(page, 'state-open-error')).toContainText('The playground is as it was.');
    await expect(id(page, 'state-open-ask')).toHaveCount(0);
  }
  expect(await situation(page)).toEqual(before);
  await expectNothingSerious(page, 'files dialog refusing', '[data-testid="state-dialog"]');

  // A good file, but "Keep this playground": nothing changes.
  await chooseFile(page, { name: 'earlier.json', text: JSON.stringify(saved) });
  await expect(id(page, 'state-open-error')).toHaveCount(0);
  await id(page, 'state-open-cancel').click();
  await expect(id(page, 'state-open-ask')).toHaveCount(0);
  expect(await situation(page)).toEqual(before);
  // Escape while asked closes the dialog without opening the file.
  await chooseFile(page, { name: 'earlier.json', text: JSON.stringify(saved) });
  await expect(id(page, 'state-open-ask')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(id(page, 'state-dialog')).toBeHidden();
  expect(await situation(page)).toEqual(before);
  // Opened again, the dialog asks nothing left over.
  await openFiles(page);
  await expect(id(page, 'state-open-ask')).toHaveCount(0);
  await expect(id(page, 'state-open-error')).toHaveCount(0);
  await id(page, 'state-close').click();
  expect(errors).toEqual([]);
});

test('academy.exportState() and academy.importState(): the same files, without asking, refusing with the reason', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const tokens = await connect(page);
  const file = await page.evaluate(() => window.academy.exportState());
  expect(file).toMatchObject({ format: 'academy-oauth2-playground', version: 1, schema: 2 });
  const client = await clientId(page);
  const traffic = await id(page, 'traffic-entry').count();

  const refused = await page.evaluate(async (file) => {
    const tries = ['{', '[]', 42, null, undefined, { ...file, version: 3 }, { ...file, format: 'other' }, { ...file, clock: 'x' }, JSON.stringify({ ...file, version: '1' })];
    const out = [];
    for (const t of tries) out.push(await window.academy.importState(t));
    return out;
  }, file);
  for (const result of refused) {
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^The file was not opened: /);
  }
  expect(refused[5].error).toContain('file version 3; this page opens version 1');
  expect(refused[6].error).toContain('not a playground file');
  expect(await clientId(page)).toBe(client);

  // Start over, then import the object and the text: no question asked.
  await page.evaluate(() => window.academy.request({ method: 'GET', url: '/invalidate', headers: { authorization: 'Bearer ' + window.academy.tokens().access_token } }));
  await id(page, 'reset').click();
  await id(page, 'reset-confirm').click();
  await expect.poll(() => clientId(page)).not.toBe(client);
  expect(await page.evaluate((f) => window.academy.importState(f), file)).toEqual({ ok: true });
  await expect.poll(() => clientId(page)).toBe(client);
  expect((await page.evaluate(() => window.academy.tokens())).access_token).toBe(tokens.access_token);
  expect(await id(page, 'traffic-entry').count()).toBe(traffic);
  await expect(id(page, 'state-dialog')).toBeHidden();
  expect(await page.evaluate((f) => window.academy.importState(JSON.stringify(f)), file)).toEqual({ ok: true });
  expect(await valueOf(id(page, 'client-id'))).toContain(client);
  expect(await page.evaluate(() => window.academy.help())).toContain('academy.importState(json)');
  expect(errors).toEqual([]);
});
