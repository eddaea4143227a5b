import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where present (this machine and CI cannot download Playwright's browsers);
// elsewhere Playwright's own Chromium (`npx playwright install chromium`).
const systemChromium = '/usr/bin/chromium';
const executablePath =
  process.env.SWITCHBOARD_CHROMIUM ?? (existsSync(systemChromium) ? systemChromium : undefined);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'harness',
      testDir: 'e2e/specs',
      testMatch: '**/*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 820 },
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    { name: 'electron', testDir: 'e2e/electron', testMatch: '**/*.spec.ts' },
  ],
});
