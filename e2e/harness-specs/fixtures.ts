import { test as base, expect, type Page } from '@playwright/test';
import { type Harness, type HarnessOptions, startHarness } from '../harness/harness';

/**
 * Each test gets its own harness (fresh data directory, its own emulator) and a page opened on it.
 * Console output is collected so tests can prove the key never reached it.
 */
interface Fixtures {
  harnessOptions: HarnessOptions & { withKey?: boolean };
  harness: Harness;
  app: Page;
  consoleLines: string[];
}

export const test = base.extend<Fixtures>({
  harnessOptions: [{ withKey: true }, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const { withKey, ...options } = harnessOptions;
    const harness = await startHarness(options);
    if (withKey && harness.emulator && !options.importEnvKey) {
      await harness.services.vault.store({
        key: harness.emulator.defaultKey,
        source: 'env',
        persistence: 'encrypted',
      });
    }
    await use(harness);
    await harness.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  consoleLines: async ({}, use) => {
    await use([]);
  },
  app: async ({ page, harness, consoleLines }, use) => {
    page.on('console', (msg) => consoleLines.push(msg.text()));
    page.on('pageerror', (err) => consoleLines.push(`pageerror: ${err.message}`));
    await page.goto(harness.url);
    await use(page);
  },
});

export { expect };
