// Time from navigation to the first interactive pane (the authorize button
// usable), median of several cold loads, each in a fresh browser context.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const dist = process.argv[2] ?? '../dist';
const runs = Number(process.argv[3] ?? 9);
const port = 8124;
const server = spawn('node', ['serve.mjs', dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const times = [];
const heaps = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
    const ms = await page.waitForFunction(() => {
      const button = document.querySelector('[data-testid="authorize-start"]');
      return button && !button.disabled && performance.now();
    }, null, { polling: 'raf', timeout: 20000 });
    times.push(await ms.jsonValue());
    heaps.push(await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0));
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`    first interactive pane: median ${median(times).toFixed(0)} ms over ${runs} loads ` +
  `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
console.log(`    JS heap after load: median ${(median(heaps) / 1e6).toFixed(1)} MB`);
