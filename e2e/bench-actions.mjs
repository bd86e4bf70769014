// The main actions' cost: script, style and layout time (Chromium's own
// counters, Performance.getMetrics) from the click until the answer shows and
// the next frame is laid out, the median of several of each. Once on a fresh
// playground, once after 5 000 exchanges through the console API (the log is
// full: it keeps the latest 200). The cost of a no-op round trip of the
// measuring script is measured the same way and taken off.
import { serve, benchPort, launchChromium } from './bench-common.mjs';

const dist = process.argv[2] ?? '../dist';
const reps = Number(process.argv[3] ?? 7);
const soak = Number(process.argv[4] ?? 5000);
const port = benchPort(6);
const server = await serve(dist, port);

const browser = await launchChromium();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const by = (testid) => `[data-testid="${testid}"]`;

/// Milliseconds of script + style + layout by Chromium's counters.
async function busy(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return 1000 * (m.ScriptDuration + m.RecalcStyleDuration + m.LayoutDuration);
}

/// Clicks `selector` (or runs nothing for a no-op) in the page, waits until
/// the expression `done` holds, then two frames so the change is laid out;
/// returns the busy milliseconds of all that.
async function timed(page, cdp, selector, done) {
  const before = await busy(cdp);
  await page.evaluate(async ([selector, done]) => {
    const holds = new Function(`return (${done})`);
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    if (selector) document.querySelector(selector).click();
    const until = performance.now() + 10000;
    while (!holds()) {
      if (performance.now() > until) throw new Error(`no answer after clicking ${selector}`);
      await frame();
    }
    await frame();
    await frame();
  }, [selector, done]);
  const action = (await busy(cdp)) - before;
  // Saving waits for an idle moment after the frame (at most 500 ms): its
  // cost is counted apart, so a slow save shows rather than hides.
  const after = await busy(cdp);
  await page.waitForTimeout(700);
  idle.push((await busy(cdp)) - after);
  return action;
}

/// Busy milliseconds in the 700 ms after each action (the idle save, plus the clock's tick).
let idle = [];

async function waitFor(page, fn, arg) {
  await page.waitForFunction(fn, arg, { timeout: 15000 });
}

/// A code at the callback, ready for step 3.
async function authorize(page) {
  await page.click(by('authorize-start'));
  await page.click(by('consent-allow'));
  await waitFor(page, (sel) => /[?&]code=/.test(document.querySelector(sel)?.value ?? ''), by('browser-url'));
}

const lastSeq = `document.querySelector('[data-testid="traffic-entry"]:last-of-type')?.dataset.seq`;

async function scenario(label, fill) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`http://127.0.0.1:${port}/`);
  await waitFor(page, (sel) => document.querySelector(sel)?.textContent.trim(), by('client-id'));
  await fill(page);
  const rows = {};
  const add = (name, ms) => (rows[name] ??= []).push(ms);
  for (let i = 0; i < reps; i++) add('noop', await timed(page, cdp, null, 'true'));
  rows.idle_noop = idle;
  idle = [];

  for (let i = 0; i < reps; i++) {
    await authorize(page);
    const before = await page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', by('token-response'));
    await page.evaluate((b) => { window.__before = b; }, before);
    add('token exchange (click to the answer shown)', await timed(page, cdp, by('token-exchange'),
      `document.querySelector('${by('token-response')}')?.textContent !== window.__before`));
  }

  await page.selectOption(by('api-method'), 'GET');
  await page.fill(by('api-path'), '/info');
  for (let i = 0; i < reps; i++) {
    await page.evaluate((f) => { window.__seq = new Function(`return ${f}`)(); }, lastSeq);
    add('composer: send an API call', await timed(page, cdp, by('api-send'), `${lastSeq} !== window.__seq`));
  }

  for (let i = 0; i < reps; i++) {
    const n = await page.evaluate(() => document.querySelectorAll('[data-testid="traffic-entry"]').length);
    const entry = `[data-testid="traffic-entry"]:nth-of-type(${n - 1 - i})`;
    add('traffic: open an entry', await timed(page, cdp, `${entry} .exchange-summary`,
      `document.querySelector('${entry} ${by('traffic-request')}')?.textContent.length > 0`));
  }

  for (let i = 0; i < reps; i++) {
    await page.evaluate((sel) => { window.__clock = document.querySelector(sel).textContent; }, by('clock-display'));
    add('clock +1 h', await timed(page, cdp, by('clock-advance-1h'),
      `document.querySelector('${by('clock-display')}').textContent !== window.__clock`));
  }

  for (let i = 0; i < reps; i++) {
    if (i > 0) await fill(page, 300);
    await page.click(by('reset'));
    await page.waitForSelector(by('reset-confirm'), { state: 'visible' });
    add('reset (confirm to the fresh playground)', await timed(page, cdp, by('reset-confirm'),
      `document.querySelectorAll('${by('traffic-entry')}').length < 3 && document.querySelector('${by('client-id')}')?.textContent.trim()`));
  }
  rows.idle = idle;
  idle = [];
  await context.close();
  return { label, rows };
}

/// Sends `n` exchanges of mixed size through the console API.
async function exchanges(page, n) {
  await page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      const size = i % 50 === 0 ? 200_000 : i % 5 === 0 ? 5_000 : 0;
      if (size === 0) await window.academy.request({ url: '/info' });
      else await window.academy.request({ method: 'POST', url: '/movies', body: JSON.stringify({ name: 'x'.repeat(size) }) });
    }
  }, n);
}

const results = [];
try {
  results.push(await scenario('fresh', async () => {}));
  results.push(await scenario(`after ${soak} exchanges`, (page, n = soak) => exchanges(page, n)));
} finally {
  await browser.close();
  server.close();
}
const [fresh, loaded] = results;
const noop = (r) => median(r.rows.noop);
console.log(`    script + style + layout per action, median of ${reps}, net of the measuring script's own ` +
  `${noop(fresh).toFixed(1)} / ${noop(loaded).toFixed(1)} ms (target: 16 ms each)`);
console.log(`    ${''.padEnd(46)} ${fresh.label.padStart(10)} ${loaded.label.padStart(22)}`);
for (const name of Object.keys(fresh.rows).filter((n) => !['noop', 'idle', 'idle_noop'].includes(n))) {
  const cell = (r) => `${Math.max(0, median(r.rows[name]) - noop(r)).toFixed(1)} ms`;
  const flag = Math.max(median(fresh.rows[name]) - noop(fresh), median(loaded.rows[name]) - noop(loaded)) > 16 ? '  over 16 ms' : '';
  console.log(`    ${name.padEnd(46)} ${cell(fresh).padStart(10)} ${cell(loaded).padStart(22)}${flag}`);
}
const idleCell = (r) => `${Math.max(0, median(r.rows.idle) - median(r.rows.idle_noop)).toFixed(1)} ms`;
console.log(`    ${'then, at the next idle moment: saving'.padEnd(46)} ${idleCell(fresh).padStart(10)} ${idleCell(loaded).padStart(22)}  (off the action's frame)`);
