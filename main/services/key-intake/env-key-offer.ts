/**
 * `OPENROUTER_API_KEY` at launch: main offers to import it rather than using it silently, because
 * the person may not want a key from their shell profile saved, or may want it for this session only.
 *
 * The variable is removed from `env` as soon as the offer is created: Chromium's child processes
 * (renderers included) inherit main's environment, and a sandboxed preload can read `process.env`,
 * so the key must be gone from it before the first window opens.
 */
import { AppFailure, appError, type ErrorCode } from '../../../common/errors';
import type { Persistence } from '../../../common/key-status';
import { maskKey } from '../../../common/redact';
import { knownSecrets } from '../log/known-secrets';
import type { Logger } from '../log/logger';
import { normaliseKey } from '../vault/key-format';
import type { StoreKeyInput, StoreKeyResult } from '../vault/key-vault';

export const ENV_KEY_VARIABLE = 'OPENROUTER_API_KEY';

export interface EnvKeyOfferDeps {
  /** `process.env` in the app; the variable is deleted from it. */
  env: Record<string, string | undefined>;
  /** The vault's `store`. */
  storeKey: (input: StoreKeyInput) => Promise<StoreKeyResult>;
  log: Logger;
}

export interface EnvKeyOffer {
  /** What to show the person, or null when there is nothing (left) to offer. */
  pending(): { preview: string } | null;
  /**
   * Stores the key with source 'env'. Throws AppFailure: `key_missing` when nothing is pending, or the
   * vault's error. After a refusal that another choice can fix (no keyring, weak backend, offline) the
   * offer stays pending so the person can pick "this session only"; a rejected key is dropped.
   */
  accept(persistence: Persistence, allowWeakEncryption?: boolean): Promise<StoreKeyResult>;
  /** Forgets the key without storing anything. */
  dismiss(): void;
}

/** Vault failures that say the key itself is bad: offering it again would only fail again. */
const KEY_IS_BAD: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['key_rejected', 'key_invalid_format']);

export function createEnvKeyOffer(deps: EnvKeyOfferDeps): EnvKeyOffer {
  const { env, log } = deps;
  const raw = env[ENV_KEY_VARIABLE];
  delete env[ENV_KEY_VARIABLE];
  // Redaction registry (log/known-secrets.ts): the value, even one that is not offered.
  knownSecrets.add(raw);

  let key: string | null = null;
  if (raw !== undefined && raw.trim() !== '') {
    try {
      key = normaliseKey(raw);
      log.info('OPENROUTER_API_KEY is set; offering to import it', { preview: maskKey(key) });
    } catch {
      // Not worth offering: the person would only get an error. The value itself is never logged.
      log.warn('OPENROUTER_API_KEY is set but does not look like an OpenRouter key; ignoring it');
    }
  }
  let accepting = false;

  return {
    pending() {
      return key !== null && !accepting ? { preview: maskKey(key) } : null;
    },
    async accept(persistence, allowWeakEncryption) {
      const candidate = key;
      if (candidate === null || accepting) {
        throw appError('key_missing', { id: 'errors.signIn.envKeyGone' });
      }
      accepting = true;
      try {
        const result = await deps.storeKey({
          key: candidate,
          source: 'env',
          persistence,
          ...(allowWeakEncryption !== undefined ? { allowWeakEncryption } : {}),
        });
        key = null;
        return result;
      } catch (error) {
        if (error instanceof AppFailure && KEY_IS_BAD.has(error.error.code)) key = null;
        throw error;
      } finally {
        accepting = false;
      }
    },
    dismiss() {
      if (key !== null) log.info('import of OPENROUTER_API_KEY dismissed');
      key = null;
    },
  };
}
