// First, before any other module of main loads: main's young generation stays small (young-generation.ts).
import './app/young-generation-at-load';
import { join } from 'node:path';
import { app } from 'electron';
import { composeServices } from './app/compose-services';
import { broadcastSettingsChanges } from './app/settings-broadcast';
import { youngGeneration } from './app/young-generation-at-load';
import {
  focusOnSecondLaunch,
  quitWhenAllWindowsClosed,
  reopenWhenActivated,
  shutDownBeforeQuit,
} from './electron/app-lifecycle';
import { installAppMenu } from './electron/app-menu';
import { registerAppScheme, serveAppScheme } from './electron/app-protocol';
import { dialogAsker } from './electron/ask-dialog';
import { createChatWindows } from './electron/chat-window';
import { bindChatContract, bindKeyEntryContract } from './electron/contract-tables';
import { backupDialogs, fileDialogs } from './electron/file-dialogs';
import {
  blockRendererNetwork,
  denyDownloads,
  hardenWebContents,
  refuseDictionaryDownloads,
  restrictPermissions,
  type WindowKindOf,
} from './electron/hardening';
import { keyAdapters } from './electron/key-adapters';
import { createKeyWindows } from './electron/key-window';
import { readLaunchSettingsOrExit, setUserDataDir, takeKeyOutOfEnvironment } from './electron/launch';
import { confirmAndOpenLink } from './electron/link-confirmation';
import { fileLogger } from './electron/log-file';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { lazyElectronUpdater } from './electron/updater-adapter';
import { vaultRecordStore } from './electron/vault-record-store';
import { windowForContents } from './electron/window-lookup';
import type { MainText } from './services/i18n/catalog-intl';

// Main's steps, in order. Each names a module in electron/ (Electron glue) or app/ (the services'
// composition); the services themselves never import electron.

// At module load, before the lock and long before `ready` (launch.ts says why each must be this early).
const config = readLaunchSettingsOrExit();
const launchEnv = takeKeyOutOfEnvironment();
setUserDataDir(config);

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

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const log = fileLogger(dataDir);
  const mainLog = log('main');
  for (const notice of config.notices) mainLog.warn(notice);

  // Our windows, by kind: each kind has its own navigation rule, permissions and contract.
  const chatWindows = createChatWindows({
    preloadPath: join(import.meta.dirname, '../preload/chat.cjs'),
    dataDir,
  });
  // Its title in the interface's language, read as each opens (the locale service exists by then).
  const keyWindows = createKeyWindows(join(import.meta.dirname, '../preload'), () =>
    services.locale.text().message('keyEntry.title'),
  );
  const windowKindOf: WindowKindOf = (id) =>
    chatWindows.has(id) ? 'chat' : keyWindows.isKeyWindow(id) ? 'key-entry' : null;

  // Rules for every web contents and the session, before the first window exists.
  refuseDictionaryDownloads();
  hardenWebContents(windowKindOf, mainLog);
  restrictPermissions(windowKindOf);
  denyDownloads(windowKindOf, mainLog);
  blockRendererNetwork();
  serveAppScheme(join(import.meta.dirname, '../renderer'));
  const ciphertextStore = vaultRecordStore();
  // Updates (issue 20): electron-updater only in a packaged app. Unpackaged (`npm start`), it would
  // skip every check anyway ("not packed and dev update config is not forced": AppUpdater.js
  // isUpdaterActive; we never set `forceDevUpdateConfig`), so it is not even loaded: the update service
  // says this build does not check. Packaged, it loads at the first check, not before the first window.
  const updates = { updater: app.isPackaged ? lazyElectronUpdater(log('updates')) : null };

  // Main's dialogs take their words in the language in effect as each is shown (read from the locale
  // service, which exists once composeServices below has returned; no dialog is shown before that).
  const mainTextNow = (): MainText => services.locale.text();

  // The services, given Electron only as adapters.
  const services = composeServices({
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    youngGeneration,
    openRouterBaseUrl: config.openRouterBaseUrl,
    dataDir,
    cipher: safeStorageCipher(process.platform),
    ciphertextStore,
    log,
    platform: process.platform,
    dialogs: fileDialogs(mainTextNow),
    backupDialogs: backupDialogs(mainTextNow),
    keyIntake: keyAdapters({ chatWindows, keyWindows, env: launchEnv }),
    // A question asked before any window shows waits for the first chat window and sits over it.
    ask: dialogAsker(
      async (windowId) => (windowId === null ? chatWindows.firstShown : windowForContents(windowId)),
      mainTextNow,
    ),
    openExternal: confirmAndOpenLink(mainTextNow),
    updates,
    // Issue 20: "System default" follows the OS's preferred languages, most preferred first
    // (docs/api/app.md `app.getPreferredSystemLanguages()`: GlobalizationPreferences on Windows,
    // NSLocale preferredLanguages on macOS, g_get_language_names on Linux). The pseudo-locale only in
    // unpackaged builds.
    i18n: { systemLanguages: () => app.getPreferredSystemLanguages(), pseudoAllowed: !app.isPackaged },
  });

  // The two contracts on ipcMain, each answered only for its own kind of window.
  // Both apply the composition root's secret redaction to everything they send (handler-table.ts).
  const chatTable = bindChatContract(services.handlers, chatWindows.has, log('ipc'), services.sanitiseErrors);
  bindKeyEntryContract(
    services.keyEntryHandlers,
    keyWindows.isKeyWindow,
    log('ipc-key-entry'),
    services.sanitiseErrors,
  );

  // The window opens without waiting for the keystore (see Services.init); it shows "checking your
  // key" until the key status arrives.
  await services.init({ waitForKey: false });
  shutDownBeforeQuit(() => services.shutdown());
  services.vault.onStatusChange((status) => {
    // Through the table, like every event: parsed with the contract's schema before it crosses.
    for (const id of chatWindows.ids()) chatTable.emit(id, 'onKeyStatus', status);
  });
  services.updates.onStatus((status) => {
    for (const id of chatWindows.ids()) chatTable.emit(id, 'onUpdateStatus', status);
  });

  // The menu in the current language, rebuilt when it changes; each chat window is told too (its
  // texts re-render without a reload). Main's pages and dialogs read the locale when they show.
  installAppMenu(services.locale.text());
  services.locale.onChange((state) => {
    installAppMenu(services.locale.text());
    for (const id of chatWindows.ids()) chatTable.emit(id, 'onLocaleChanged', state);
  });
  // Issue 20: every saved settings change (a window's Settings, a restore) reaches every chat window.
  broadcastSettingsChanges({
    onChange: (listener) => services.settings.onChange(listener),
    asSent: services.settingsAsSent,
    windowIds: () => chatWindows.ids(),
    emit: (id, settings) => chatTable.emit(id, 'onSettingsChanged', settings),
  });
  await chatWindows.open(services.sessions.cancelWindow);

  focusOnSecondLaunch();
  reopenWhenActivated(() => void chatWindows.open(services.sessions.cancelWindow));
  quitWhenAllWindowsClosed();
}
