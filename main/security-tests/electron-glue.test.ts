/**
 * The Electron glue (main/index.ts and main/electron/*), run for real against a fake `electron`
 * module: there is no Electron binary here, but the glue's decisions are plain code. This boots main
 * the way Electron would (module load, then `ready`) and checks what it did:
 *
 * - an unpackaged run without a named profile gets the development profile, before the lock;
 * - the single-instance lock is taken before anything else, and a second instance starts nothing;
 * - the `app://` scheme is registered privileged, every asset it serves carries the CSP, and each
 *   page is served only on its own host (chat: `app://switchboard`, key entry: `app://switchboard-key`);
 * - every web contents gets its window kind's navigation rule (none at all for contents main did not
 *   create) and the window.open / webview rules, every download is cancelled, every permission is
 *   denied except the chat main frame's clipboard write, all before the first window exists;
 * - windows get the hardened options and load their own page;
 * - `OPENROUTER_API_KEY` is gone from the environment before the first window (children inherit it);
 * - ipcMain answers only our window's main frame at its origin, the key-entry contract only at its
 *   exact page (the real `senderInfoOf`);
 * - `shell.openExternal` sees only https URLs the person confirmed, or the fixed key-settings page;
 * - the vault file holds ciphertext only, and the log file never the key.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatContract, keyEntryContract } from '../../common/ipc/contract';
import type { Result } from '../../common/ipc/define';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
import { createFakeElectron } from '../electron/testing/fake-electron';
import { hardenedWebPreferences } from '../electron/window-options';
import { contentSecurityPolicy } from '../protocol/content-security-policy';

// vi.mock is hoisted above this line, but its factories run only when main first imports
// `electron` (inside the tests, `import('../index')`), and again after each vi.resetModules(): they
// hand back this one fake every time, so the tests read what the booted glue did.
const fake = createFakeElectron();

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));
vi.mock('electron-store', () => ({ default: fake.FakeStore }));

const { state } = fake;
let emulator: Emulator;
let userData: string;
const savedEnv = { ...process.env };
const stderrWrite = process.stderr.write.bind(process.stderr);

type IpcHandler = (event: unknown, payload: unknown) => Promise<Result<unknown>>;

function ipc(channel: string): IpcHandler {
  const handler = state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no ipcMain handler for ${channel}`);
  return handler as IpcHandler;
}

/** An IPC event as Electron builds it: the sender's web contents and the frame that sent it. */
function eventFrom(contents: InstanceType<typeof fake.FakeWebContents>, frame?: unknown) {
  return { sender: contents, senderFrame: frame === undefined ? contents.mainFrame : frame };
}

type Contents = InstanceType<typeof fake.FakeWebContents>;

/**
 * Emits `will-navigate` / `will-redirect` on `contents` as Electron 45 does (the URL in the event's
 * details, and again as the deprecated second argument); true when main prevented it.
 */
function navigate(contents: Contents, name: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(name, { url, isMainFrame: true, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

/** Emits `will-frame-navigate` (one details object, docs/api/web-contents.md); true when prevented. */
function frameNavigate(contents: Contents, url: string, isMainFrame: boolean): boolean {
  let prevented = false;
  contents.emit('will-frame-navigate', { url, isMainFrame, preventDefault: () => (prevented = true) });
  return prevented;
}

/** Main's permission check handler: (webContents | null, permission, requestingOrigin, details). */
function check(contents: Contents | null, permission: string, origin: string, details: object): unknown {
  return state.permission.check?.(contents, permission, origin, details);
}

/** Main's permission request handler: (webContents, permission, callback, details); the answers given. */
function request(contents: Contents, permission: string, details: object): unknown[] {
  const answers: unknown[] = [];
  state.permission.request?.(contents, permission, (granted: unknown) => answers.push(granted), details);
  return answers;
}

/** Every permission name but the clipboard write (Electron 45's list, docs/api/session.md). */
const OTHER_PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'deprecated-sync-clipboard-read',
  'clipboard-write',
  'fullscreen',
  'openExternal',
  'pointerLock',
  'keyboardLock',
  'midi',
  'midiSysex',
  'hid',
  'serial',
  'usb',
  'display-capture',
  'idle-detection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'fileSystem',
  'unknown',
];

/** A request to main's `app://` protocol handler. */
function get(url: string): Promise<Response> {
  const handler = state.protocolHandlers.get('app');
  if (!handler) throw new Error('no app:// handler');
  return handler({ url });
}

function resetState(lock: boolean) {
  state.calls.length = 0;
  state.lock = lock;
  state.windows.length = 0;
  state.loads.length = 0;
  state.privileged.length = 0;
  state.protocolHandlers.clear();
  state.ipcHandlers.clear();
  state.shellOpened.length = 0;
  state.sessionListeners.clear();
  state.isPackaged = false;
  state.switches.clear();
  state.dictionaryUrl = null;
}

beforeAll(async () => {
  emulator = await startEmulator();
  userData = await mkdtemp(join(tmpdir(), 'switchboard-glue-'));
  process.env.SWITCHBOARD_USER_DATA_DIR = userData;
  process.env.SWITCHBOARD_OPENROUTER_BASE_URL = emulator.baseUrl;
  // Main's file logger also writes to stderr; keep the test output readable.
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) =>
    /^\d{4}-\d\d-\d\dT\S+ (DEBUG|INFO|WARN|ERROR) \[/.test(String(chunk))
      ? true
      : stderrWrite(chunk, ...rest)) as typeof process.stderr.write);
});

afterAll(async () => {
  process.env = savedEnv;
  vi.restoreAllMocks();
  await emulator?.close();
  if (userData) await rm(userData, { recursive: true, force: true });
});

describe('a second instance', () => {
  it('quits without registering the scheme, waiting for ready, or opening anything', async () => {
    resetState(false);
    vi.resetModules();
    await import('../index');
    expect(state.calls).toEqual(['setPath:userData', 'requestSingleInstanceLock', 'quit']);
    expect(state.windows).toEqual([]);
    expect(state.ipcHandlers.size).toBe(0);
  });
});

describe('the user-data directory (set before the single-instance lock, which is scoped to it)', () => {
  let appData: string;
  beforeAll(async () => {
    appData = await mkdtemp(join(tmpdir(), 'switchboard-appdata-'));
  });
  afterAll(async () => {
    process.env.SWITCHBOARD_USER_DATA_DIR = userData;
    if (appData) await rm(appData, { recursive: true, force: true });
  });

  /** Loads main as a second instance (so it stops after the lock) and returns what it set. */
  async function bootWithoutLock(isPackaged: boolean) {
    resetState(false);
    state.isPackaged = isPackaged;
    state.paths.clear();
    state.paths.set('appData', appData);
    delete process.env.SWITCHBOARD_USER_DATA_DIR;
    vi.resetModules();
    await import('../index');
    return { calls: [...state.calls], userData: state.paths.get('userData') };
  }

  it('npm start (unpackaged) without a named profile uses "<appData>/Switchboard (development)"', async () => {
    const { calls, userData: dir } = await bootWithoutLock(false);
    const expected = join(appData, 'Switchboard (development)');
    expect(dir).toBe(expected);
    expect(calls).toEqual(['setPath:userData', 'requestSingleInstanceLock', 'quit']);
    // Created private, so Electron's setPath (which documents an error for a missing folder) accepts it.
    expect((await stat(expected)).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect((await stat(expected)).mode & 0o777).toBe(0o700);
  });

  it('a user-data directory that cannot be created stops the launch with a message, before the lock', async () => {
    const file = join(appData, 'not-a-folder');
    await writeFile(file, '');
    resetState(true);
    process.env.SWITCHBOARD_USER_DATA_DIR = join(file, 'profile');
    vi.resetModules();
    await expect(import('../index')).rejects.toThrow();
    expect(state.calls).toEqual(['showErrorBox:Switchboard cannot start', 'exit:1']);
    expect(state.errorBoxes.at(-1)).toMatch(/user-data directory .*not-a-folder.*SWITCHBOARD_USER_DATA_DIR/s);
  });

  it('the packaged app keeps the platform default profile', async () => {
    const { calls, userData: dir } = await bootWithoutLock(true);
    expect(dir).toBeUndefined();
    expect(calls).toEqual(['requestSingleInstanceLock', 'quit']);
  });
});

describe('the first instance, booted against a fake Electron', () => {
  let chat: InstanceType<typeof fake.FakeWebContents>;

  beforeAll(async () => {
    resetState(true);
    vi.resetModules();
    process.env.OPENROUTER_API_KEY = emulator.defaultKey;
    const firstLoad = new Promise<void>((resolve) => {
      state.onLoad = () => resolve();
    });
    await import('../index');
    // Nothing beyond the lock, the scheme and waiting for ready happens at module load.
    expect(state.calls).toEqual([
      'setPath:userData',
      'requestSingleInstanceLock',
      'appendSwitch:host-resolver-rules',
      'registerSchemesAsPrivileged',
      'whenReady',
    ]);
    state.envKeyBeforeReady = process.env.OPENROUTER_API_KEY;
    state.readyResolve();
    await firstLoad;
    chat = (state.windows[0] as { webContents: InstanceType<typeof fake.FakeWebContents> }).webContents;
  }, 20_000);

  afterAll(async () => {
    // Quit as Electron would: before-quit, then main flushes history and quits for real.
    const quitted = new Promise<void>((resolve) => {
      state.onQuit = resolve;
    });
    const event = { defaultPrevented: false, preventDefault() {} };
    fake.module.app.emit('before-quit', event);
    await quitted;
  });

  it('registers app:// as a standard, secure scheme only (no CSP bypass)', () => {
    expect(state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('installs the web-contents rules, the permission handlers and the download block before the first window', () => {
    const firstWindow = state.calls.indexOf('new BrowserWindow');
    expect(firstWindow).toBeGreaterThan(0);
    for (const before of [
      'app.on:web-contents-created',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'session.on:will-download',
      'protocol.handle:app',
    ]) {
      const at = state.calls.indexOf(before);
      expect(at, before).toBeGreaterThan(-1);
      expect(at, before).toBeLessThan(firstWindow);
    }
  });

  it('builds the chat window from the hardened options and loads app://switchboard/index.html', () => {
    expect(state.windows).toHaveLength(1);
    const options = state.windows[0]?.options as { webPreferences?: { preload?: string } };
    const preload = options.webPreferences?.preload ?? '';
    expect(preload).toMatch(/preload[\\/]chat\.cjs$/);
    expect(options.webPreferences).toEqual(hardenedWebPreferences(preload));
    expect(state.loads).toEqual(['app://switchboard/index.html']);
  });

  it('removed OPENROUTER_API_KEY from the environment at module load, before ready (children launched before ready inherit it)', () => {
    expect(state.envKeyBeforeReady).toBeUndefined();
  });

  it('turns off name resolution in Chromium (dns-prefetch, blocked-iframe lookups) before ready', () => {
    expect(state.switches.get('host-resolver-rules')).toBe('MAP * ~NOTFOUND');
  });

  it('points spellchecker dictionary downloads at a non-network URL before anything else uses the session', () => {
    expect(state.dictionaryUrl).toBe('app://switchboard/no-dictionaries/');
    const setAt = state.calls.indexOf('setSpellCheckerDictionaryDownloadURL');
    for (const after of ['setPermissionRequestHandler', 'session.on:will-download', 'new BrowserWindow']) {
      expect(setAt, after).toBeLessThan(state.calls.indexOf(after));
    }
  });

  it('removed OPENROUTER_API_KEY from the environment before the first window', () => {
    expect(state.envKeyAtFirstWindow).toBeUndefined();
    expect(process.env.OPENROUTER_API_KEY).toBeUndefined();
  });

  it('the chat window may navigate only within app://switchboard; window.open and webviews are denied', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:9/',
      // The key-entry page: its own origin, never in the chat window.
      'app://switchboard-key/key-entry.html',
      'app://switchboard-key/',
      'app://switchboard.evil/index.html',
      'app://switchboardx/',
      'app://evil/app://switchboard/',
      'app://switchboard@evil/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
    ]) {
      expect(navigate(chat, 'will-navigate', url), `will-navigate ${url}`).toBe(true);
      expect(navigate(chat, 'will-redirect', url), `will-redirect ${url}`).toBe(true);
      expect(frameNavigate(chat, url, true), `will-frame-navigate (main frame) ${url}`).toBe(true);
    }
    // A reload of our own page is still allowed (the rule is not "deny everything").
    for (const url of ['app://switchboard/index.html', 'app://switchboard/', 'app://switchboard']) {
      expect(navigate(chat, 'will-navigate', url), url).toBe(false);
      expect(navigate(chat, 'will-redirect', url), url).toBe(false);
      expect(frameNavigate(chat, url, true), url).toBe(false);
    }

    expect(chat.windowOpenHandler).toBeTypeOf('function');
    for (const url of [
      'https://openrouter.ai/',
      'app://switchboard/index.html',
      'app://switchboard-key/key-entry.html',
      'about:blank',
      'javascript:1',
    ]) {
      expect(
        chat.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }),
      ).toEqual({
        action: 'deny',
      });
    }

    let webviewPrevented = false;
    chat.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    expect(webviewPrevented).toBe(true);
  });

  it('cancels every subframe navigation (no page of ours has a frame), our own pages included', () => {
    for (const url of [
      'http://127.0.0.1:9/frame',
      'https://data.attacker.example/',
      'app://switchboard.evil/index.html',
      'app://switchboard/index.html',
      'app://switchboard-key/key-entry.html',
      'about:blank',
      'data:text/html,<p>x</p>',
    ]) {
      expect(frameNavigate(chat, url, false), `subframe ${url}`).toBe(true);
    }
  });

  it('a web contents main did not create as a window may navigate nowhere, not even to our pages', () => {
    const stranger = new fake.FakeWebContents('app://switchboard/index.html');
    fake.module.app.emit('web-contents-created', {}, stranger);
    for (const url of [
      'app://switchboard/index.html',
      'app://switchboard-key/key-entry.html',
      'https://evil.example/',
    ]) {
      expect(navigate(stranger, 'will-navigate', url), url).toBe(true);
      expect(navigate(stranger, 'will-redirect', url), url).toBe(true);
      expect(frameNavigate(stranger, url, true), url).toBe(true);
    }
    expect(
      stranger.windowOpenHandler?.({
        url: 'about:blank',
        frameName: '',
        features: '',
        disposition: 'new-window',
      }),
    ).toEqual({ action: 'deny' });
  });

  it('cancels every network request a renderer starts, before it connects', () => {
    expect(state.networkBlock?.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    const answers: unknown[] = [];
    state.networkBlock?.listener({ url: 'http://127.0.0.1:9/frame' }, (r: unknown) => answers.push(r));
    expect(answers).toEqual([{ cancel: true }]);
    expect(state.calls.indexOf('webRequest.onBeforeRequest')).toBeLessThan(
      state.calls.indexOf('new BrowserWindow'),
    );
  });

  it('grants clipboard-sanitized-write (Copy) to the chat main frame at app://switchboard, in both handlers', () => {
    // The shapes Electron passes (docs/api/session.md): the check handler gets the requesting origin
    // as a URL with its slash; both get details.isMainFrame and details.requestingUrl.
    const mainFrame = { isMainFrame: true, requestingUrl: 'app://switchboard/index.html' };
    expect(check(chat, 'clipboard-sanitized-write', 'app://switchboard/', mainFrame)).toBe(true);
    expect(request(chat, 'clipboard-sanitized-write', mainFrame)).toEqual([true]);
  });

  it('denies every other permission to the chat window, and the clipboard write to iframes, other origins and strangers', () => {
    const mainFrame = { isMainFrame: true, requestingUrl: 'app://switchboard/index.html' };
    for (const permission of OTHER_PERMISSIONS) {
      expect(request(chat, permission, mainFrame), permission).toEqual([false]);
      expect(check(chat, permission, 'app://switchboard/', mainFrame), permission).toBe(false);
    }
    const write = 'clipboard-sanitized-write';
    const iframe = { isMainFrame: false, requestingUrl: 'app://switchboard/index.html' };
    expect(request(chat, write, iframe), 'iframe request').toEqual([false]);
    expect(check(chat, write, 'app://switchboard/', iframe), 'iframe check').toBe(false);
    // Cross-origin subframes' checks come with a null web contents and no requesting URL.
    expect(
      check(null, write, 'app://switchboard/', { isMainFrame: false, embeddingOrigin: 'app://switchboard/' }),
    ).toBe(false);
    const foreign = { isMainFrame: true, requestingUrl: 'https://evil.example/' };
    expect(request(chat, write, foreign), 'foreign page in the chat window').toEqual([false]);
    expect(check(chat, write, 'https://evil.example/', foreign)).toBe(false);
    expect(check(chat, write, 'app://switchboard-key/', { isMainFrame: true })).toBe(false);
    const stranger = new fake.FakeWebContents('app://switchboard/index.html');
    expect(request(stranger, write, mainFrame), 'a web contents that is no window of ours').toEqual([false]);
    expect(check(stranger, write, 'app://switchboard/', mainFrame)).toBe(false);
    expect(state.permission.device?.({ deviceType: 'usb', origin: 'app://switchboard' })).toBe(false);
  });

  it("cancels every download a page starts, and logs it without the URL's contents", async () => {
    const listeners = state.sessionListeners.get('will-download') ?? [];
    expect(listeners).toHaveLength(1);
    const stranger = new fake.FakeWebContents('https://evil.example/');
    const cases: Array<[InstanceType<typeof fake.FakeWebContents>, string]> = [
      [chat, 'data:text/plain,download-payload-1'],
      [chat, 'blob:app://switchboard/0b1c2d3e-download-payload-2'],
      [chat, 'app://switchboard/index.html'],
      [stranger, 'https://example.com/download-payload-3.zip'],
    ];
    for (const [contents, url] of cases) {
      let prevented = false;
      const item = {
        cancelled: false,
        getURL: () => url,
        cancel() {
          this.cancelled = true;
        },
      };
      for (const listener of listeners)
        listener({ preventDefault: () => (prevented = true) }, item, contents, null);
      expect(prevented, url).toBe(true);
      expect(item.cancelled, url).toBe(true);
    }
    const logFile = join(userData, 'logs', 'main.log');
    await vi.waitFor(async () => {
      const lines = (await readFile(logFile, 'utf8'))
        .split('\n')
        .filter((l) => l.includes('blocked download'));
      expect(lines).toHaveLength(cases.length);
    });
    const log = await readFile(logFile, 'utf8');
    expect(log).not.toMatch(/download-payload/);
  });

  it('serves assets only from the renderer directory, each with the CSP and nosniff', async () => {
    // main/index.ts serves `<main>/../renderer`: from the sources that is renderer/ (index.html exists).
    const page = await get('app://switchboard/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    for (const url of [
      'app://switchboard/..%2fpackage.json',
      'app://switchboard/..%2f..%2fetc%2fpasswd',
      'app://switchboard/%2e%2e%2fpackage.json',
      'app://switchboard/..%5cpackage.json',
      'app://evil/index.html',
      'app://switchboard/does-not-exist.js',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('serves each page only on its own host: index.html on app://switchboard, key-entry.html on app://switchboard-key', async () => {
    const keyPage = await get('app://switchboard-key/key-entry.html');
    expect(keyPage.status).toBe(200);
    expect(keyPage.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(keyPage.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await keyPage.text()).toContain('<title>Enter your OpenRouter key</title>');
    // The page's own script is served on its host (the source tree stands in for the bundle here).
    expect((await get('app://switchboard-key/key-entry/main.tsx')).status).toBe(200);
    for (const url of [
      'app://switchboard/key-entry.html',
      'app://switchboard/Key-Entry.HTML',
      'app://switchboard-key/',
      'app://switchboard-key/index.html',
      'app://switchboard-key/INDEX.html',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('binds exactly the channels of the two contracts to ipcMain', () => {
    const expected = [...Object.values(chatContract), ...Object.values(keyEntryContract)]
      .filter((spec) => spec.kind === 'invoke')
      .map((spec) => spec.channel)
      .sort();
    expect([...state.ipcHandlers.keys()].sort()).toEqual(expected);
  });

  it('answers our main frame, and refuses iframes, foreign origins, unknown senders and gone frames', async () => {
    const info = await ipc(chatContract.getAppInfo.channel)(eventFrom(chat), undefined);
    expect(info).toMatchObject({ ok: true, value: { openRouterOrigin: emulator.origin } });

    const stranger = new fake.FakeWebContents('app://switchboard/index.html');
    const refused: Array<[string, unknown]> = [
      [
        'an iframe of our page',
        eventFrom(chat, { parent: chat.mainFrame, url: 'app://switchboard/index.html' }),
      ],
      ['a frame that is gone', eventFrom(chat, null)],
      [
        'a frame that is not the main frame',
        eventFrom(chat, { parent: null, url: 'app://switchboard/index.html' }),
      ],
      ['a web contents that is no window of ours', eventFrom(stranger)],
    ];
    for (const spec of Object.values(chatContract)) {
      if (spec.kind !== 'invoke') continue;
      for (const [why, event] of refused) {
        const result = await ipc(spec.channel)(event, undefined);
        expect(result, `${spec.channel} from ${why}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden_sender' },
        });
      }
    }
    // The chat window itself cannot use the key-entry channels.
    for (const spec of Object.values(keyEntryContract)) {
      const result = await ipc(spec.channel)(eventFrom(chat), {
        key: emulator.defaultKey,
        persistence: 'session',
      });
      expect(result, spec.channel).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    // After a navigation to a foreign origin (were it ever allowed), the same window is refused too.
    const url = chat.mainFrame.url;
    chat.mainFrame.url = 'https://evil.example/';
    try {
      const result = await ipc(chatContract.getAppInfo.channel)(eventFrom(chat), undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    } finally {
      chat.mainFrame.url = url;
    }
  });

  describe('the key-entry window', () => {
    let key: Contents;

    beforeAll(async () => {
      const opened = await ipc(chatContract.openKeyWindow.channel)(eventFrom(chat), undefined);
      expect(opened).toEqual({ ok: true, value: { opened: true } });
      key = (state.windows[1] as { webContents: Contents }).webContents;
    });

    it('is built from the key-entry options and loads app://switchboard-key/key-entry.html', () => {
      const options = state.windows[1]?.options as { webPreferences?: { preload?: string }; modal?: boolean };
      expect(options.webPreferences?.preload).toMatch(/preload[\\/]key-entry\.cjs$/);
      expect(options.modal).toBe(true);
      expect(state.loads.at(-1)).toBe('app://switchboard-key/key-entry.html');
    });

    it('may be only at its page: not the chat page, not another page of its host', () => {
      expect(navigate(key, 'will-navigate', 'app://switchboard-key/key-entry.html')).toBe(false);
      expect(frameNavigate(key, 'app://switchboard-key/key-entry.html', true)).toBe(false);
      for (const url of [
        'app://switchboard/index.html',
        'app://switchboard/key-entry.html',
        'app://switchboard-key/',
        'app://switchboard-key/index.html',
        'app://switchboard-key/key-entry.html?x=1',
        'https://evil.example/key-entry.html',
        'about:blank',
      ]) {
        expect(navigate(key, 'will-navigate', url), `will-navigate ${url}`).toBe(true);
        expect(navigate(key, 'will-redirect', url), `will-redirect ${url}`).toBe(true);
        expect(frameNavigate(key, url, true), `will-frame-navigate ${url}`).toBe(true);
      }
      expect(frameNavigate(key, 'app://switchboard-key/key-entry.html', false), 'a subframe').toBe(true);
    });

    it('answers the key-entry contract only at app://switchboard-key/key-entry.html', async () => {
      const context = ipc(keyEntryContract.getKeyEntryContext.channel);
      expect(await context(eventFrom(key), undefined)).toMatchObject({ ok: true });
      const url = key.mainFrame.url;
      try {
        for (const elsewhere of [
          'app://switchboard/key-entry.html',
          'app://switchboard-key/index.html',
          'app://switchboard-key/key-entry.html?x=1',
        ]) {
          key.mainFrame.url = elsewhere;
          expect(await context(eventFrom(key), undefined), elsewhere).toMatchObject({
            ok: false,
            error: { code: 'forbidden_sender' },
          });
        }
      } finally {
        key.mainFrame.url = url;
      }
      // And the chat contract never answers it.
      expect(await ipc(chatContract.getAppInfo.channel)(eventFrom(key), undefined)).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    });

    it('gets no permission at all, the clipboard write included', () => {
      const mainFrame = { isMainFrame: true, requestingUrl: 'app://switchboard-key/key-entry.html' };
      for (const permission of ['clipboard-sanitized-write', ...OTHER_PERMISSIONS]) {
        expect(request(key, permission, mainFrame), permission).toEqual([false]);
        expect(check(key, permission, 'app://switchboard-key/', mainFrame), permission).toBe(false);
      }
      // Not even when it claims the chat origin (the window kind decides, not the URL alone).
      const claimed = { isMainFrame: true, requestingUrl: 'app://switchboard/index.html' };
      expect(request(key, 'clipboard-sanitized-write', claimed)).toEqual([false]);
      expect(check(key, 'clipboard-sanitized-write', 'app://switchboard/', claimed)).toBe(false);
    });
  });

  it('opens only confirmed https links, and the key-settings constant, with shell.openExternal', async () => {
    const open = ipc(chatContract.openExternal.channel);
    state.messageBoxes.length = 0;
    for (const url of [
      'http://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pass@example.com/',
      'mailto:a@example.com',
      'app://switchboard/index.html',
      'ms-settings:privacy',
      '//example.com/',
    ]) {
      expect(await open(eventFrom(chat), { url }), url).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
    }
    expect(state.messageBoxes, 'no confirmation shown for refused links').toEqual([]);
    expect(state.shellOpened).toEqual([]);

    state.messageBoxResponse = 1; // Cancel
    expect(await open(eventFrom(chat), { url: 'https://example.com/a' })).toEqual({
      ok: true,
      value: { opened: false },
    });
    expect(state.shellOpened).toEqual([]);
    state.messageBoxResponse = 0; // Open in browser
    expect(await open(eventFrom(chat), { url: 'https://example.com/b' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(state.messageBoxes.map((b) => b.detail)).toEqual([
      'https://example.com/a',
      'https://example.com/b',
    ]);
    // Each confirmation is modal to the chat window that asked.
    expect(state.messageBoxOwners.slice(-2)).toEqual([state.windows[0], state.windows[0]]);

    // "Key exposed?" opens the fixed settings page (no confirmation: main chose the URL).
    expect(await ipc(chatContract.reportKeyExposed.channel)(eventFrom(chat), undefined)).toMatchObject({
      ok: true,
    });
    expect(state.shellOpened).toEqual(['https://example.com/b', 'https://openrouter.ai/settings/keys']);
    for (const url of state.shellOpened) expect(new URL(url).protocol).toBe('https:');
  });

  it('picks export and import files in native dialogs modal to the chat window that asked; cancelling writes and reads nothing', async () => {
    state.fileDialogs.length = 0;
    expect(await ipc(chatContract.exportHistory.channel)(eventFrom(chat), { format: 'markdown' })).toEqual({
      ok: true,
      value: { saved: false, fileName: null },
    });
    expect(await ipc(chatContract.importHistory.channel)(eventFrom(chat), undefined)).toMatchObject({
      ok: true,
      value: { imported: 0, cancelled: true },
    });
    expect(state.fileDialogs.map((d) => [d.kind, d.owner])).toEqual([
      ['save', state.windows[0]],
      ['open', state.windows[0]],
    ]);
    // The save dialog proposes a name in the documents folder; the open dialog takes one JSON file.
    expect(state.fileDialogs[0]?.options.defaultPath).toBe(join(userData, 'switchboard-history.md'));
    expect(state.fileDialogs[1]?.options).toMatchObject({
      properties: ['openFile'],
      filters: [{ name: 'Switchboard export', extensions: ['json'] }],
    });
  });

  it('stores only ciphertext and never logs the key (env key accepted through the bridge)', async () => {
    const key = emulator.defaultKey;
    const secret = key.slice('sk-or-v1-'.length);
    const offer = await ipc(chatContract.getEnvKeyOffer.channel)(eventFrom(chat), undefined);
    expect(offer).toMatchObject({ ok: true, value: { preview: expect.stringMatching(/…/) } });
    expect(JSON.stringify(offer)).not.toContain(secret.slice(0, 16));
    const accepted = await ipc(chatContract.acceptEnvKey.channel)(eventFrom(chat), {
      persistence: 'encrypted',
    });
    expect(accepted).toMatchObject({ ok: true, value: { status: { state: 'stored' }, verified: true } });
    expect(JSON.stringify(accepted)).not.toContain(secret.slice(-16));

    const stored = JSON.stringify([...fake.storeData.entries()]);
    expect(stored.length).toBeGreaterThan(20);
    for (const needle of [
      key,
      secret,
      Buffer.from(key).toString('base64'),
      Buffer.from(secret).toString('base64'),
    ]) {
      expect(stored.includes(needle)).toBe(false);
    }
    for (let at = 0; at + 16 <= secret.length; at++)
      expect(stored.includes(secret.slice(at, at + 16))).toBe(false);

    // Every event pushed to the chat window, and every file main wrote (the log included).
    expect(JSON.stringify(state.sent)).not.toContain(secret.slice(0, 16));
    const files = await readdir(userData, { recursive: true, withFileTypes: true });
    const texts = await Promise.all(
      files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'latin1')),
    );
    expect(files.some((f) => f.name === 'main.log')).toBe(true);
    for (const text of texts) {
      for (let at = 0; at + 16 <= secret.length; at += 8)
        expect(text.includes(secret.slice(at, at + 16))).toBe(false);
    }
  });
  it("reads the clipboard for 'Paste from clipboard' only after real input the chat window's 'input-event' reported", async () => {
    const paste = ipc(chatContract.importKeyFromClipboard.channel);
    state.clipboard = emulator.defaultKey;
    // A script's call without any input: refused, and the clipboard is neither read nor cleared.
    expect(await paste(eventFrom(chat), { persistence: 'session' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(state.clipboard).toBe(emulator.defaultKey);
    // Input main saw on another window does not count for this one.
    const other = new fake.FakeWebContents('app://switchboard/index.html');
    other.emit('input-event', {}, { type: 'mouseDown' });
    expect(await paste(eventFrom(chat), { persistence: 'session' })).toMatchObject({ ok: false });
    // A real click in the chat window arms exactly one read.
    chat.emit('input-event', {}, { type: 'mouseDown' });
    expect(await paste(eventFrom(chat), { persistence: 'session' })).toMatchObject({
      ok: true,
      value: { clipboardCleared: true },
    });
    expect(state.clipboard).toBe('');
    state.clipboard = emulator.defaultKey;
    expect(await paste(eventFrom(chat), { persistence: 'session' })).toMatchObject({ ok: false });
    state.clipboard = '';
  });
});
