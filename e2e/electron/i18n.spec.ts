import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import { catalogIntl } from '../../main/services/i18n/catalog-intl';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

test.skip(!electronBinary, SKIP_REASON);

/** The top-level labels of the real application menu (Menu.getApplicationMenu, docs/api/menu.md). */
function menuLabels(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
}

test.describe('Languages in Electron (issue 20)', () => {
  test('a stored language shows in the menu and the window, and a switch rebuilds the menu live', async ({
    switchboard,
  }) => {
    // As if the person had chosen German before: settings.json as the settings store writes it.
    await mkdir(switchboard.dataDir, { recursive: true });
    await writeFile(
      join(switchboard.dataDir, 'settings.json'),
      `${JSON.stringify({ formatVersion: 1, settings: { language: 'de' } })}\n`,
      { mode: 0o600 },
    );
    const { app, page } = await switchboard.start();
    const labels = await menuLabels(app);
    expect(labels).toEqual(expect.arrayContaining(['Datei', 'Bearbeiten', 'Darstellung', 'Fenster']));
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');

    // Through the window's own bridge, as the Language field does: main re-resolves and rebuilds.
    await page.evaluate(async () => {
      const bridge = (window as unknown as { switchboard: { updateSettings(p: object): Promise<unknown> } })
        .switchboard;
      await bridge.updateSettings({ language: 'ja' });
    });
    await expect.poll(() => menuLabels(app)).toEqual(expect.arrayContaining(['ファイル', '編集', '表示']));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  });

  test('the key-entry window is titled in the interface language from the moment it exists', async ({
    switchboard,
  }) => {
    await mkdir(switchboard.dataDir, { recursive: true });
    await writeFile(
      join(switchboard.dataDir, 'settings.json'),
      `${JSON.stringify({ formatVersion: 1, settings: { language: 'de' } })}\n`,
      { mode: 0o600 },
    );
    const german = (id: string) => catalogIntl('de').formatMessage({ id });
    const { app, page } = await switchboard.start();
    // Each window's native title as it is created ('browser-window-created' is emitted from the
    // constructor, lib/browser/api/browser-window.ts _init, after the options are applied) and each
    // time its page sets a title (listeners run before Electron would copy the page's title,
    // electron_api_browser_window.cc OnPageTitleUpdated).
    await app.evaluate(({ app: electronApp }) => {
      const seen: string[] = [];
      (globalThis as unknown as { e2eTitles: string[] }).e2eTitles = seen;
      electronApp.on('browser-window-created', (_event, win) => {
        seen.push(`created: ${win.getTitle()}`);
        win.on('page-title-updated', (_e, title) => seen.push(`page: ${title}`));
      });
    });
    const opened = app.waitForEvent('window');
    await page.getByRole('button', { name: german('onboarding.typeIt') }).click();
    const keyPage = await opened;
    await expect(keyPage.getByRole('heading', { name: german('keyEntry.title') })).toBeVisible();
    await expect(keyPage).toHaveTitle(german('keyEntry.title'));

    const nativeTitle = () =>
      app.evaluate(
        ({ BrowserWindow }) =>
          BrowserWindow.getAllWindows()
            .find((w) => w.webContents.getURL().startsWith('app://switchboard-key'))
            ?.getTitle() ?? null,
      );
    await expect.poll(nativeTitle).toBe(german('keyEntry.title'));
    const seen = await app.evaluate(() => (globalThis as unknown as { e2eTitles: string[] }).e2eTitles);
    // Created with main's German title, never shown with key-entry.html's static English <title>.
    expect(seen[0]).toBe(`created: ${german('keyEntry.title')}`);
    expect(await nativeTitle()).not.toBe('Enter your OpenRouter key');
  });
});
