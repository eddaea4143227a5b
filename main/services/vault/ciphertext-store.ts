/**
 * Where the encrypted key record lives. Only `SecretCipher` output (base64) and non-secret metadata
 * are ever written here; the plaintext key never reaches a store.
 */
import { z } from 'zod';
import { type KeySource, KeySourceSchema } from '../../../common/key-status';

export interface StoredKeyRecord {
  /**
   * 2: the ciphertext seals the key with the origin it was verified against (key-binding.ts);
   * 1: written before that, the bare key. Informational only: the vault reads the binding from the
   * decrypted text, so editing this field cannot change where the key may go.
   */
  version: 1 | 2;
  /** base64 of the `SecretCipher` ciphertext. */
  ciphertext: string;
  source: KeySource;
  /** ISO 8601: when the person stored this key (kept across re-encryption). */
  storedAt: string;
  /** Masked preview (`maskKey`), never the key. */
  preview: string;
  /** The cipher backend that wrote the ciphertext, for diagnosing unreadable records. */
  backend: string;
}

/**
 * What the vault accepts back from disk. The file may have been edited, damaged or written by another
 * version, so `read()` returns `unknown` and the vault validates it with this schema.
 */
export const StoredKeyRecordSchema = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
  ciphertext: z.base64().min(1),
  source: KeySourceSchema,
  storedAt: z.iso.datetime({ offset: true }),
  preview: z.string(),
  backend: z.string(),
}) satisfies z.ZodType<StoredKeyRecord>;

export interface CiphertextStore {
  /** The raw stored value, or `undefined`/`null` when nothing is stored. Validated by the vault. */
  read(): Promise<unknown>;
  write(record: StoredKeyRecord): Promise<void>;
  remove(): Promise<void>;
}

/** The subset of electron-store / conf the vault needs; both have exactly these methods. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** The property name of the record inside the key-value file. */
export const DEFAULT_RECORD_NAME = 'openrouterKey';

/**
 * A store over an electron-store instance (the app) or a conf instance (the browser harness). Those
 * write the file synchronously; wrapping in async keeps the interface open to async backends.
 */
export function createKeyValueCiphertextStore(
  kv: KeyValueStore,
  name = DEFAULT_RECORD_NAME,
): CiphertextStore {
  return {
    async read() {
      return kv.get(name);
    },
    async write(record) {
      // A fresh plain object: the caller's record must not be aliased by the store's cache.
      kv.set(name, { ...record });
    },
    async remove() {
      kv.delete(name);
    },
  };
}
