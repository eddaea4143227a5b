import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ui } from './helpers/ui';

/**
 * Issue 19 (page load → composer): the window bundles English only; every other language is a chunk of
 * its own (renderer/shared/i18n/catalog-loader.ts), loaded before that language is shown — at start
 * when main says the window is in it, or on a switch in Settings (the text changes once it arrives).
 */

/** The window's scripts so far, by file name (`assets/<name>-<hash>.js`). */
const scripts = (app: Page) =>
  app.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.endsWith('.js'))
      .map((name) => name.split('/').pop() ?? ''),
  );

/** Whether any of the scripts so far holds German text (a German message seen in the bundle). */
const germanInScripts = (app: Page) =>
  app.evaluate(async () => {
    const urls = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => name.endsWith('.js') && name.includes('/assets/'));
    const bodies = await Promise.all(urls.map((url) => fetch(url).then((r) => r.text())));
    return bodies.some((body) => body.includes('Einstellungen'));
  });

test('in English no other language is loaded; choosing German loads its chunk and shows it', async ({
  app,
}) => {
  await expect(ui(app).settingsButton).toBeVisible();
  expect(await germanInScripts(app)).toBe(false);
  expect((await scripts(app)).filter((name) => /^(de|ja|fr|es|zh-cn)-/.test(name))).toEqual([]);

  await ui(app).settingsButton.click();
  await app.getByRole('dialog').locator('select:has(option[value="de"])').selectOption('de');
  await expect(app.getByRole('dialog', { name: 'Einstellungen' })).toBeVisible();
  expect((await scripts(app)).filter((name) => /^de-/.test(name))).toHaveLength(1);
  expect((await scripts(app)).filter((name) => /^(ja|fr|es|zh-cn)-/.test(name))).toEqual([]);
});

test('a window that starts in Japanese is in Japanese at its first paint', async ({ app, harness }) => {
  await harness.services.settings.update({ language: 'ja' });
  await app.reload();
  // The first text the window shows is already Japanese: its chunk loaded before the first render.
  await expect(app.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(app.getByRole('button', { name: '設定', exact: true })).toBeVisible();
  expect((await scripts(app)).filter((name) => /^ja-/.test(name))).toHaveLength(1);
});
