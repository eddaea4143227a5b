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
import { KEY_SETTINGS_URL } from '../../main/app/key-entry';
import { createHandlerTable } from '../../main/ipc/handler-table';
import { contentSecurityPolicy } from '../../main/protocol/content-security-policy';
import { createLogger, type Logger } from '../../main/services/log/logger';
import { createKeyValueCiphertextStore } from '../../main/services/vault/ciphertext-store';
import { createTestCipher } from '../../main/services/vault/test-cipher';
import { type Emulator, startEmulator } from '../emulator/server';
import { buildPagePreload } from './build-preload';
import { createStaticHandler } from './static-server';
import { bindWebSocket, refuseUnknownUpgrades } from './ws-binding';
import { CHAT_PRELOAD_PATH, CHAT_WS_PATH, KEY_ENTRY_PRELOAD_PATH, KEY_ENTRY_WS_PATH } from './ws-protocol';

/**
 * The browser harness: the real main-process services and handler tables in Node, bound to loopback
 * WebSockets guarded by a per-run token and an origin check, and the real built renderer served with
 * harness preloads that implement the same bridges. A test and development tool — loopback only,
 * never bundled into the app.
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
}

/** How the pretend browser answers OpenRouter's consent page in a sign-in. */
export type SignInBrowser = 'approve' | 'deny' | 'no_code' | 'bad_state' | 'ignore';

export interface Harness {
  url: string;
  keyEntryUrl: string;
  dataDir: string;
  emulator: Emulator | null;
  services: Services;
  /** Every URL main opened in the "system browser" (links after confirmation, key settings). */
  openedUrls: string[];
  /** Sign-in pages main opened; the harness plays the browser as `signInBrowser` says. */
  signInUrls: string[];
  signInBrowser: SignInBrowser;
  /** The system clipboard as main sees it. */
  clipboard: { text: string };
  /** Each time the chat window asked for the key-entry window (the test then opens `keyEntryUrl`). */
  keyWindowRequests: number;
  /** Key-entry windows main asked to close (after a stored key or Cancel). */
  closedKeyWindows: number[];
  /** Stand-ins for the save/open dialogs: exports are written into `exportDir`; `importFile` is "picked". */
  exportDir: string;
  importFile: string | null;
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

  const harness = {
    openedUrls: [] as string[],
    signInUrls: [] as string[],
    signInBrowser: 'approve' as SignInBrowser,
    clipboard: { text: '' },
    keyWindowRequests: 0,
    closedKeyWindows: [] as number[],
    exportDir: join(dataDir, 'exports'),
    importFile: null as string | null,
  };

  // Plays the system browser on OpenRouter's consent page: follow its redirect to our loopback callback.
  const visitSignInPage = async (url: string) => {
    harness.signInUrls.push(url);
    if (harness.signInBrowser === 'ignore') return;
    const consent = new URL(url);
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
  const services = composeServices({
    appInfo: { name: 'Switchboard (harness)', version: '0.0.0-harness', platform: process.platform },
    openRouterBaseUrl: baseUrl,
    dataDir,
    // A secret tied to the data directory, so a restarted harness on the same directory can decrypt.
    cipher: createTestCipher({
      backend: options.cipherBackend ?? 'gnome_libsecret',
      secret: `harness:${dataDir}`,
    }),
    ciphertextStore: createKeyValueCiphertextStore(store),
    log,
    platform: 'linux',
    openExternal: async (url) => {
      harness.openedUrls.push(url.toString());
      return true;
    },
    dialogs: {
      chooseExportFile: async (defaultName) => {
        await mkdir(harness.exportDir, { recursive: true });
        return join(harness.exportDir, defaultName);
      },
      chooseImportFile: async () => harness.importFile,
    },
    keyEntry: {
      clipboard: {
        readText: () => harness.clipboard.text,
        clear: () => {
          harness.clipboard.text = '';
        },
      },
      openSignInPage: visitSignInPage,
      openKeySettingsPage: async () => {
        harness.openedUrls.push(KEY_SETTINGS_URL);
      },
      openKeyWindow: async () => {
        harness.keyWindowRequests++;
        return true;
      },
      closeKeyWindow: (id) => {
        harness.closedKeyWindows.push(id);
      },
      env: { ...(options.env ?? {}) },
    },
  });
  await services.init();
  if (options.importEnvKey) await services.keyEntry.envOffer.accept(options.importEnvKey);

  const token = randomBytes(32).toString('hex');
  const [chatPreload, keyEntryPreload] = await Promise.all([
    buildPagePreload('page-preload.ts'),
    buildPagePreload('key-entry-page-preload.ts'),
  ]);
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let windowIds = 0;
  const nextWindowId = () => ++windowIds;

  const chatBinding = bindWebSocket({
    server,
    path: CHAT_WS_PATH,
    pagePath: '/',
    token,
    origin: () => origin,
    table: () => chatTable,
    nextWindowId,
  });
  const keyBinding = bindWebSocket({
    server,
    path: KEY_ENTRY_WS_PATH,
    pagePath: '/key-entry.html',
    token,
    origin: () => origin,
    table: () => keyTable,
    nextWindowId,
  });
  refuseUnknownUpgrades(server, [CHAT_WS_PATH, KEY_ENTRY_WS_PATH]);
  const chatTable = createHandlerTable({
    contract: chatContract,
    handlers: services.handlers,
    policy: { origin, isOurWindow: (id) => chatBinding.isWindow(id) },
    sendEvent: chatBinding.sendEvent,
    log: log('ipc'),
  });
  const keyTable = createHandlerTable({
    contract: keyEntryContract,
    handlers: services.keyEntryHandlers,
    policy: { origin, isOurWindow: (id) => keyBinding.isWindow(id) },
    sendEvent: keyBinding.sendEvent,
    log: log('ipc-key-entry'),
  });
  chatBinding.onWindowClosed((id) => services.sessions.cancelWindow(id));
  const unsubscribe = services.vault.onStatusChange((status) =>
    chatBinding.broadcast(chatContract.onKeyStatus.channel, status),
  );

  const wsUrl = (path: string) => JSON.stringify(`ws://127.0.0.1:${port}${path}?token=${token}`);
  const handler = createStaticHandler({
    root: rendererDir,
    csp: () => contentSecurityPolicy([`ws://127.0.0.1:${port}`]),
    preloads: {
      'index.html': {
        path: CHAT_PRELOAD_PATH,
        code: () => chatPreload.replaceAll('__HARNESS_WS_URL__', wsUrl(CHAT_WS_PATH)),
      },
      'key-entry.html': {
        path: KEY_ENTRY_PRELOAD_PATH,
        code: () => keyEntryPreload.replaceAll('__HARNESS_WS_URL__', wsUrl(KEY_ENTRY_WS_PATH)),
      },
    },
  });
  server.on('request', (req, res) => void handler(req, res));

  return Object.assign(harness, {
    url: `${origin}/`,
    keyEntryUrl: `${origin}/key-entry.html`,
    dataDir,
    emulator,
    services,
    logLines,
    async close() {
      unsubscribe();
      await services.shutdown();
      await Promise.all([chatBinding.close(), keyBinding.close()]);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await emulator?.close();
    },
  });
}
