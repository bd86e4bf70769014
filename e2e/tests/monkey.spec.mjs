// A monkey: random sequences of every control, typed text, clock moves,
// resets, reloads, console calls, both themes and a phone's width, from a
// fixed seed (MONKEY_SEED to replay another; MONKEY_STEPS for more steps).
// Nothing may panic or throw, and a reload keeps exactly what was there.
import { test, expect } from '@playwright/test';
import { id } from './helpers.mjs';

const SEED = Number(process.env.MONKEY_SEED ?? 20_261_129) >>> 0;
const STEPS = Number(process.env.MONKEY_STEPS ?? 250);

/** mulberry32: small, seeded, good enough to pick actions. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TEXTS = [
  '', ' ', '/info', '/movies?page=2', '/people?q=name:John', '/genres/999', '/../../etc', '%', '%zz', '?',
  '{"name":"Heat"}', '{', 'null', '[]', '"é ü 漢字 🙂"', 'x'.repeat(3000), 'Bearer abc', 'http://evil.example/',
  '<img src=x onerror=alert(1)>', '\u0000\u0001', 'connect read write delete', '-1', '99999999999999999999',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'get', '', 'BREW'];
const URLS = ['/info', '/movies', '/movies/1', '/token', '/authorize?x=1', 'https://app-academy.make.com/api/v2/info', 'nonsense', '', '/people?q=(', '/files'];

/** What a reload must keep (with the traffic pane's filters and view, which are not saved, reset). */
async function progress(page) {
  const list = id(page, 'traffic-view-list');
  if (await list.isVisible()) await list.click();
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.traffic-filters input, .traffic-filters select')) {
      if (el.tagName === 'SELECT') el.selectedIndex = 0; else el.value = '';
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }
  });
  return {
    client: (await id(page, 'client-id').textContent())?.trim(),
    traffic: await id(page, 'traffic-entry').count(),
    token: await page.evaluate(() => window.academy.tokens().access_token ?? null),
    saved: await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('academy-oauth2-playground@'));
      return key ? JSON.parse(localStorage.getItem(key)).engine.log.length : null;
    }),
  };
}

async function ready(page) {
  await expect(id(page, 'client-id')).not.toBeEmpty();
  // The first pane comes first; the others are built right after the first paint.
  await expect(id(page, 'traffic-filter')).toBeAttached();
}

test('a monkey finds no panic and no lost progress', async ({ page }) => {
  test.setTimeout(150_000);
  const rand = random(SEED);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (text.includes('panicked at') || text.includes('RuntimeError') || (m.type() === 'error' && !text.includes('net::ERR_'))) problems.push(`console: ${text.slice(0, 300)}`);
  });
  page.on('dialog', (d) => d.dismiss().catch(() => {}));
  await page.goto('./');
  await ready(page);

  const click = async (locator) => {
    const n = await locator.count();
    if (n === 0) return 'nothing to click';
    const target = locator.nth(Math.floor(rand() * n));
    const name = (await target.getAttribute('data-testid').catch(() => null)) ?? (await target.textContent().catch(() => ''))?.trim().slice(0, 30);
    await target.click({ timeout: 1500 }).catch(() => {});
    return `click ${name}`;
  };

  const actions = [
    [30, async () => {
      // A dialog that is open takes every click.
      if (await id(page, 'reset-dialog').isVisible()) return click(page.locator('dialog[open] button:visible'));
      return click(page.locator('main button:visible:not([disabled]), main a[href^="#"]:visible, main summary:visible, .notice button:visible, .pane-nav a:visible'));
    }],
    [14, async () => {
      const fields = page.locator('main input:visible:not([type=checkbox]):not([type=radio]):not([readonly]):not([disabled]), main textarea:visible:not([readonly]):not([disabled])');
      const n = await fields.count();
      if (n === 0) return 'no field';
      const field = fields.nth(Math.floor(rand() * n));
      const text = pick(TEXTS);
      await field.fill(text, { timeout: 1500 }).catch(() => {});
      if (rand() < 0.3) await field.press('Enter', { timeout: 1500 }).catch(() => {});
      return `type ${JSON.stringify(text.slice(0, 20))}`;
    }],
    [6, async () => click(page.locator('main input[type=checkbox]:visible, main input[type=radio]:visible'))],
    [5, async () => {
      const selects = page.locator('main select:visible');
      const n = await selects.count();
      if (n === 0) return 'no select';
      const select = selects.nth(Math.floor(rand() * n));
      const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
      const value = pick(options);
      await select.selectOption(value, { timeout: 1500 }).catch(() => {});
      return `select ${value}`;
    }],
    [10, async () => click(page.locator('[data-testid^="clock-"]:visible:not([disabled])'))],
    [3, async () => {
      await id(page, 'reset').click({ timeout: 1500 }).catch(() => {});
      await id(page, 'reset-confirm').click({ timeout: 1500 }).catch(() => {});
      return 'reset';
    }],
    [7, async () => {
      const before = await progress(page);
      await page.reload();
      await ready(page);
      expect(await progress(page), 'a reload keeps the progress').toEqual(before);
      return 'reload';
    }],
    [10, async () => {
      const call = rand() < 0.8
        ? { method: pick(METHODS), url: pick(URLS), headers: rand() < 0.5 ? { authorization: `Bearer ${pick(TEXTS)}` } : pick([undefined, {}, [['x', 'y']], 'h']), body: pick([undefined, ...TEXTS.slice(0, 12), 42, { a: 1 }]) }
        : pick([undefined, null, 42, 'GET /info', [], { url: 42 }]);
      const result = await page.evaluate((c) => window.academy.request(c).then((r) => r.status, (e) => `rejected: ${e.message}`), call);
      await page.evaluate(() => [window.academy.tokens(), window.academy.help()]);
      return `console ${JSON.stringify(call)?.slice(0, 60)} → ${result}`;
    }],
    [4, async () => {
      const before = await progress(page);
      const theme = pick(['dark', 'light', 'auto']);
      await page.goto(`./?theme=${theme}`);
      await ready(page);
      expect(await progress(page), 'a new page load keeps the progress').toEqual(before);
      return `theme ${theme}`;
    }],
    [4, async () => {
      const narrow = rand() < 0.5;
      await page.setViewportSize(narrow ? { width: 360, height: 740 } : { width: 1440, height: 900 });
      return narrow ? 'width 360' : 'width 1440';
    }],
  ];
  const total = actions.reduce((sum, [w]) => sum + w, 0);
  const history = [];
  try {
    for (let step = 0; step < STEPS; step++) {
      let r = rand() * total;
      const [, act] = actions.find(([w]) => (r -= w) < 0) ?? actions[0];
      history.push(`${step}: ${await act()}`);
      expect(problems, 'no panic, no page error').toEqual([]);
    }
  } catch (e) {
    console.log(`monkey failed with MONKEY_SEED=${SEED}; last steps:\n${history.slice(-15).join('\n')}`);
    throw new Error(`MONKEY_SEED=${SEED}: ${e.message}`);
  }
});
