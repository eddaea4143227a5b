import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { chatContract, keyEntryContract } from '../../common/ipc/contract';
import type { Persistence } from '../../common/key-status';
import { composeServices, type Services } from '../../main/app/compose-services';
import { KEY_SETTINGS_URL } from '../../main/app/key-intake';
import type { MainQuestion, MainQuestionKind } from '../../main/app/questions';
import { broadcastSettingsChanges } from '../../main/app/settings-broadcast';
import { createHandlerTable } from '../../main/ipc/handler-table';
import { chatWritingCalls, keyEntryWritingCalls } from '../../main/ipc/writing-calls';
import { contentSecurityPolicy } from '../../main/protocol/content-security-policy';
import { createLogger, type Logger } from '../../main/services/log/logger';
import { createFakeUpdater, type FakeUpdater } from '../../main/services/updates/testing/fake-updater';
import { createKeyValueCiphertextStore } from '../../main/services/vault/ciphertext-store';
import { createTestCipher } from '../../main/services/vault/testing/test-cipher';
import { type Emulator, startEmulator } from '../emulator/server';
import { buildPagePreload } from './build-preload';
import { createStaticHandler } from './static-server';
import { bindWebSocket, oneTimeTokens, perRunToken, refuseUnknownUpgrades } from './ws-binding';
import {
  CHAT_PRELOAD_PATH,
  CHAT_TOKEN_PARAM,
  CHAT_WS_PATH,
  KEY_ENTRY_PRELOAD_PATH,
  KEY_ENTRY_WS_PATH,
  KEY_WINDOW_TOKEN_PARAM,
} from './ws-protocol';

/**
 * The browser harness: the real main-process services and handler tables in Node, bound to loopback
 * WebSockets guarded by a credential and an origin check, and the real built renderer served with
 * harness preloads that implement the same bridges. A single-user test and development tool —
 * loopback only, never bundled into the app, not a way to serve the app to anyone.
 *
 * Anything else on the machine can fetch what the two servers serve and forge a socket handshake's
 * Origin, so the credentials are handed to the driver only, never served; and each server answers only
 * requests whose Host header names it (`127.0.0.1:<port>`), which stops DNS-rebinding pages
 * (host-check.ts).
 *
 * Two window kinds, two origins, as strict as the app's "key-entry IPC only from key windows main
 * opened":
 * - the chat page (`url`) is served from one loopback port; its socket takes the per-run token, which
 *   only `url` carries, in its fragment (the chat preload reads it there; the page may read it — it is
 *   no more than the chat bridge it already has — and it stays in the address so reloads reconnect);
 * - the key-entry page is served from a second port, so the chat page can neither script it nor fetch
 *   from it, and its socket accepts only that origin plus a one-time token minted each time main asks
 *   for a key window. The token travels only in the `keyEntryUrl` handed to the driver (as a URL
 *   fragment, which the browser does not send to the server), is burnt on first use, and is in nothing
 *   either server serves.
 */
export interface HarnessOptions {
  port?: number;
  /** OpenRouter base URL; without it the harness starts the emulator itself. */
  baseUrl?: string;
  /** Data directory (vault file, settings, history); a fresh temp directory by default. */
  dataDir?: string;
  /** The launch environment main sees (OPENROUTER_API_KEY is offered to the person from it). */
  env?: Record<string, string | undefined>;
  /** Accept the environment key at start, as `--import-env-key` does. */
  importEnvKey?: Persistence;
  /** Built renderer; default out/renderer. */
  rendererDir?: string;
  /** Where log lines go (already redacted); they are always kept in `logLines` too. */
  logSink?: (line: string) => void;
  /** Backend the test cipher reports (e.g. `basic_text` to exercise the weak-backend path). */
  cipherBackend?: string;
  /** Issue 20: the "system's" preferred languages, most preferred first (default `['en-US']`). */
  systemLanguages?: readonly string[];
  /** The stored key decrypts only once this settles: a keystore that is slow or shows a prompt. */
  keystoreGate?: Promise<void>;
  /**
   * Called when main asks for a key-entry window, with the URL that plays that window (it carries the
   * window's one-time token). The harness opens nothing itself: the test (or the person) opens it.
   */
  onKeyWindowRequest?: (keyEntryUrl: string) => void;
  /** How main's questions (main/app/questions.ts) are answered; see `DEFAULT_HARNESS_ANSWERS`. */
  answers?: Partial<HarnessAnswers>;
}

/** The harness plays the person in main's dialogs: one answer per question kind (true is yes). */
export type HarnessAnswers = Record<MainQuestionKind, boolean>;

/**
 * Sending the stored key to another origin than it was verified against is refused unless a test
 * says otherwise, as the app's dialog defaults to "don't send"; replacing a key after a sign-in is
 * accepted, as a person who just signed in on purpose would.
 */
export const DEFAULT_HARNESS_ANSWERS: Readonly<HarnessAnswers> = Object.freeze({
  'send-key-to-origin': false,
  'replace-key': true,
});

/** How the pretend browser answers OpenRouter's consent page in a sign-in. */
export type SignInBrowser = 'approve' | 'deny' | 'no_code' | 'bad_state' | 'ignore';

export interface Harness {
  /**
   * The chat page, with the chat socket's per-run token in the fragment (`#harness-token=…`): the
   * driver's credential, in nothing either server serves. Open it as is; a reload keeps it.
   */
  url: string;
  /** Origin of the key-entry page (a different port from `url`'s). */
  keyEntryOrigin: string;
  /**
   * The key-entry page for the latest key-window request, with that window's one-time token in the
   * fragment; throws if main has not asked for a key window yet. Each URL admits one connection.
   */
  readonly keyEntryUrl: string;
  /** One key-entry URL per key-window request, in order. */
  keyEntryUrls: string[];
  dataDir: string;
  emulator: Emulator | null;
  services: Services;
  /** Every URL main opened in the "system browser" (links after confirmation, key settings). */
  openedUrls: string[];
  /**
   * What main handed to the "system browser" for each sign-in: the one-time loopback launch URLs (in
   * the app, these land in xdg-open's argv). The harness plays the browser as `signInBrowser` says.
   */
  signInUrls: string[];
  /** Where each launch URL redirected: OpenRouter's consent page, with the sign-in's parameters. */
  consentUrls: string[];
  signInBrowser: SignInBrowser;
  /** The system clipboard and (as on Linux) the PRIMARY selection, as main sees them. */
  clipboard: { text: string; selection: string };
  /**
   * Stand-in for "the person just clicked or pressed a key in this window", which main requires
   * before it reads the clipboard. The app knows it from Electron's `input-event` (input the OS
   * delivered, which the page cannot forge); the harness cannot see real input (a preload listener
   * would run in the page's own JS world, where an injected script could fake it), so the test says
   * it: true (default) grants every request, false refuses every request.
   */
  userActivation: boolean;
  /** Each time main was asked for a key-entry window (the test then opens `keyEntryUrl`). */
  keyWindowRequests: number;
  /** Answers to main's questions; tests may change them while the harness runs. */
  answers: HarnessAnswers;
  /** Every question main asked, in order. */
  questions: MainQuestion[];
  /** Key-entry windows main asked to close (after a stored key or Cancel). */
  closedKeyWindows: number[];
  /** Stand-ins for the save/open dialogs: exports are written into `exportDir`; `importFile` is "picked". */
  exportDir: string;
  importFile: string | null;
  /** The files "Attach files" picks (main's open dialog), or null: the person cancelled. */
  attachFiles: string[] | null;
  /**
   * Issue 20: the updater main sees — a fake the test scripts (`nextCheck`, `nextDownload`, `calls`);
   * there are no automatic checks in the harness, only "Check for updates". The backup before an
   * update is the real backups service's.
   */
  updater: FakeUpdater;
  logLines: string[];
  close(): Promise<void>;
}

const repoRoot = resolve(import.meta.dirname, '../..');

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = options.rendererDir ?? join(repoRoot, 'out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir}: run \`npm run build\` first.`);
  }
  const emulator = options.baseUrl ? null : await startEmulator();
  const baseUrl = options.baseUrl ?? (emulator as Emulator).baseUrl;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'switchboard-harness-')));
  const logLines: string[] = [];
  const sink = (line: string) => {
    logLines.push(line);
    options.logSink?.(line);
  };
  const log = (scope: string): Logger => createLogger(scope, sink, 'debug');

  // Two loopback servers, listening before main's services exist so both origins are known.
  const server = createServer();
  const keyServer = createServer();
  const listen = (s: typeof server, port: number) =>
    new Promise<number>((resolveListen) =>
      s.listen(port, '127.0.0.1', () => resolveListen((s.address() as AddressInfo).port)),
    );
  const port = await listen(server, options.port ?? 0);
  const keyPort = await listen(keyServer, 0);
  const origin = `http://127.0.0.1:${port}`;
  const keyOrigin = `http://127.0.0.1:${keyPort}`;
  const keyWindowTokens = oneTimeTokens();

  const harness = {
    openedUrls: [] as string[],
    signInUrls: [] as string[],
    consentUrls: [] as string[],
    signInBrowser: 'approve' as SignInBrowser,
    answers: { ...DEFAULT_HARNESS_ANSWERS, ...options.answers } as HarnessAnswers,
    questions: [] as MainQuestion[],
    clipboard: { text: '', selection: '' },
    userActivation: true,
    keyWindowRequests: 0,
    keyEntryOrigin: keyOrigin,
    keyEntryUrls: [] as string[],
    get keyEntryUrl(): string {
      const latest = this.keyEntryUrls.at(-1);
      if (!latest) throw new Error('No key-entry window was requested yet: there is no key-entry URL.');
      return latest;
    },
    closedKeyWindows: [] as number[],
    exportDir: join(dataDir, 'exports'),
    importFile: null as string | null,
    attachFiles: null as string[] | null,
  };

  // Plays the system browser: open main's one-time launch URL, follow its redirect to OpenRouter's
  // consent page, then the consent page's redirect to main's loopback callback.
  const visitSignInPage = async (url: string) => {
    harness.signInUrls.push(url);
    if (harness.signInBrowser === 'ignore') return;
    const launch = await fetch(url, { redirect: 'manual' });
    const consentUrl = launch.headers.get('location');
    if (!consentUrl) return;
    harness.consentUrls.push(consentUrl);
    const consent = new URL(consentUrl);
    if (harness.signInBrowser !== 'approve') consent.searchParams.set('emulator_auth', harness.signInBrowser);
    const redirect = await fetch(consent, { redirect: 'manual' });
    const location = redirect.headers.get('location');
    if (location) void fetch(location).catch(() => undefined);
  };

  // The vault file is written exactly as the app's electron-store would: `conf` is its engine.
  const store = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'vault',
    configFileMode: 0o600,
    projectName: 'switchboard-harness',
  });
  const updater = createFakeUpdater();
  const services = composeServices({
    // Issue 20: a scripted updater, and no automatic checks (their timers never fire), so a spec
    // decides every step with "Check for updates".
    updates: { updater, scheduler: { schedule: () => () => {}, now: () => performance.now() } },
    // Issue 20: the system's languages as the spec says; the pseudo-locale can be chosen, as in dev builds.
    i18n: { systemLanguages: () => options.systemLanguages ?? ['en-US'], pseudoAllowed: true },
    appInfo: { name: 'Switchboard (harness)', version: '0.0.0-harness', platform: process.platform },
    openRouterBaseUrl: baseUrl,
    dataDir,
    // Issue 20: no daily backup on a timer; a spec backs up with "Back up now".
    scheduleBackups: false,
    // A secret tied to the data directory, so a restarted harness on the same directory can decrypt.
    cipher: createTestCipher({
      backend: options.cipherBackend ?? 'gnome_libsecret',
      secret: `harness:${dataDir}`,
      ...(options.keystoreGate ? { decryptGate: options.keystoreGate } : {}),
    }),
    ciphertextStore: createKeyValueCiphertextStore(store),
    log,
    platform: 'linux',
    // Main's dialogs: recorded, and answered as `harness.answers` says at the time of asking.
    ask: async (question) => {
      harness.questions.push(question);
      return harness.answers[question.kind];
    },
    openExternal: async (url) => {
      harness.openedUrls.push(url.toString());
      return true;
    },
    // Encrypted backup copies (issue 20): saved into `exportDir`; `importFile` is the copy "picked".
    backupDialogs: {
      chooseBackupFolder: async () => {
        await mkdir(harness.exportDir, { recursive: true, mode: 0o700 });
        return harness.exportDir;
      },
      chooseEncryptedBackupFile: async () => harness.importFile,
    },
    dialogs: {
      chooseExportFile: async (defaultName) => {
        // Inside the data directory, so as private as the rest of it (0700 is not narrowed by a usual umask).
        await mkdir(harness.exportDir, { recursive: true, mode: 0o700 });
        return join(harness.exportDir, defaultName);
      },
      chooseImportFile: async () => harness.importFile,
      chooseAttachFiles: async () => harness.attachFiles,
      // "Save file" on an attachment answers like the export dialog (into `exportDir`).
      chooseAttachmentFile: async (defaultName) => {
        await mkdir(harness.exportDir, { recursive: true, mode: 0o700 });
        return join(harness.exportDir, defaultName);
      },
      // "Save image" answers like the export dialog: the file goes into `exportDir` under its default name.
      chooseImageFile: async (defaultName) => {
        await mkdir(harness.exportDir, { recursive: true, mode: 0o700 });
        return join(harness.exportDir, defaultName);
      },
      // The spending CSV (issue 16) too.
      chooseCsvFile: async (defaultName) => {
        await mkdir(harness.exportDir, { recursive: true, mode: 0o700 });
        return join(harness.exportDir, defaultName);
      },
    },
    keyIntake: {
      clipboard: {
        readText: () => harness.clipboard.text,
        clear: () => {
          harness.clipboard.text = '';
        },
        selection: {
          readText: () => harness.clipboard.selection,
          clear: () => {
            harness.clipboard.selection = '';
          },
        },
      },
      consumeUserActivation: () => harness.userActivation,
      openSignInPage: visitSignInPage,
      openKeySettingsPage: async () => {
        harness.openedUrls.push(KEY_SETTINGS_URL);
      },
      openKeyWindow: async () => {
        // "Opening" the window: mint its one-time credential and hand the URL to the driver only.
        const url = `${keyOrigin}/key-entry.html#${KEY_WINDOW_TOKEN_PARAM}=${keyWindowTokens.mint()}`;
        harness.keyEntryUrls.push(url);
        harness.keyWindowRequests++;
        options.onKeyWindowRequest?.(url);
        return true;
      },
      closeKeyWindow: (id) => {
        harness.closedKeyWindows.push(id);
      },
      env: { ...(options.env ?? {}) },
    },
  });
  // As main does: pages may load while the stored key is still being read.
  await services.init({ waitForKey: false });
  if (options.importEnvKey) await services.keyIntake.envOffer.accept(options.importEnvKey);

  const token = randomBytes(32).toString('hex');
  const [chatPreload, keyEntryPreload] = await Promise.all([
    buildPagePreload('page-preload.ts'),
    buildPagePreload('key-entry-page-preload.ts'),
  ]);
  let windowIds = 0;
  const nextWindowId = () => ++windowIds;

  const chatBinding = bindWebSocket({
    server,
    path: CHAT_WS_PATH,
    pagePath: '/',
    acceptToken: perRunToken(token),
    origin: () => origin,
    table: () => chatTable,
    nextWindowId,
  });
  const keyBinding = bindWebSocket({
    server: keyServer,
    path: KEY_ENTRY_WS_PATH,
    pagePath: '/key-entry.html',
    acceptToken: keyWindowTokens.accept,
    origin: () => keyOrigin,
    table: () => keyTable,
    nextWindowId,
  });
  refuseUnknownUpgrades(server, [CHAT_WS_PATH]);
  refuseUnknownUpgrades(keyServer, [KEY_ENTRY_WS_PATH]);
  const chatTable = createHandlerTable({
    contract: chatContract,
    handlers: services.handlers,
    policy: { origin, isOurWindow: (id) => chatBinding.isWindow(id) },
    sendEvent: chatBinding.sendEvent,
    log: log('ipc'),
    sanitiseErrors: services.sanitiseErrors,
    writeLimits: { writingCalls: chatWritingCalls },
  });
  const keyTable = createHandlerTable({
    contract: keyEntryContract,
    handlers: services.keyEntryHandlers,
    // As in the app: its own origin and exactly its one page.
    policy: { origin: keyOrigin, path: '/key-entry.html', isOurWindow: (id) => keyBinding.isWindow(id) },
    sendEvent: keyBinding.sendEvent,
    log: log('ipc-key-entry'),
    sanitiseErrors: services.sanitiseErrors,
    writeLimits: { writingCalls: keyEntryWritingCalls },
  });
  chatBinding.onWindowClosed((id) => services.sessions.cancelWindow(id));
  // Through the table, like every event: parsed with the contract's schema before it crosses.
  const unsubscribe = services.vault.onStatusChange((status) => {
    for (const id of chatBinding.windowIds()) chatTable.emit(id, 'onKeyStatus', status);
  });
  const unsubscribeUpdates = services.updates.onStatus((status) => {
    for (const id of chatBinding.windowIds()) chatTable.emit(id, 'onUpdateStatus', status);
  });
  // Issue 20: a language chosen in Settings reaches every page at once, as main's glue does.
  const unsubscribeLocale = services.locale.onChange((state) => {
    for (const id of chatBinding.windowIds()) chatTable.emit(id, 'onLocaleChanged', state);
  });
  // Issue 20: every saved settings change reaches every page, as main's glue does.
  const unsubscribeSettings = broadcastSettingsChanges({
    onChange: (listener) => services.settings.onChange(listener),
    asSent: services.settingsAsSent,
    windowIds: () => chatBinding.windowIds(),
    emit: (id, settings) => chatTable.emit(id, 'onSettingsChanged', settings),
  });

  // Each page may connect only to its own socket (the app's CSP plus that one loopback socket).
  const chatSocket = `ws://127.0.0.1:${port}${CHAT_WS_PATH}`;
  const keySocket = `ws://127.0.0.1:${keyPort}${KEY_ENTRY_WS_PATH}`;
  const handler = createStaticHandler({
    root: rendererDir,
    host: `127.0.0.1:${port}`,
    csp: () => contentSecurityPolicy([`ws://127.0.0.1:${port}`]),
    preloads: {
      'index.html': {
        path: CHAT_PRELOAD_PATH,
        code: () =>
          // No token in here: the chat preload reads the run's token from the URL fragment.
          chatPreload.replaceAll('__HARNESS_WS_URL__', JSON.stringify(chatSocket)),
      },
    },
  });
  const keyHandler = createStaticHandler({
    root: rendererDir,
    host: `127.0.0.1:${keyPort}`,
    csp: () => contentSecurityPolicy([`ws://127.0.0.1:${keyPort}`]),
    preloads: {
      // No token in here: the key-entry preload reads its window's token from the URL fragment.
      'key-entry.html': {
        path: KEY_ENTRY_PRELOAD_PATH,
        code: () => keyEntryPreload.replaceAll('__HARNESS_WS_URL__', JSON.stringify(keySocket)),
      },
    },
  });
  server.on('request', (req, res) => void handler(req, res));
  keyServer.on('request', (req, res) => void keyHandler(req, res));

  return Object.assign(harness, {
    url: `${origin}/#${CHAT_TOKEN_PARAM}=${token}`,
    dataDir,
    emulator,
    services,
    updater,
    logLines,
    async close() {
      unsubscribe();
      unsubscribeUpdates();
      unsubscribeLocale();
      unsubscribeSettings();
      await services.shutdown();
      await Promise.all([chatBinding.close(), keyBinding.close()]);
      await Promise.all(
        [server, keyServer].map((s) => {
          s.closeAllConnections();
          return new Promise<void>((r) => s.close(() => r()));
        }),
      );
      await emulator?.close();
    },
  });
}
