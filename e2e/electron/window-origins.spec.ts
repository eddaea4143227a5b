import type { ElectronApplication, Page } from '@playwright/test';
import { onboarding } from './app-helpers';
import { electronBinary, expect, SKIP_REASON, type Switchboard, test } from './fixtures';

/**
 * The key-entry window on its own origin (main/protocol/resolve-asset.ts): the chat page is
 * `app://switchboard/index.html`, the key-entry page `app://switchboard-key/key-entry.html`. Hosts of
 * a standard scheme are distinct origins (main registers `app` standard once, for every host:
 * `protocol.registerSchemesAsPrivileged` is per scheme and "can be called only once",
 * docs/api/protocol.md; shell/browser/api/electron_api_protocol.cc calls url::AddStandardScheme) and
 * distinct sites, and Electron runs Chromium's site-per-process mode (shell/browser/feature_list.cc
 * names it; electron/electron#33585: site isolation makes cross-site navigations spawn a new renderer,
 * and only `--disable-site-isolation-trials` turns it off), so the two pages must run in different
 * renderer processes. (Two separate top-level windows usually get two processes anyway; what this
 * test adds over that is that they are on different origins, which is what keeps them apart.) This suite shows it in the
 * real app, together with each window's own navigation rule and each host serving only its page.
 */

test.skip(!electronBinary, SKIP_REASON);

const CHAT_URL = 'app://switchboard/index.html';
const KEY_URL = 'app://switchboard-key/key-entry.html';

async function openKeyWindow(switchboard: Switchboard): Promise<{
  app: ElectronApplication;
  page: Page;
  keyPage: Page;
}> {
  const { app, page } = await switchboard.start();
  const opened = app.waitForEvent('window');
  await onboarding(page).getByRole('button', { name: 'Type it in a separate window' }).click();
  const keyPage = await opened;
  await expect(keyPage.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();
  return { app, page, keyPage };
}

/** Main's log lines for a navigation it blocked in a window of `kind` (`chat`, `key-entry`, `none`). */
async function blockedNavigations(switchboard: Switchboard, kind: string): Promise<string[]> {
  return (await switchboard.mainLog()).filter(
    (line) => line.includes('blocked navigation') && line.includes(`window="${kind}"`),
  );
}

test('the key-entry window is on its own origin, in a different renderer process from the chat window', async ({
  switchboard,
}) => {
  const { app, page, keyPage } = await openKeyWindow(switchboard);
  expect(page.url()).toBe(CHAT_URL);
  expect(keyPage.url()).toBe(KEY_URL);
  // The origin each page itself has (what its storage, DOM access and IPC sender checks are keyed on).
  expect(await page.evaluate(() => window.origin)).toBe('app://switchboard');
  expect(await keyPage.evaluate(() => window.origin)).toBe('app://switchboard-key');

  // webContents.getOSProcessId(): the renderer's operating-system pid (docs/api/web-contents.md).
  const windows = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => ({
      url: w.webContents.getURL(),
      pid: w.webContents.getOSProcessId(),
    })),
  );
  const chat = windows.find((w) => w.url === CHAT_URL);
  const key = windows.find((w) => w.url === KEY_URL);
  expect(chat, JSON.stringify(windows)).toBeDefined();
  expect(key, JSON.stringify(windows)).toBeDefined();
  expect(chat?.pid).toBeGreaterThan(0);
  expect(key?.pid).toBeGreaterThan(0);
  expect(key?.pid, "the key-entry page shares the chat page's renderer process").not.toBe(chat?.pid);
});

test("each window stays at its own place: neither page can take the other one's", async ({ switchboard }) => {
  const { page, keyPage } = await openKeyWindow(switchboard);
  // Page-initiated navigations (main's will-navigate rule decides); main's own loadURL is not one.
  await keyPage.evaluate((url) => {
    window.location.href = url;
  }, CHAT_URL);
  await page.evaluate((url) => {
    window.location.href = url;
  }, KEY_URL);
  await expect
    .poll(async () => (await blockedNavigations(switchboard, 'key-entry')).some((l) => l.includes(CHAT_URL)))
    .toBe(true);
  await expect
    .poll(async () => (await blockedNavigations(switchboard, 'chat')).some((l) => l.includes(KEY_URL)))
    .toBe(true);
  expect(keyPage.url()).toBe(KEY_URL);
  expect(page.url()).toBe(CHAT_URL);
  await expect(keyPage.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Switchboard', level: 1 })).toBeVisible();

  // Another page of the key-entry host is not the key-entry page either.
  await keyPage.evaluate(() => {
    window.location.href = 'app://switchboard-key/key-entry.html?next=1';
  });
  await expect
    .poll(async () => (await blockedNavigations(switchboard, 'key-entry')).some((l) => l.includes('next=1')))
    .toBe(true);
  expect(keyPage.url()).toBe(KEY_URL);
});

test('a web contents main did not create as a window may not navigate, not even within our origin', async ({
  switchboard,
}) => {
  const { app } = await switchboard.start();
  const outcome = await app.evaluate(async ({ BrowserWindow }, url) => {
    const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
    try {
      // Main-initiated, so no rule applies to this load (no bridge here: the window has no preload).
      await win.loadURL(url);
      const before = win.webContents.getURL();
      // Main's will-navigate listener was added when the contents was created, so it has run first.
      const verdict = new Promise<string>((resolve) => {
        win.webContents.once('will-navigate', (event) =>
          resolve(event.defaultPrevented ? 'prevented' : 'allowed'),
        );
        setTimeout(() => resolve('no will-navigate in 10 s'), 10_000);
      });
      // A page-initiated navigation to another page of the same origin (the old rule allowed it).
      await win.webContents.executeJavaScript(`location.href = 'app://switchboard/'; 1`);
      return { before, verdict: await verdict, after: win.webContents.getURL() };
    } finally {
      win.destroy();
    }
  }, CHAT_URL);
  expect(outcome.verdict).toBe('prevented');
  expect(outcome.after).toBe(outcome.before);
  await expect
    .poll(async () =>
      (await blockedNavigations(switchboard, 'none')).some((l) => l.includes('url="app://switchboard/"')),
    )
    .toBe(true);
});

test('each host serves only its own page', async ({ switchboard }) => {
  const { page, keyPage } = await openKeyWindow(switchboard);
  const statuses = (p: Page, paths: string[]) =>
    p.evaluate(async (list) => {
      const out: Record<string, number | string> = {};
      for (const path of list) {
        try {
          out[path] = (await fetch(path)).status;
        } catch (error) {
          out[path] = `failed: ${(error as Error).message}`;
        }
      }
      return out;
    }, paths);
  expect(await statuses(page, ['/index.html', '/key-entry.html', '/KEY-ENTRY.HTML'])).toEqual({
    '/index.html': 200,
    '/key-entry.html': 404,
    '/KEY-ENTRY.HTML': 404,
  });
  expect(await statuses(keyPage, ['/key-entry.html', '/index.html', '/'])).toEqual({
    '/key-entry.html': 200,
    '/index.html': 404,
    '/': 404,
  });
});
