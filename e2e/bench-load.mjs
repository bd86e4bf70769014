// Time from navigation to the first interactive pane (the authorize button
// usable), median of several cold loads, each in a fresh browser context, and
// where that time goes: the page's own performance marks (academy:start when
// the wasm's main runs, academy:booted, academy:mounted, academy:save/saved
// around the first save) with the resource timing of the wasm and its glue.
// Each context is then reloaded once, to time a start that restores saved state.
import { serve, benchPort, launchChromium } from './bench-common.mjs';

const dist = process.argv[2] ?? '../dist';
const runs = Number(process.argv[3] ?? 9);
const port = benchPort(1);
const server = await serve(dist, port);

const browser = await launchChromium();

/// Waits for the first interactive pane, then reads the marks and timings.
async function measure(page) {
  const ready = await page.waitForFunction(() => {
    const button = document.querySelector('[data-testid="authorize-start"]');
    return button && !button.disabled && performance.now();
  }, null, { polling: 'raf', timeout: 20000 });
  const interactive = await ready.jsonValue();
  // The first save runs in an effect after mounting; give it a moment.
  await page.waitForFunction(() => performance.getEntriesByName('academy:saved').length > 0, null, { timeout: 5000 }).catch(() => {});
  return page.evaluate((interactive) => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const wasm = resources.find((r) => r.name.endsWith('.wasm'));
    const glue = resources.find((r) => r.name.endsWith('.js'));
    const start = at('academy:start');
    return {
      interactive,
      document: nav.responseEnd,
      glue: glue ? glue.responseEnd - glue.startTime : NaN,
      wasmFetch: wasm ? wasm.responseEnd - wasm.startTime : NaN,
      fetched: Math.max(wasm?.responseEnd ?? 0, glue?.responseEnd ?? 0),
      // From the wasm's last byte to its main running: the rest of streaming
      // compilation, instantiation and the glue's start.
      compile: start - (wasm?.responseEnd ?? NaN),
      boot: at('academy:booted') - start,
      render: at('academy:mounted') - at('academy:booted'),
      toInteractive: interactive - at('academy:mounted'),
      save: at('academy:saved') - at('academy:save'),
      saveAt: at('academy:save'),
    };
  }, interactive);
}

const cold = [];
const warm = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
    cold.push(await measure(page));
    cold.at(-1).heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    await page.reload({ waitUntil: 'commit' });
    warm.push(await measure(page));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (rows, key) => `${median(rows.map((r) => r[key])).toFixed(0)} ms`.padStart(8);
const times = cold.map((r) => r.interactive);
console.log(`    first interactive pane: median ${median(times).toFixed(0)} ms over ${runs} loads ` +
  `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
console.log(`    JS heap after load: median ${(median(cold.map((r) => r.heap)) / 1e6).toFixed(1)} MB`);
console.log('    where the time goes (medians; "fresh": empty storage, "reload": saved state restored, files cached):');
console.log('                                                                       fresh   reload');
const phases = [
  ['document', 'navigation to the HTML received'],
  ['glue', 'JS glue fetch'],
  ['wasm', 'wasm fetch (download; compilation streams alongside)', 'wasmFetch'],
  ['fetched', 'navigation to every file received'],
  ['compile', 'wasm compile + instantiate, after its last byte, to main()'],
  ['boot', 'boot: URL, storage read, restore or fresh engine call, clock, API'],
  ['render', 'first render: the panes built and mounted'],
  ['toInteractive', 'mounted to the authorize button usable (layout, paint)'],
  ['interactive', 'navigation to first interactive (the total)'],
  ['saveAt', 'the first save starts at'],
  ['save', 'the first save (encode + localStorage write)'],
];
for (const [name, what, key = name] of phases) {
  console.log(`      ${what.padEnd(64)} ${ms(cold, key)} ${ms(warm, key)}`);
}
