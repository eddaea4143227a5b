/**
 * Shared by the key-intake tests; not imported by production code. The capture logger records what
 * services pass to it *before* redaction, so a test proves the key was never handed to the logger at
 * all rather than that the logger happened to mask it.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Emulator } from '../../../../e2e/emulator/server';
import type { LogFields, Logger } from '../../log/logger';
import { createOpenRouterClient } from '../../openrouter/client';
import { createKeyVault, type KeyVault } from '../../vault/key-vault';
import {
  createMemoryCiphertextStore,
  type MemoryCiphertextStore,
} from '../../vault/testing/memory-ciphertext-store';
import { createTestCipher, type TestCipher } from '../../vault/testing/test-cipher';

export interface CaptureLogger extends Logger {
  /** Every message with its fields, unredacted. */
  readonly lines: string[];
}

export function createCaptureLogger(): CaptureLogger {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

/** Anything shaped like a full OpenRouter v1 key (what the emulator and `makeKey` mint). */
export const FULL_KEY_PATTERN = /sk-or-v1-[0-9a-f]{64}/;

/** True when something accepts a TCP connection on 127.0.0.1:port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on its own connection, with full control over method and Host (fetch forbids both). */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; host?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: { host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface EmulatorVault {
  vault: KeyVault;
  store: MemoryCiphertextStore;
  cipher: TestCipher;
}

/** A real vault that verifies through a real OpenRouter client pointed at the emulator. */
export function createEmulatorVault(emulator: Emulator, log: Logger): EmulatorVault {
  const cipher = createTestCipher();
  const store = createMemoryCiphertextStore();
  let vault: KeyVault | null = null;
  const client = createOpenRouterClient({
    baseUrl: emulator.baseUrl,
    getKey: () => vault?.currentKey() ?? null,
    log,
  });
  vault = createKeyVault({ cipher, store, log, verify: (key) => client.getKeyInfo(key), platform: 'linux' });
  return { vault, store, cipher };
}
