/**
 * A `SecretCipher` that really encrypts (AES-256-GCM), for unit tests and the browser harness.
 *
 * Why real encryption rather than a reversible stub: the tests must prove that only ciphertext reaches
 * the disk and that a wrong keyring or damaged data is detected, and a stub would pass those tests
 * while proving nothing. This file imports only Node built-ins so the harness can load it outside
 * vitest.
 *
 * Ciphertext layout: [key version: 1 byte][IV: 12 bytes][GCM tag: 16 bytes][encrypted UTF-8 text].
 * The version byte models the OS rotating its key: `rotate()` makes a new version current, and older
 * ciphertexts still decrypt but report `shouldReEncrypt: true`, as `safeStorage` does.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { SecretCipher } from '../secret-cipher';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const MAX_VERSION = 255;

/** Fixed so that two instances (e.g. before and after a simulated restart) share a "keyring". */
const DEFAULT_SECRET = 'switchboard-test-keyring';

// scrypt is deliberately slow; caching per (secret, version) keeps tests fast while the derivation
// stays realistic. Same inputs always give the same key, so sharing the cache changes nothing else.
const derivedKeys = new Map<string, Buffer>();

function deriveKey(secret: string, version: number): Buffer {
  const id = `${version}:${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = scryptSync(secret, `switchboard-test-cipher-v${version}`, 32);
    derivedKeys.set(id, key);
  }
  return key;
}

export interface TestCipherOptions {
  /** Reported by `backend()`; use `basic_text` to exercise the weak-backend path. Default `test`. */
  backend?: string;
  /** Initial answer of `isAvailable()`. Default true. */
  available?: boolean;
  /** Stands in for the OS keyring: a different secret cannot decrypt this one's ciphertexts. */
  secret?: string;
  /** Decryption waits for this, like a keystore that is slow or waiting for the person's consent. */
  decryptGate?: Promise<void>;
}

export interface TestCipher extends SecretCipher {
  /** Makes a new key version current; ciphertexts of older versions then ask to be re-encrypted. */
  rotate(): void;
  /** From now on every decrypt fails, as after a keyring change. */
  breakDecryption(): void;
  /** Changes what `isAvailable()` answers; when false, encrypt and decrypt refuse too. */
  setAvailable(available: boolean): void;
}

export function createTestCipher(options: TestCipherOptions = {}): TestCipher {
  const secret = options.secret ?? DEFAULT_SECRET;
  const backendName = options.backend ?? 'test';
  let available = options.available ?? true;
  let currentVersion = 1;
  let broken = false;
  const keyFor = (version: number): Buffer => deriveKey(secret, version);

  const refuseIfUnavailable = (operation: string): void => {
    if (!available) throw new Error(`Test cipher: ${operation} is not available`);
  };

  return {
    async isAvailable() {
      return available;
    },
    backend() {
      return backendName;
    },
    async encrypt(plaintext) {
      refuseIfUnavailable('encryption');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyFor(currentVersion), iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.of(currentVersion), iv, cipher.getAuthTag(), body]));
    },
    async decrypt(ciphertext) {
      await options.decryptGate;
      refuseIfUnavailable('decryption');
      if (broken) throw new Error('Test cipher: decryption is broken (simulated keyring change)');
      const data = Buffer.from(ciphertext);
      if (data.length < HEADER_BYTES) throw new Error('Test cipher: ciphertext is too short');
      const version = data.readUInt8(0);
      if (version < 1 || version > currentVersion) {
        throw new Error(`Test cipher: unknown key version ${version}`);
      }
      const iv = data.subarray(1, 1 + IV_BYTES);
      const tag = data.subarray(1 + IV_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', keyFor(version), iv);
      decipher.setAuthTag(tag);
      // `final()` throws when the tag does not match: wrong secret or tampered bytes.
      const plain = Buffer.concat([decipher.update(data.subarray(HEADER_BYTES)), decipher.final()]);
      return { result: plain.toString('utf8'), shouldReEncrypt: version < currentVersion };
    },
    rotate() {
      if (currentVersion >= MAX_VERSION) throw new Error('Test cipher: no key versions left');
      currentVersion += 1;
    },
    breakDecryption() {
      broken = true;
    },
    setAvailable(next) {
      available = next;
    },
  };
}
