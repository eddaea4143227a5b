/**
 * Shared fixtures for the vault's unit tests: realistic keys, a controllable stand-in for the
 * OpenRouter `GET /key` call, and a vault wired to the real-encrypting test cipher.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { AppFailure, type ErrorCode } from '../../../../common/errors';
import type { KeyInfo, KeyStatus } from '../../../../common/key-status';
import { createMemoryLogger } from '../../log/testing/memory-logger';
import type { CiphertextStore, StoredKeyRecord } from '../ciphertext-store';
import { type KeyBinding, openBinding } from '../key-binding';
import { createKeyVault, type KeyVault } from '../key-vault';
import { createMemoryCiphertextStore, type MemoryCiphertextStore } from './memory-ciphertext-store';
import { createTestCipher, type TestCipher } from './test-cipher';

/** A fresh key shaped like a real one: `sk-or-v1-` + 64 hex characters. */
export function makeKey(): string {
  return `sk-or-v1-${randomBytes(32).toString('hex')}`;
}

export const KEY_INFO: KeyInfo = {
  label: 'sk-or-v1-…test',
  usage: 1.25,
  limit: 10,
  limitRemaining: 8.75,
  isFreeTier: false,
};

export interface VerifyStub {
  verify: (key: string) => Promise<KeyInfo>;
  /** Every key `verify` was called with, in order. */
  calls: string[];
  succeed(info?: KeyInfo): void;
  fail(error: unknown): void;
  /** Calls made from now on wait until the returned function is called. */
  hold(): () => void;
}

export function createVerifyStub(): VerifyStub {
  const calls: string[] = [];
  let outcome: () => Promise<KeyInfo> = async () => KEY_INFO;
  let gate: Promise<void> | null = null;
  return {
    calls,
    async verify(key) {
      calls.push(key);
      const wait = gate;
      if (wait) await wait;
      return outcome();
    },
    succeed(info = KEY_INFO) {
      outcome = async () => info;
    },
    fail(error) {
      outcome = async () => {
        throw error;
      };
    },
    hold() {
      let release: () => void = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

export const FIXED_NOW = new Date('2025-03-04T05:06:07.000Z');

export interface VaultFixture {
  vault: KeyVault;
  cipher: TestCipher;
  store: MemoryCiphertextStore;
  log: ReturnType<typeof createMemoryLogger>;
  verifyStub: VerifyStub;
  /** Every status the vault announced, in order. */
  announced: KeyStatus[];
}

export interface FixtureOptions {
  cipher?: TestCipher;
  store?: MemoryCiphertextStore;
  platform?: NodeJS.Platform;
  now?: () => Date;
  /** The origin this "launch" points the client at; the vault's default when absent. */
  launchOrigin?: string;
}

/** A vault as the glue would build it, with test adapters. Pass the same cipher and store to "restart". */
export function makeVault(options: FixtureOptions = {}): VaultFixture {
  const cipher = options.cipher ?? createTestCipher();
  const store = options.store ?? createMemoryCiphertextStore();
  const log = createMemoryLogger('vault');
  const verifyStub = createVerifyStub();
  const vault = createKeyVault({
    cipher,
    store,
    log,
    verify: verifyStub.verify,
    now: options.now ?? (() => FIXED_NOW),
    platform: options.platform ?? 'linux',
    ...(options.launchOrigin === undefined ? {} : { launchOrigin: options.launchOrigin }),
  });
  const announced: KeyStatus[] = [];
  vault.onStatusChange((status) => announced.push(status));
  return { vault, cipher, store, log, verifyStub, announced };
}

/** Asserts the promise rejects with an AppFailure of `code` and returns it for further checks. */
export async function expectFailure(promise: Promise<unknown>, code: ErrorCode): Promise<AppFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppFailure);
  const failure = error as AppFailure;
  expect(failure.error.code).toBe(code);
  return failure;
}

/** What the store's ciphertext decrypts to, as this cipher reads it: the raw plaintext. */
export async function decryptStoredPlaintext(
  store: CiphertextStore,
  cipher: TestCipher,
): Promise<{ result: string; shouldReEncrypt: boolean }> {
  const raw = (await store.read()) as { ciphertext: string };
  return cipher.decrypt(new Uint8Array(Buffer.from(raw.ciphertext, 'base64')));
}

/**
 * Decrypts what a store holds and opens the binding inside, proving the record really is this
 * cipher's ciphertext of the key. `result` is the key; `origin` the origin sealed with it.
 */
export async function decryptStored(
  store: CiphertextStore,
  cipher: TestCipher,
): Promise<{ result: string; shouldReEncrypt: boolean }> {
  const { result, shouldReEncrypt } = await decryptStoredPlaintext(store, cipher);
  return { result: openBinding(result).key, shouldReEncrypt };
}

/** The key and origin sealed in the store's ciphertext. */
export async function storedBinding(store: CiphertextStore, cipher: TestCipher): Promise<KeyBinding> {
  return openBinding((await decryptStoredPlaintext(store, cipher)).result);
}

/** A well-formed stored record (its ciphertext is not real): for tests of the stores, not the vault. */
export const SAMPLE_RECORD: StoredKeyRecord = {
  version: 1,
  ciphertext: Buffer.from('not really ciphertext').toString('base64'),
  source: 'typed',
  storedAt: '2025-03-04T05:06:07.000Z',
  preview: 'sk-or-v1-…abcd',
  backend: 'gnome_libsecret',
};
