import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
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
});
