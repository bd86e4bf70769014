// The playground beside Swagger UI showing the same API (the OpenAPI document
// the engine writes from its catalogue): cold loads alternating ours, Swagger,
// ours, … in fresh browser contexts. Load to interactive (ours: the authorize
// button usable; Swagger: the operations listed) and the JS heap after a
// garbage collection once loaded (the wasm's memory is not JS heap, so it is
// shown apart).
import { serve, benchPort, launchChromium } from './bench-common.mjs';

const dist = process.argv[2] ?? '../dist';
const swagger = process.argv[3];
const runs = Number(process.argv[4] ?? 7);
const ports = { ours: benchPort(4), swagger: benchPort(5) };
const servers = [await serve(dist, ports.ours), await serve(swagger, ports.swagger)];

const browser = await launchChromium();

const ready = {
  ours: () => { const b = document.querySelector('[data-testid="authorize-start"]'); return b && !b.disabled && performance.now(); },
  swagger: () => document.querySelector('.opblock .opblock-summary') && performance.now(),
};

async function load(which) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The wasm's exports, to read its memory's size.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`http://127.0.0.1:${ports[which]}/`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(ready[which], null, { polling: 'raf', timeout: 30000 });
  const interactive = await handle.jsonValue();
  await page.waitForTimeout(300);
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
  const bytes = await page.evaluate(() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
    .reduce((sum, r) => sum + (r.encodedBodySize ?? 0), 0));
  await context.close();
  return { interactive, heap, wasm, bytes };
}

const rows = { ours: [], swagger: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const which of ['ours', 'swagger']) rows[which].push(await load(which));
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = (which, key) => median(rows[which].map((r) => r[key]));
const mb = (x) => `${(x / 1e6).toFixed(1)} MB`;
console.log(`    medians of ${runs} alternating cold loads each         playground     Swagger UI    ratio`);
const line = (what, ours, theirs, text, target) =>
  console.log(`      ${what.padEnd(48)} ${text(ours).padStart(10)} ${text(theirs).padStart(14)}    ${(ours / theirs).toFixed(2)}×${target ?? ''}`);
line('load to interactive', m('ours', 'interactive'), m('swagger', 'interactive'), (x) => `${x.toFixed(0)} ms`, ' (target ≤ 0.25×)');
line('JS heap after load (after a GC)', m('ours', 'heap'), m('swagger', 'heap'), mb, ' (target ≤ 0.33×)');
line('JS heap + wasm memory', m('ours', 'heap') + m('ours', 'wasm'), m('swagger', 'heap'), mb);
line('bytes transferred (uncompressed here)', m('ours', 'bytes'), m('swagger', 'bytes'), mb);
