/**
 * The key vault: the only holder of the plaintext OpenRouter key in the whole app.
 *
 * It keeps the key in memory for main-process services, persists only `SecretCipher` ciphertext, and
 * reports a `KeyStatus` (masked preview, never the key) that the glue forwards to the window.
 * Whatever goes wrong with the stored record, the vault never deletes it on its own: only the
 * person's explicit remove or replace does.
 *
 * Every key is bound to the OpenRouter origin it was verified against (this launch's), sealed inside
 * the ciphertext (key-binding.ts). A stored key bound to another origin than this launch's is held
 * back (`origin-mismatch`): the client gets no key for it until the person agrees in main's dialog
 * (`allowLaunchOrigin`, this launch only). The base URL is a launch setting that same-user software
 * can set; without this, the next launch would send the key wherever it names.
 */
import { AppFailure, appError, type ErrorCode, errorWithText } from '../../../common/errors';
import type { KeyInfo, KeySource, KeyStatus, Persistence } from '../../../common/key-status';
import { describeError, maskKey, redact } from '../../../common/redact';
import { knownSecrets } from '../log/known-secrets';
import type { Logger } from '../log/logger';
import { sanitiseAppError } from '../log/sanitise-errors';
import { createSerialQueue } from '../shared/serial-queue';
import { type CiphertextStore, type StoredKeyRecord, StoredKeyRecordSchema } from './ciphertext-store';
import {
  DEFAULT_KEY_ORIGIN,
  type KeyBinding,
  openBinding,
  SEALED_RECORD_VERSION,
  sealBinding,
} from './key-binding';
import { normaliseKey } from './key-format';
import type { SecretCipher } from './secret-cipher';
import { MESSAGES, originMismatchMessage } from './vault-messages';
import {
  isWeakBackend,
  noneStatus,
  originMismatchStatus,
  sessionStatus,
  storedStatus,
  unavailableStatus,
  unreadableStatus,
} from './vault-status';

export interface KeyVaultDeps {
  cipher: SecretCipher;
  store: CiphertextStore;
  log: Logger;
  /**
   * GET /key with the key given (openrouter/client.ts `createKeyInfoReader`, which reads no key of its
   * own); throws AppFailure (`key_rejected` on 401, `offline`, ...).
   */
  verify: (key: string) => Promise<KeyInfo>;
  now?: () => Date;
  platform?: NodeJS.Platform;
  /**
   * The origin of this launch's OpenRouter base URL (`new URL(baseUrl).origin`), which `verify`
   * talks to: keys entered now are bound to it, and a stored key bound elsewhere is held back.
   * Default `https://openrouter.ai` (the default base URL's origin).
   */
  launchOrigin?: string;
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
  /**
   * For main-process services only. Never exposed over IPC. The key that may be sent to this launch's
   * origin, or null: no key, or one held back for another origin without the person's consent.
   */
  currentKey(): string | null;
  /**
   * The OpenRouter client's lookup, for the origin it is about to send to: the key when it is bound
   * to `origin` (or the person agreed to send it to this launch's origin), null when there is no key.
   * Throws `key_origin_mismatch` when a key is held for another origin, so the request is never made
   * and the person learns why.
   */
  keyFor(origin: string): string | null;
  /**
   * The person agreed, in main's dialog, to send the held key to this launch's origin. For this
   * launch only: the record stays bound to its origin. Does nothing unless the state is
   * `origin-mismatch` (a key entered meanwhile is already bound to the launch origin).
   */
  allowLaunchOrigin(): KeyStatus;
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
  const launchOrigin = deps.launchOrigin ?? DEFAULT_KEY_ORIGIN;
  const queue = createSerialQueue();
  const listeners = new Set<(status: KeyStatus) => void>();

  /** The key in memory and the origin it is bound to; null when there is none. */
  let held: KeyBinding | null = null;
  /** The person agreed to send `held` to `launchOrigin` although it is bound elsewhere (this launch). */
  let consented = false;
  let current: KeyStatus = Object.freeze(noneStatus(cipher.backend()));
  // Whether a record may be on disk, so a session-only key removes an older saved one and otherwise
  // leaves the store untouched.
  let recordMayExist = false;
  let loading: Promise<void> | null = null;

  /** `nextKey` is bound to `origin`, this launch's unless said otherwise. */
  function setState(next: KeyStatus, nextKey: string | null, origin = launchOrigin): void {
    held = nextKey === null ? null : { key: nextKey, origin };
    // Redaction registry (log/known-secrets.ts): logs and errors drop the key in use in any form.
    knownSecrets.add(nextKey);
    consented = false;
    announce(next);
  }

  function announce(next: KeyStatus): void {
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
      return new AppFailure(sanitiseAppError(error.error, redact));
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

    let loaded: KeyBinding;
    let shouldReEncrypt: boolean;
    try {
      const decrypted = await cipher.decrypt(fromBase64(record.ciphertext));
      // The origin comes from the decrypted text only, never from the record's plaintext fields.
      loaded = openBinding(decrypted.result);
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
    const preview = maskKey(loaded.key);
    if (loaded.origin === launchOrigin) {
      setState(storedStatus(loaded.key, record.source, record.storedAt, backend), loaded.key);
      log.info('stored key loaded', { preview, source: record.source, backend });
    } else {
      const origins = { keyOrigin: loaded.origin, launchOrigin };
      setState(
        originMismatchStatus(loaded.key, record.source, record.storedAt, backend, origins),
        loaded.key,
        loaded.origin,
      );
      log.warn('stored key belongs to another OpenRouter origin than this launch; it is not sent', {
        preview,
        ...origins,
      });
    }
  }

  /**
   * The OS rotated its key: save fresh ciphertext, sealing the same binding (a format-1 record is
   * sealed with the default origin it was bound to). Failing is harmless, the old one still decrypts.
   */
  async function reEncrypt(binding: KeyBinding, record: StoredKeyRecord, backend: string): Promise<void> {
    try {
      const ciphertext = toBase64(await cipher.encrypt(sealBinding(binding)));
      await store.write({ ...record, version: SEALED_RECORD_VERSION, ciphertext, backend });
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
    // Bound to the origin `verify` just asked: this launch's.
    const sealed = sealBinding({ key: candidate, origin: launchOrigin });
    let ciphertext: Uint8Array;
    try {
      ciphertext = await cipher.encrypt(sealed);
    } catch (error) {
      log.warn('encrypting the key failed', { error: describeError(error) });
      throw appError('encryption_unavailable', MESSAGES.encryptFailed);
    }
    // Read it back before reporting "saved": a keyring that cannot decrypt would otherwise lose the
    // key silently at the next start.
    try {
      const check = await cipher.decrypt(ciphertext);
      if (check.result !== sealed) throw new Error('decrypted text differs from what was encrypted');
    } catch (error) {
      log.warn('the keyring could not decrypt what it just encrypted', { error: describeError(error) });
      throw appError('encryption_unavailable', MESSAGES.roundTripFailed);
    }
    return {
      version: SEALED_RECORD_VERSION,
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
      origin: launchOrigin,
    });
    return { status: current, info, verified };
  }

  /** Whether the held key may be sent to `origin`: its own, or this launch's with consent. */
  function mayGoTo(origin: string): boolean {
    if (held === null) return false;
    return held.origin === origin || (consented && origin === launchOrigin);
  }

  function keyFor(origin: string): string | null {
    if (held === null) return null;
    if (mayGoTo(origin)) return held.key;
    // Says where the key belongs and where it would have gone; never the key.
    throw appError('key_origin_mismatch', originMismatchMessage(held.origin, origin));
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
      // Redaction registry: every candidate, before anything can log or echo it (kept if refused).
      knownSecrets.add(input.key);
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
      // `deps.verify` asks this launch's origin: the same rule as every other request.
      const usable = keyFor(launchOrigin);
      if (usable === null) {
        throw current.state === 'unreadable'
          ? appError('key_unreadable', MESSAGES.unreadable)
          : appError('key_missing', MESSAGES.keyMissing);
      }
      try {
        return await deps.verify(usable);
      } catch (error) {
        if (error instanceof AppFailure && error.error.code === 'key_rejected') {
          // Status stays as it is: the person decides whether to remove the key.
          log.warn('OpenRouter rejected the current key', { preview: maskKey(usable) });
          throw new AppFailure({ ...error.error, ...errorWithText(error.error.code, MESSAGES.keyRejected) });
        }
        throw sanitised(error);
      }
    },
    currentKey() {
      return mayGoTo(launchOrigin) ? (held?.key ?? null) : null;
    },
    keyFor,
    allowLaunchOrigin() {
      if (current.state === 'origin-mismatch' && held !== null) {
        consented = true;
        const { preview, source, storedAt, backend, keyOrigin } = current;
        announce({ state: 'stored', preview, source, storedAt, backend });
        log.warn('the person agreed to send the stored key to this launch’s origin until quit', {
          preview,
          keyOrigin,
          launchOrigin,
        });
      }
      return current;
    },
    onStatusChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
