// Browser tests against the release build in dist/, in Debian's Chromium.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8123);
// The course page that embeds the playground: http://127.0.0.1:8125/?app=<playground URL>
export const hostPort = port + 2;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: [
    {
      command: `node serve.mjs ../dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 10_000,
    },
    {
      // The example course page, on another origin than the playground.
      command: `node serve.mjs host ${port + 2}`,
      url: `http://127.0.0.1:${port + 2}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 10_000,
    },
  ],
});
