import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

test.skip(!electronBinary, SKIP_REASON);

/**
 * Updates (issue 20) in the real app. The suite runs the unpackaged build (`electron .`), so
 * `app.isPackaged` is false (Electron docs/api/app.md, `app.isPackaged`): main does not create
 * electron-updater's updater at all (main/index.ts) and the window says this build does not check.
 * What needs a packaged, signed build — a real feed, Squirrel.Mac's and NSIS's signature checks — is
 * not reachable from here; the loopback-feed test drives electron-updater's own feed and download code
 * in Node (main/electron/updater-adapter.feed.test.ts).
 */
test.describe('updates in Electron', () => {
  test('an unpackaged app reports that it does not check for updates, and checks nothing', async ({
    switchboard,
  }) => {
    const { page } = await switchboard.start();
    await page.getByRole('button', { name: 'Settings' }).click();
    const updates = page.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Updates' });
    const notChecked =
      'Updates are checked only in the installed app. This is a development build, so Switchboard does not check for updates.';
    await expect(updates.getByRole('status')).toHaveText(notChecked);
    await updates.getByRole('button', { name: 'Check for updates' }).click();
    await expect(updates.getByRole('status')).toHaveText(notChecked);
    // No banner: nothing was downloaded.
    await expect(page.getByRole('region', { name: 'Update' }).getByRole('button')).toHaveCount(0);
  });

  test('electron-updater itself loads in the real main process and skips an unpackaged app without crashing', async ({
    switchboard,
  }) => {
    const { app, page } = await switchboard.start();
    const result = await app.evaluate(async ({ app: electronApp }) => {
      // main is an ES module (no `require` in scope): Node's own createRequire, reached through
      // `process.getBuiltinModule` (Node 22.3+; Electron 40 already ships Node 24.11.1 — the
      // electronjs.org "Electron 40.0.0" release post), resolves electron-updater from the app's root.
      const { createRequire } = process.getBuiltinModule('node:module');
      const requireFromApp = createRequire(`${electronApp.getAppPath()}/package.json`);
      const { autoUpdater } = requireFromApp('electron-updater') as typeof import('electron-updater');
      autoUpdater.autoDownload = false;
      autoUpdater.autoInstallOnAppQuit = false;
      // AppUpdater.isUpdaterActive: "Skip checkForUpdates because application is not packed and dev
      // update config is not forced" — it answers null and requests nothing.
      const check = await autoUpdater.checkForUpdates();
      return {
        isPackaged: electronApp.isPackaged,
        check,
        currentVersion: autoUpdater.currentVersion.version,
      };
    });
    expect(result).toEqual({ isPackaged: false, check: null, currentVersion: expect.any(String) });
    // The app is still alive and usable.
    await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  });
});
