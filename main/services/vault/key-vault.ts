/**
 * The key vault: the only holder of the plaintext OpenRouter key in the whole app.
 *
 * It keeps the key in memory for main-process services, persists only `SecretCipher` ciphertext, and
 * reports a `KeyStatus` (masked preview, never the key) that the glue forwards to the window.
 * Whatever goes wrong with the stored record, the vault never deletes it on its own: only the
 * person's explicit remove or replace does.
 */
import { AppFailure, appError, type ErrorCode } from '../../../common/errors';
import type { KeyInfo, KeySource, KeyStatus, Persistence } from '../../../common/key-status';
import { describeError, maskKey, redact } from '../../../common/redact';
import type { Logger } from '../log/logger';
import { type CiphertextStore, type StoredKeyRecord, StoredKeyRecordSchema } from './ciphertext-store';
import { normaliseKey } from './key-format';
import type { SecretCipher } from './secret-cipher';
import { createSerialQueue } from './serial-queue';
import { MESSAGES, UNREADABLE_REASON } from './vault-messages';
import {
  isWeakBackend,
  noneStatus,
  sessionStatus,
  storedStatus,
  unavailableStatus,
  unreadableStatus,
} from './vault-status';

export interface KeyVaultDeps {
  cipher: SecretCipher;
  store: CiphertextStore;
  log: Logger;
  /** GET /key through the OpenRouter client; throws AppFailure (`key_rejected` on 401, `offline`, ...). */
  verify: (key: string) => Promise<KeyInfo>;
  now?: () => Date;
  platform?: NodeJS.Platform;
}

export interface StoreKeyInput {
  key: string;
  source: KeySource;
  persistence: Persistence;
  /** The person explicitly accepted saving with the weak `basic_text` backend after a warning. */
  allowWeakEncryption?: boolean;
}

export interface StoreKeyResult {
  status: KeyStatus;
  /** What OpenRouter said about the key, or null when it could not be asked. */
  info: KeyInfo | null;
  verified: boolean;
}

export interface KeyVault {
  /**
   * Loads and decrypts the stored key, if any (call once after app ready; later calls return the
   * current status). Never throws: failures become `unreadable` or `unavailable`, and the record is
   * kept. Honours `shouldReEncrypt` by writing the new ciphertext.
   */
  init(): Promise<KeyStatus>;
  status(): KeyStatus;
  /** Checks the format, verifies with OpenRouter, then keeps the key as asked. Replaces any previous key. */
  store(input: StoreKeyInput): Promise<StoreKeyResult>;
  /**
   * Throws the same refusal `store` would for this persistence choice, without a key: sign-in calls it
   * before opening the browser, so OpenRouter never mints a key that then cannot be kept.
   */
  assertCanStore(choice: { persistence: Persistence; allowWeakEncryption?: boolean }): Promise<void>;
  /** Wipes the record (also an unreadable one) and the in-memory key. */
  remove(): Promise<KeyStatus>;
  /** GET /key with the current key. Throws `key_rejected`, `key_missing` or `key_unreadable`. */
  verify(): Promise<KeyInfo>;
  /** For main-process services only (the OpenRouter client). Never exposed over IPC. */
  currentKey(): string | null;
  /** Subscribe to status changes. Returns the unsubscribe function. */
  onStatusChange(listener: (status: KeyStatus) => void): () => void;
}

/**
 * Verification failures that say nothing about the key itself. We store the key anyway, unverified:
 * a person on a flaky network should still be able to enter their key, and the first chat will tell
 * them if it is wrong. Every other failure (above all `key_rejected`) stops the key from being stored.
 */
const INCONCLUSIVE_VERIFY_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'offline',
  'timeout',
  'provider_unavailable',
]);

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function createKeyVault(deps: KeyVaultDeps): KeyVault {
  const { cipher, store, log } = deps;
  const now = deps.now ?? (() => new Date());
  const platform = deps.platform ?? process.platform;
  const queue = createSerialQueue();
  const listeners = new Set<(status: KeyStatus) => void>();

  let key: string | null = null;
  let current: KeyStatus = Object.freeze(noneStatus(cipher.backend()));
  // Whether a record may be on disk, so a session-only key removes an older saved one and otherwise
  // leaves the store untouched.
  let recordMayExist = false;
  let loading: Promise<void> | null = null;

  function setState(next: KeyStatus, nextKey: string | null): void {
    key = nextKey;
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = Object.freeze(next);
    for (const listener of [...listeners]) {
      try {
        listener(current);
      } catch (error) {
        // One faulty subscriber must not leave the vault half-updated or hide the change from others.
        log.error('key status listener failed', { error: describeError(error) });
      }
    }
  }

  async function encryptionAvailable(): Promise<boolean> {
    try {
      return await cipher.isAvailable();
    } catch (error) {
      log.warn('could not ask whether encryption is available; assuming it is not', {
        error: describeError(error),
      });
      return false;
    }
  }

  /** A failure from outside the vault, re-thrown with its message redacted just in case it echoed the key. */
  function sanitised(error: unknown): AppFailure {
    if (error instanceof AppFailure) {
      return new AppFailure({ ...error.error, message: redact(error.error.message) });
    }
    log.error('key verification failed unexpectedly', { error: describeError(error) });
    return appError('internal', MESSAGES.verifyFailed);
  }

  async function load(): Promise<void> {
    const available = await encryptionAvailable();
    const backend = cipher.backend();
    let raw: unknown;
    try {
      raw = await store.read();
    } catch (error) {
      log.warn('could not read the stored key record; keeping it', { error: describeError(error) });
      recordMayExist = true;
      setState(unreadableStatus(backend), null);
      return;
    }
    if (raw === undefined || raw === null) {
      setState(available ? noneStatus(backend) : unavailableStatus(backend, platform, false), null);
      return;
    }
    recordMayExist = true;

    const parsed = StoredKeyRecordSchema.safeParse(raw);
    if (!parsed.success) {
      // Paths only: issue messages could quote stored values.
      const paths = parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)');
      log.warn('stored key record is malformed; keeping it until the person removes or replaces it', {
        invalidFields: paths.join(','),
      });
      setState(unreadableStatus(backend), null);
      return;
    }
    const record = parsed.data;

    if (!available) {
      // The keyring may only be absent this session (locked, not started): that is not a broken
      // record, so report `unavailable` and keep the record for a later start.
      log.warn('encryption is unavailable; the stored key stays encrypted on disk', { backend });
      setState(unavailableStatus(backend, platform, true), null);
      return;
    }

    let loaded: string;
    let shouldReEncrypt: boolean;
    try {
      const decrypted = await cipher.decrypt(fromBase64(record.ciphertext));
      loaded = normaliseKey(decrypted.result);
      shouldReEncrypt = decrypted.shouldReEncrypt;
    } catch (error) {
      log.warn('stored key cannot be decrypted; keeping the record until the person acts', {
        error: describeError(error),
        recordBackend: record.backend,
        backend,
      });
      setState(unreadableStatus(backend), null);
      return;
    }

    if (shouldReEncrypt) await reEncrypt(loaded, record, backend);
    setState(storedStatus(loaded, record.source, record.storedAt, backend), loaded);
    log.info('stored key loaded', { preview: maskKey(loaded), source: record.source, backend });
  }

  /** The OS rotated its key: save fresh ciphertext. Failing is harmless, the old one still decrypts. */
  async function reEncrypt(plaintext: string, record: StoredKeyRecord, backend: string): Promise<void> {
    try {
      const ciphertext = toBase64(await cipher.encrypt(plaintext));
      await store.write({ ...record, ciphertext, backend });
      log.info('stored key re-encrypted at the keyring’s request', { backend });
    } catch (error) {
      log.warn('could not re-encrypt the stored key; the old ciphertext still works', {
        error: describeError(error),
      });
    }
  }

  function ensureLoaded(): Promise<void> {
    loading ??= queue.run(load).catch((error: unknown) => {
      // `load` handles every expected failure; this is a bug guard. Unreadable never deletes anything.
      log.error('unexpected failure while loading the stored key', { error: describeError(error) });
      setState(unreadableStatus(cipher.backend()), null);
    });
    return loading;
  }

  /** Throws when the key must not be persisted here, before anything is sent to OpenRouter. */
  async function assertCanPersist(allowWeakEncryption: boolean): Promise<void> {
    if (!(await encryptionAvailable())) {
      // Keep a stale `none` from advertising encryption that has gone away since start-up.
      if (current.state === 'none') setState(unavailableStatus(cipher.backend(), platform, false), null);
      throw appError('encryption_unavailable', MESSAGES.encryptionUnavailable);
    }
    if (isWeakBackend(cipher.backend()) && !allowWeakEncryption) {
      throw appError('plaintext_storage_refused', MESSAGES.plaintextStorageRefused);
    }
  }

  async function verifyBeforeStoring(
    candidate: string,
  ): Promise<{ info: KeyInfo | null; verified: boolean }> {
    try {
      return { info: await deps.verify(candidate), verified: true };
    } catch (error) {
      if (error instanceof AppFailure && INCONCLUSIVE_VERIFY_CODES.has(error.error.code)) {
        log.warn('could not reach OpenRouter to verify the key; storing it unverified', {
          code: error.error.code,
        });
        return { info: null, verified: false };
      }
      if (error instanceof AppFailure && error.error.code === 'key_rejected') {
        // The client's wording assumes a stored key; this one was never kept.
        throw appError('key_rejected', MESSAGES.candidateRejected, { status: 401 });
      }
      throw sanitised(error);
    }
  }

  async function encryptRecord(
    candidate: string,
    source: KeySource,
    backend: string,
  ): Promise<StoredKeyRecord> {
    let ciphertext: Uint8Array;
    try {
      ciphertext = await cipher.encrypt(candidate);
    } catch (error) {
      log.warn('encrypting the key failed', { error: describeError(error) });
      throw appError('encryption_unavailable', MESSAGES.encryptFailed);
    }
    // Read it back before reporting "saved": a keyring that cannot decrypt would otherwise lose the
    // key silently at the next start.
    try {
      const check = await cipher.decrypt(ciphertext);
      if (check.result !== candidate) throw new Error('decrypted text differs from the key');
    } catch (error) {
      log.warn('the keyring could not decrypt what it just encrypted', { error: describeError(error) });
      throw appError('encryption_unavailable', MESSAGES.roundTripFailed);
    }
    return {
      version: 1,
      ciphertext: toBase64(ciphertext),
      source,
      storedAt: now().toISOString(),
      preview: maskKey(candidate),
      backend,
    };
  }

  async function removeRecord(): Promise<void> {
    try {
      await store.remove();
    } catch (error) {
      log.error('deleting the stored key record failed', { error: describeError(error) });
      throw appError('internal', MESSAGES.removeFailed);
    }
    recordMayExist = false;
  }

  async function doStore(input: StoreKeyInput): Promise<StoreKeyResult> {
    const candidate = normaliseKey(input.key);
    if (input.persistence === 'encrypted') await assertCanPersist(input.allowWeakEncryption === true);
    const { info, verified } = await verifyBeforeStoring(candidate);
    const backend = cipher.backend();

    if (input.persistence === 'session') {
      // One key at a time: a saved older key would otherwise come back at the next start.
      if (recordMayExist) await removeRecord();
      setState(sessionStatus(candidate, input.source, now().toISOString(), backend), candidate);
    } else {
      const record = await encryptRecord(candidate, input.source, backend);
      try {
        await store.write(record);
      } catch (error) {
        log.error('writing the stored key record failed', { error: describeError(error) });
        throw appError('internal', MESSAGES.writeFailed);
      }
      recordMayExist = true;
      setState(storedStatus(candidate, record.source, record.storedAt, backend), candidate);
    }
    log.info('key stored', {
      preview: maskKey(candidate),
      source: input.source,
      persistence: input.persistence,
      verified,
      backend,
    });
    return { status: current, info, verified };
  }

  async function doRemove(): Promise<KeyStatus> {
    await removeRecord();
    const backend = cipher.backend();
    const available = await encryptionAvailable();
    setState(available ? noneStatus(backend) : unavailableStatus(backend, platform, false), null);
    log.info('key removed', { backend });
    return current;
  }

  return {
    async init() {
      await ensureLoaded();
      return current;
    },
    status() {
      return current;
    },
    async store(input) {
      // Loading first keeps a late `init()` from overwriting a key stored before it.
      await ensureLoaded();
      return queue.run(() => doStore(input));
    },
    async assertCanStore(choice) {
      await ensureLoaded();
      if (choice.persistence === 'encrypted') await assertCanPersist(choice.allowWeakEncryption === true);
    },

    async remove() {
      await ensureLoaded();
      return queue.run(doRemove);
    },
    async verify() {
      await ensureLoaded();
      const held = key;
      if (held === null) {
        throw current.state === 'unreadable'
          ? appError('key_unreadable', UNREADABLE_REASON)
          : appError('key_missing', MESSAGES.keyMissing);
      }
      try {
        return await deps.verify(held);
      } catch (error) {
        if (error instanceof AppFailure && error.error.code === 'key_rejected') {
          // Status stays as it is: the person decides whether to remove the key.
          log.warn('OpenRouter rejected the current key', { preview: maskKey(held) });
          throw new AppFailure({ ...error.error, message: MESSAGES.keyRejected });
        }
        throw sanitised(error);
      }
    },
    currentKey() {
      return key;
    },
    onStatusChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
