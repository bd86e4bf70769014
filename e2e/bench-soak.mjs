// A long class in one tab: 5 000 exchanges of mixed size through the console
// API, in batches. After each batch: the saved size, the JS heap (after a
// garbage collection) and the time per exchange (the save included). All
// three should stay flat once the log is full (200 exchanges).
import { serve, benchPort, launchChromium } from './bench-common.mjs';

const dist = process.argv[2] ?? '../dist';
const total = Number(process.argv[3] ?? 5000);
const batch = 500;
const port = benchPort(3);
const server = await serve(dist, port);

const browser = await launchChromium(['--js-flags=--expose-gc']);
const rows = [];
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.academy?.request);
  for (let done = 0; done < total; done += batch) {
    const row = await page.evaluate(async ([from, n]) => {
      const started = performance.now();
      for (let i = from; i < from + n; i++) {
        // Mixed sizes: small calls, mid bodies, and a large one every 50.
        const size = i % 50 === 0 ? 200_000 : i % 5 === 0 ? 5_000 : 0;
        if (size === 0) await window.academy.request({ url: '/info' });
        else await window.academy.request({ method: 'POST', url: '/movies', body: JSON.stringify({ name: 'x'.repeat(size) }) });
      }
      const perExchange = (performance.now() - started) / n;
      // Let the last save land, then measure.
      await new Promise((r) => setTimeout(r, 300));
      globalThis.gc?.();
      const saved = Object.keys(localStorage).filter((k) => k.startsWith('academy-oauth2-playground'))
        .reduce((sum, k) => sum + (localStorage.getItem(k)?.length ?? 0), 0);
      return { perExchange, saved, heap: performance.memory?.usedJSHeapSize ?? 0 };
    }, [done, batch]);
    rows.push({ after: done + batch, ...row });
  }
} finally {
  await browser.close();
  server.close();
}
for (const r of rows) {
  console.log(`    after ${String(r.after).padStart(5)} exchanges: saved ${(r.saved / 1e6).toFixed(2)} MB, ` +
    `JS heap ${(r.heap / 1e6).toFixed(1)} MB, ${r.perExchange.toFixed(2)} ms per exchange (save included)`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const late = rows.slice(1);
console.log(`    soak, median of batches after the first: saved ${(median(late.map((r) => r.saved)) / 1e6).toFixed(2)} MB, ` +
  `JS heap ${(median(late.map((r) => r.heap)) / 1e6).toFixed(1)} MB, ${median(late.map((r) => r.perExchange)).toFixed(2)} ms per exchange`);
