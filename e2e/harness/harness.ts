import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { chatContract } from '../../common/ipc/contract';
import type { KeySource, Persistence } from '../../common/key-status';
import { composeServices, type Services } from '../../main/app/compose-services';
import { createHandlerTable } from '../../main/ipc/handler-table';
import { contentSecurityPolicy } from '../../main/protocol/content-security-policy';
import { createLogger, type Logger } from '../../main/services/log/logger';
import { createKeyValueCiphertextStore } from '../../main/services/vault/ciphertext-store';
import { createTestCipher } from '../../main/services/vault/test-cipher';
import { type Emulator, startEmulator } from '../emulator/server';
import { buildPagePreload } from './build-preload';
import { createStaticHandler } from './static-server';
import { bindWebSocket } from './ws-binding';
import { PRELOAD_PATH, WS_PATH } from './ws-protocol';

/**
 * The browser harness: the real main-process services and handler table in Node, bound to a
 * loopback WebSocket guarded by a per-run token, and the real built renderer served with a harness
 * preload that implements the same bridge. A test and development tool — loopback only, never bundled.
 */
export interface HarnessOptions {
  port?: number;
  /** OpenRouter base URL; without it the harness starts the emulator itself. */
  baseUrl?: string;
  /** Data directory (vault file, settings, history); a fresh temp directory by default. */
  dataDir?: string;
  /** Import this key through the vault at start, as the app's environment import does. */
  importKey?: { key: string; persistence: Persistence; source?: KeySource };
  /** Built renderer; default out/renderer. */
  rendererDir?: string;
  /** Where log lines go (already redacted); default: kept in memory only. */
  logSink?: (line: string) => void;
}

export interface Harness {
  url: string;
  dataDir: string;
  emulator: Emulator | null;
  services: Services;
  /** Every URL the page asked main to open in the browser (confirmed automatically). */
  openedUrls: string[];
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
  const openedUrls: string[] = [];

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
    // A deterministic secret so a restarted harness on the same data directory can decrypt.
    cipher: createTestCipher({ backend: 'gnome_libsecret', secret: `harness:${dataDir}` }),
    ciphertextStore: createKeyValueCiphertextStore(store),
    log,
    platform: 'linux',
    openExternal: async (url) => {
      openedUrls.push(url.toString());
      return true;
    },
  });
  await services.init();
  if (options.importKey) {
    await services.vault.store({
      key: options.importKey.key,
      source: options.importKey.source ?? 'env',
      persistence: options.importKey.persistence,
    });
  }

  const token = randomBytes(32).toString('hex');
  const preloadCode = await buildPagePreload('page-preload.ts');
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const binding = bindWebSocket({ server, token, origin: () => origin, table: () => table });
  const table = createHandlerTable({
    contract: chatContract,
    handlers: services.handlers,
    policy: { origin, isOurWindow: (id) => binding.isWindow(id) },
    sendEvent: binding.sendEvent,
    log: log('ipc'),
  });
  binding.onWindowClosed((id) => services.sessions.cancelWindow(id));
  const unsubscribe = services.vault.onStatusChange((status) =>
    binding.broadcast(chatContract.onKeyStatus.channel, status),
  );

  const wsUrl = JSON.stringify(`ws://127.0.0.1:${port}${WS_PATH}?token=${token}`);
  const handler = createStaticHandler({
    root: rendererDir,
    csp: () => contentSecurityPolicy([`ws://127.0.0.1:${port}`]),
    preloads: {
      'index.html': { path: PRELOAD_PATH, code: () => preloadCode.replaceAll('__HARNESS_WS_URL__', wsUrl) },
    },
  });
  server.on('request', (req, res) => void handler(req, res));

  return {
    url: `${origin}/`,
    dataDir,
    emulator,
    services,
    openedUrls,
    logLines,
    async close() {
      unsubscribe();
      await services.shutdown();
      await binding.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await emulator?.close();
    },
  };
}
