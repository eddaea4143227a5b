import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, screen, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { chatContract, keyEntryContract } from '../common/ipc/contract';
import { composeServices } from './app/compose-services';
import { KEY_SETTINGS_URL } from './app/key-entry';
import { chatWindowOptions } from './app/window-options';
import { userDataDirFor } from './config/dev-profile';
import { LaunchConfigError, readLaunchConfig } from './config/launch-config';
import { installAppMenu } from './electron/app-menu';
import { registerAppScheme, serveAppScheme } from './electron/app-protocol';
import { dialogAsker } from './electron/ask-dialog';
import {
  blockRendererNetwork,
  denyDownloads,
  hardenWebContents,
  restrictPermissions,
  type WindowKindOf,
} from './electron/hardening';
import { bindToIpcMain, sendToWindow } from './electron/ipc-binding';
import { createKeyWindows } from './electron/key-window';
import { fileLogger } from './electron/log-file';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { createHandlerTable } from './ipc/handler-table';
import { chatWritingCalls, keyEntryWritingCalls } from './ipc/writing-calls';
import { APP_ORIGIN, CHAT_URL, KEY_ENTRY_ORIGIN, KEY_ENTRY_PATH } from './protocol/resolve-asset';
import { ENV_KEY_VARIABLE } from './services/key-entry/env-key-offer';
import { createUserActivationTracker } from './services/key-entry/user-activation';
import { createKeyValueCiphertextStore } from './services/vault/ciphertext-store';
import { loadWindowState, saveWindowState } from './services/window-state/window-state';

// Thin Electron glue: read launch settings, harden, build adapters, hand them to the services.

let config: ReturnType<typeof readLaunchConfig>;
try {
  // Packaged builds ignore the base-URL environment variable (see LaunchOptions.isPackaged).
  config = readLaunchConfig(process.env, process.argv, isAbsolute, { isPackaged: app.isPackaged });
} catch (error) {
  const message = error instanceof LaunchConfigError ? error.message : String(error);
  dialog.showErrorBox('Switchboard cannot start', message);
  app.exit(1);
  throw error;
}
// OPENROUTER_API_KEY leaves the environment now, at module load, not after `ready`: Chromium launches
// the GPU process (and may start the network service) between running this script and emitting
// `ready` (shell/browser/electron_browser_main_parts.cc: the script runs in PostEarlyInitialization,
// `ready` comes from PreMainMessageLoopRun), and each child starts with main's environment at that
// moment. The key-entry offer gets this private copy instead of process.env.
const launchEnv: Record<string, string | undefined> = {
  [ENV_KEY_VARIABLE]: process.env[ENV_KEY_VARIABLE],
};
delete process.env[ENV_KEY_VARIABLE];

// `npm start` (unpackaged: no fuses, DevTools) gets its own profile unless one is named, so it never
// opens the installed app's vault and history. Set before anything reads userData: before `ready`
// (docs/api/app.md, app.setPath: session data must be moved "before the ready event") and before the
// lock, which Electron takes in the userData directory (shell/browser/api/electron_api_app.cc,
// RequestSingleInstanceLock reads chrome::DIR_USER_DATA). setPath documents an error for a folder
// that does not exist, so it is created first, private.
const userDataDir = userDataDirFor({
  named: config.userDataDir,
  isPackaged: app.isPackaged,
  appData: app.getPath('appData'),
});
if (userDataDir) {
  try {
    mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
    app.setPath('userData', userDataDir);
  } catch (error) {
    // showErrorBox may be called before ready (docs/api/dialog.md).
    dialog.showErrorBox(
      'Switchboard cannot start',
      `The user-data directory ${userDataDir} cannot be used (${error instanceof Error ? error.message : String(error)}). ` +
        'Name a folder you can write to with --switchboard-user-data or SWITCHBOARD_USER_DATA_DIR, or remove the setting.',
    );
    app.exit(1);
    throw error;
  }
}

// One instance: a second one would race the first on the same history and key files.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // No page of ours needs name resolution: main's calls use Node's fetch and Node's resolver, which
  // this switch does not touch. It closes what neither the CSP nor webRequest sees: a page's
  // `<link rel="dns-prefetch">` (resolved via NetworkHintsHandler, never a URL loader), the host
  // lookup Chromium does for a CSP-blocked iframe, and the spellchecker's dictionary download
  // (docs/electron-behaviour.md, F3/F4). Command-line switches must be set before `ready`
  // (docs/api/command-line-switches.md).
  app.commandLine.appendSwitch('host-resolver-rules', 'MAP * ~NOTFOUND');
  registerAppScheme();
  void app.whenReady().then(start);
}

const chatWindows = new Set<number>();
/**
 * The first chat window, once it shows. Main's own questions wait for it (questions.ts): asked at
 * start, they then sit over the window that explains the state they are about.
 */
let chatWindowShown: (win: BrowserWindow) => void = () => {};
const firstChatWindowShown = new Promise<BrowserWindow>((resolve) => {
  chatWindowShown = resolve;
});
/** Real clicks and key presses per chat window, from 'input-event' (see createChatWindow). */
const userActivation = createUserActivationTracker();
/** Filled in by start(); until then no window of ours exists. */
let isKeyWindow: (id: number) => boolean = () => false;
/** Which of our windows a web contents is: each kind has its own navigation rule and permissions. */
const windowKindOf: WindowKindOf = (id) =>
  chatWindows.has(id) ? 'chat' : isKeyWindow(id) ? 'key-entry' : null;

async function start(): Promise<void> {
  const log = fileLogger(app.getPath('userData'));
  const mainLog = log('main');
  for (const notice of config.notices) mainLog.warn(notice);
  // Dictionaries would come from Google's CDN, fetched by main's session whatever
  // `webPreferences.spellcheck` says (electron/electron#22995; electron_api_session.cc
  // SetSpellCheckerDictionaryDownloadURL). A non-network URL makes the download fail without any
  // connection: main talks to OpenRouter only. Set before anything else touches the session.
  session.defaultSession.setSpellCheckerDictionaryDownloadURL(`${APP_ORIGIN}/no-dictionaries/`);
  hardenWebContents(windowKindOf, mainLog);
  restrictPermissions(windowKindOf);
  denyDownloads(windowKindOf, mainLog);
  blockRendererNetwork();
  serveAppScheme(join(import.meta.dirname, '../renderer'));

  // electron-store holds only the safeStorage ciphertext (base64), never the key.
  const store = new ElectronStore<Record<string, unknown>>({ name: 'vault', configFileMode: 0o600 });

  const keyWindows = createKeyWindows(join(import.meta.dirname, '../preload'));
  isKeyWindow = keyWindows.isKeyWindow;
  const services = composeServices({
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    openRouterBaseUrl: config.openRouterBaseUrl,
    dataDir: app.getPath('userData'),
    cipher: safeStorageCipher(process.platform),
    ciphertextStore: createKeyValueCiphertextStore(store),
    log,
    platform: process.platform,
    dialogs: {
      chooseExportFile: async (defaultName, windowId) => {
        const owner = BrowserWindow.getAllWindows().find((w) => w.webContents.id === windowId);
        const options = {
          title: 'Export conversations',
          defaultPath: join(app.getPath('documents'), defaultName),
        };
        const result = owner
          ? await dialog.showSaveDialog(owner, options)
          : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      chooseImportFile: async (windowId) => {
        const owner = BrowserWindow.getAllWindows().find((w) => w.webContents.id === windowId);
        const options = {
          title: 'Import a Switchboard export',
          properties: ['openFile' as const],
          filters: [{ name: 'Switchboard export', extensions: ['json'] }],
        };
        const result = owner
          ? await dialog.showOpenDialog(owner, options)
          : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
    keyEntry: {
      clipboard: {
        readText: () => clipboard.readText(),
        clear: () => clipboard.clear(),
        // Linux's PRIMARY selection, cleared too when it holds the key: `clipboard.selection` is "a
        // Clipboard object on Linux ... and undefined on all other platforms" (Electron 45
        // docs/api/clipboard.md, `clipboard.selection`).
        ...(process.platform === 'linux' && clipboard.selection
          ? {
              selection: {
                readText: () => clipboard.selection.readText(),
                clear: () => clipboard.selection.clear(),
              },
            }
          : {}),
      },
      consumeUserActivation: (windowId) => userActivation.consume(windowId),
      // Only the sign-in's one-time loopback launch URL: on Linux this lands in xdg-open's argv.
      openSignInPage: (url) => shell.openExternal(url),
      openKeySettingsPage: () => shell.openExternal(KEY_SETTINGS_URL),
      openKeyWindow: (parentId) => keyWindows.open(parentId),
      closeKeyWindow: (id) => keyWindows.close(id),
      // The launch value, already removed from process.env at module load (see launchEnv).
      env: launchEnv,
    },
    ask: dialogAsker(async (windowId) =>
      windowId === null
        ? firstChatWindowShown
        : (BrowserWindow.getAllWindows().find((w) => w.webContents.id === windowId) ?? null),
    ),
    openExternal: async (url, windowId) => {
      const owner = BrowserWindow.getAllWindows().find((w) => w.webContents.id === windowId);
      const options = {
        type: 'question' as const,
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: 'Open this link in your browser?',
        detail: url.toString(),
      };
      const { response } = owner
        ? await dialog.showMessageBox(owner, options)
        : await dialog.showMessageBox(options);
      if (response !== 0) return false;
      await shell.openExternal(url.toString());
      return true;
    },
  });

  const table = createHandlerTable({
    contract: chatContract,
    handlers: services.handlers,
    policy: { origin: APP_ORIGIN, isOurWindow: (id) => chatWindows.has(id) },
    sendEvent: sendToWindow,
    log: log('ipc'),
    writeLimits: { writingCalls: chatWritingCalls },
  });
  bindToIpcMain(table);
  bindToIpcMain(
    createHandlerTable({
      contract: keyEntryContract,
      handlers: services.keyEntryHandlers,
      // Its own host and exactly its one page (the chat origin serves no key-entry page at all).
      policy: { origin: KEY_ENTRY_ORIGIN, path: KEY_ENTRY_PATH, isOurWindow: keyWindows.isKeyWindow },
      sendEvent: sendToWindow,
      log: log('ipc-key-entry'),
      writeLimits: { writingCalls: keyEntryWritingCalls },
    }),
  );

  // The window opens without waiting for the keystore (see Services.init); it shows "checking your
  // key" until the key status arrives.
  await services.init({ waitForKey: false });
  // Quitting flushes history and saves partial replies as cancelled before the process exits.
  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    void services.shutdown().finally(() => app.quit());
  });
  services.vault.onStatusChange((status) => {
    // Through the table, like every event: parsed with the contract's schema before it crosses.
    for (const id of chatWindows) table.emit(id, 'onKeyStatus', status);
  });

  installAppMenu();
  await createChatWindow(services.sessions.cancelWindow);

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createChatWindow(services.sessions.cancelWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

async function createChatWindow(onClosed: (windowId: number) => void): Promise<BrowserWindow> {
  const dataDir = app.getPath('userData');
  const saved = await loadWindowState(
    dataDir,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options = chatWindowOptions(join(import.meta.dirname, '../preload/chat.cjs'));
  const win = new BrowserWindow(
    saved ? { ...options, x: saved.x, y: saved.y, width: saved.width, height: saved.height } : options,
  );
  if (saved?.maximized) win.maximize();
  // Remember size and position when the window closes (not on every move: one write per session).
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    void saveWindowState(dataDir, { ...bounds, maximized: win.isMaximized() }).catch(() => undefined);
  });
  const id = win.webContents.id;
  chatWindows.add(id);
  // Input the OS delivered to this window (Electron 45 docs/api/web-contents.md, "Event:
  // 'input-event'"; electron_api_web_contents.cc `OnInputEvent`): the page cannot forge it. "Paste
  // from clipboard" is accepted only right after a real click or key press here.
  // Keyboard events also carry the DOM `key` at runtime (blink_converter.cc), though not in the typings.
  win.webContents.on('input-event', (_event, input) =>
    userActivation.noteInput(
      id,
      input.type,
      'key' in input && typeof input.key === 'string' ? input.key : undefined,
    ),
  );
  win.once('ready-to-show', () => {
    win.show();
    chatWindowShown(win);
  });
  win.on('closed', () => {
    chatWindows.delete(id);
    userActivation.forget(id);
    onClosed(id);
  });
  // A reload must not leave streams running for a page that no longer listens.
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) onClosed(id);
  });
  void win.loadURL(CHAT_URL);
  return win;
}
