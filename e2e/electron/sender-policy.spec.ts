import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { KeyEntryBridge } from '../../common/ipc/bridge-types';
import { onboarding, verifications, type WithBridge } from './app-helpers';
import { electronBinary, expect, SKIP_REASON, type Switchboard, test } from './fixtures';

/**
 * Main answers a bridge call only from our own window of the right kind, from its main frame, at our
 * origin (main/ipc/sender-policy.ts); anything else gets `forbidden_sender` before any handler runs.
 * Here the real preloads are put where they do not belong — a window main did not create as a chat
 * window, our chat window after main navigated it elsewhere, the chat window with the key-entry
 * bridge, the key-entry window with the chat bridge — and every call from there must be refused.
 */

test.skip(!electronBinary, SKIP_REASON);

interface CallResult {
  ok: boolean;
  error?: { code: string; message: string };
}

interface BridgeProbe {
  exposed: boolean;
  results: Record<string, CallResult>;
}

/**
 * Runs in a page's main world (as page script): a few chat-bridge calls, including ones that would
 * read the clipboard or reach OpenRouter if they were allowed.
 */
const CHAT_BRIDGE_PROBE = `(async () => {
  const bridge = window.switchboard;
  if (typeof bridge !== 'object' || bridge === null) return { exposed: false, results: {} };
  return {
    exposed: true,
    results: {
      getAppInfo: await bridge.getAppInfo(),
      getKeyStatus: await bridge.getKeyStatus(),
      listModels: await bridge.listModels({ refresh: true }),
      importKeyFromClipboard: await bridge.importKeyFromClipboard({ persistence: 'session' }),
    },
  };
})()`;

function expectAllRefused(results: Record<string, CallResult>, where: string): void {
  expect(Object.keys(results).length, `calls made from ${where}`).toBeGreaterThan(0);
  for (const [name, result] of Object.entries(results)) {
    expect(result, `${name} from ${where}`).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender', message: 'This call is not allowed from here.' },
    });
  }
}

/** The built preloads, where the running app loads them from. */
async function preloadPaths(switchboard: Switchboard): Promise<{ chat: string; keyEntry: string }> {
  const appPath = await switchboard.app.evaluate(({ app }) => app.getAppPath());
  const paths = {
    chat: join(appPath, 'out', 'preload', 'chat.cjs'),
    keyEntry: join(appPath, 'out', 'preload', 'key-entry.cjs'),
  };
  expect(existsSync(paths.chat), paths.chat).toBe(true);
  expect(existsSync(paths.keyEntry), paths.keyEntry).toBe(true);
  return paths;
}

/** A loopback page on a foreign origin: plain HTML, as any web page the window could be sent to. */
async function startForeignSite(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Not Switchboard</title><p>A foreign page.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Main's log lines that record a refusal for `scope` (`ipc` or `ipc-key-entry`) and `reason`. */
async function refusals(switchboard: Switchboard, scope: string, reason: string): Promise<string[]> {
  return (await switchboard.mainLog()).filter(
    (line) => line.includes(`[${scope}] refused IPC call`) && line.includes(`reason="${reason}"`),
  );
}

test('a window main did not create as a chat window is refused, on a foreign origin and on ours', async ({
  switchboard,
  emulator,
}) => {
  await switchboard.start();
  const { chat } = await preloadPaths(switchboard);
  const modelsBefore = emulator.requests.filter((r) => r.path === '/api/v1/models').length;
  const foreign = await startForeignSite();
  try {
    const pages = [
      // A web page: in its own session (the app cancels http in the default one), with the chat preload.
      { url: `${foreign.origin}/page.html`, partition: `e2e-foreign-${randomBytes(4).toString('hex')}` },
      // Our own origin and bundle, but not one of the chat windows main created.
      { url: 'app://switchboard/index.html', partition: null },
    ];
    for (const { url, partition } of pages) {
      const outcome = await switchboard.app.evaluate(
        async ({ BrowserWindow }, input) => {
          const win = new BrowserWindow({
            show: false,
            webPreferences: {
              preload: input.preload,
              sandbox: true,
              contextIsolation: true,
              nodeIntegration: false,
              ...(input.partition ? { partition: input.partition } : {}),
            },
          });
          try {
            await win.loadURL(input.url);
            return {
              url: win.webContents.getURL(),
              probe: (await win.webContents.executeJavaScript(input.probe)) as unknown,
            };
          } finally {
            win.destroy();
          }
        },
        { preload: chat, url, partition, probe: CHAT_BRIDGE_PROBE },
      );
      expect(outcome.url).toBe(url);
      const probe = outcome.probe as BridgeProbe;
      expect(probe.exposed, `the chat preload ran in ${url}`).toBe(true);
      expectAllRefused(probe.results, url);
    }
  } finally {
    await foreign.close();
  }

  expect(
    emulator.requests.filter((r) => r.path === '/api/v1/models').length,
    'a refused listModels reached OpenRouter',
  ).toBe(modelsBefore);
  await expect
    .poll(async () => (await refusals(switchboard, 'ipc', 'not one of our windows')).length)
    .toBeGreaterThanOrEqual(2 * 4);
});

test('our chat window, navigated by main to a data: URL, is refused as a foreign origin', async ({
  switchboard,
}) => {
  await switchboard.start();
  const foreignUrl = `data:text/html;charset=utf-8,${encodeURIComponent('<title>Foreign</title><p>Not Switchboard</p>')}`;
  const outcome = await switchboard.app.evaluate(
    async ({ BrowserWindow }, input) => {
      const chatWindow = BrowserWindow.getAllWindows().find(
        (w) => w.webContents.getURL() === 'app://switchboard/index.html',
      );
      if (!chatWindow) throw new Error('no chat window');
      // Main-initiated, so the app's will-navigate guard (for page-initiated navigation) does not apply.
      await chatWindow.webContents.loadURL(input.url);
      return {
        url: chatWindow.webContents.getURL(),
        probe: (await chatWindow.webContents.executeJavaScript(input.probe)) as unknown,
      };
    },
    { url: foreignUrl, probe: CHAT_BRIDGE_PROBE },
  );
  expect(outcome.url).toBe(foreignUrl);
  const probe = outcome.probe as BridgeProbe;
  if (probe.exposed) {
    expectAllRefused(probe.results, 'a data: URL in the chat window');
    await expect
      .poll(async () => (await refusals(switchboard, 'ipc', 'foreign origin')).length)
      .toBeGreaterThanOrEqual(4);
  } else {
    // No preload in a data: document: there is no bridge to call at all, which is as good.
    expect(probe.results).toEqual({});
    test.info().annotations.push({ type: 'note', description: 'the preload did not run in the data: URL' });
  }
});

test('the key-entry channels called from the chat window are refused', async ({ switchboard, emulator }) => {
  const { app, page } = await switchboard.start();
  const { keyEntry } = await preloadPaths(switchboard);
  // Give the chat window the key-entry bridge too (a session preload runs before the window's own).
  await app.evaluate(({ session }, filePath) => {
    session.defaultSession.registerPreloadScript({ id: 'e2e-key-entry-bridge', type: 'frame', filePath });
  }, keyEntry);
  await page.reload();
  await expect(onboarding(page)).toBeVisible();

  const fakeKey = `sk-or-v1-${randomBytes(32).toString('hex')}`;
  const results = await page.evaluate(async (key) => {
    const bridge = (window as unknown as { switchboardKeyEntry?: KeyEntryBridge }).switchboardKeyEntry;
    if (!bridge) return null;
    return {
      getKeyEntryContext: await bridge.getKeyEntryContext(),
      submit: await bridge.submit({ key, persistence: 'session' }),
      cancel: await bridge.cancel(),
    };
  }, fakeKey);
  expect(results, 'the key-entry preload ran in the chat window').not.toBeNull();
  expectAllRefused((results ?? {}) as Record<string, CallResult>, 'the chat window');
  expect(verifications(emulator), 'a refused submit reached OpenRouter').toHaveLength(0);
  // The chat bridge itself still works from its own window: the refusal is about the contract.
  const status = await page.evaluate(() => (window as unknown as WithBridge).switchboard.getKeyStatus());
  expect(status.ok, 'getKeyStatus from the chat window').toBe(true);
  expect(['none', 'unavailable'], 'no key was stored').toContain(status.ok ? status.value.state : 'error');
  await expect
    .poll(async () => (await refusals(switchboard, 'ipc-key-entry', 'not one of our windows')).length)
    .toBeGreaterThanOrEqual(3);
});

test('the chat channels called from the key-entry window are refused', async ({ switchboard }) => {
  const { app, page } = await switchboard.start();
  const { chat } = await preloadPaths(switchboard);
  // Windows created from now on also get the chat bridge (the open chat window is not reloaded).
  await app.evaluate(({ session }, filePath) => {
    session.defaultSession.registerPreloadScript({ id: 'e2e-chat-bridge', type: 'frame', filePath });
  }, chat);
  const opened = app.waitForEvent('window');
  await onboarding(page).getByRole('button', { name: 'Type it in a separate window' }).click();
  const keyPage = await opened;
  await expect(keyPage.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();

  // Its own bridge works: this is a real key-entry window that main opened.
  const own = await keyPage.evaluate(() =>
    (window as unknown as { switchboardKeyEntry: KeyEntryBridge }).switchboardKeyEntry.getKeyEntryContext(),
  );
  expect(own.ok).toBe(true);
  const probe = (await keyPage.evaluate(CHAT_BRIDGE_PROBE)) as BridgeProbe;
  expect(probe.exposed, 'the chat preload ran in the key-entry window').toBe(true);
  expectAllRefused(probe.results, 'the key-entry window');
  await expect
    .poll(async () => (await refusals(switchboard, 'ipc', 'not one of our windows')).length)
    .toBeGreaterThanOrEqual(4);
});
