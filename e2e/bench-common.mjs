// What the benchmarks share: a loopback server for a folder, and Chromium
// launched as the tests launch it.
import { chromium } from '@playwright/test';

export { serve } from './serve.mjs';

/** The bench's own port: E2E_PORT (default 8123) plus `offset`, so benches and tests do not collide. */
export const benchPort = (offset) => Number(process.env.E2E_PORT ?? 8123) + offset;

export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs,
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
