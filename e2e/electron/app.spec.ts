import { chatContract } from '../../common/ipc/contract';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

test.skip(!electronBinary, SKIP_REASON);

test.describe('Switchboard in Electron', () => {
  test('opens a hardened window served from app://', async ({ switchboard }) => {
    const { page } = await switchboard.start();
    await expect(page.getByRole('heading', { name: 'Switchboard' })).toBeVisible();
    expect(page.url()).toBe('app://switchboard/index.html');
    // Isolation and sandbox as seen from the page: no Node, no Electron internals.
    const globals = await page.evaluate(() => ({
      process: typeof (globalThis as { process?: unknown }).process,
      require: typeof (globalThis as { require?: unknown }).require,
      isolated: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({ process: 'undefined', require: 'undefined', isolated: 'undefined' });
    // The page has the bridge, exactly the chat contract's named functions, and nothing of Node.
    const names = await page.evaluate(() =>
      Object.keys((window as unknown as { switchboard: object }).switchboard),
    );
    expect(names.sort()).toEqual(Object.keys(chatContract).sort());
  });

  test('refuses navigation away from the app', async ({ switchboard }) => {
    const { page } = await switchboard.start();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    // Main saw the attempt and cancelled it (so the unchanged URL below is not just "too early").
    await expect
      .poll(async () => (await switchboard.mainLog()).some((l) => /blocked navigation.*example\.com/.test(l)))
      .toBe(true);
    expect(page.url()).toBe('app://switchboard/index.html');
    await expect(page.getByRole('heading', { name: 'Switchboard', level: 1 })).toBeVisible();
  });
});
