/**
 * `submit(key)` of the small key-entry window, the only window that ever holds a typed key. Every
 * outcome comes back as a value the window can show next to the field: it has no other way to learn
 * what went wrong, and an error message never repeats what was typed.
 */
import type { z } from 'zod';
import { type AppError, AppFailure, errorWithText } from '../../../common/errors';
import { TypedKeySubmissionSchema } from '../../../common/key-intake-types';
import type { KeyInfo, KeyStatus } from '../../../common/key-status';
import { describeError } from '../../../common/redact';
import { knownSecrets } from '../log/known-secrets';
import type { Logger } from '../log/logger';
import { normaliseKey } from '../vault/key-format';
import type { StoreKeyInput, StoreKeyResult } from '../vault/key-vault';

/**
 * The payload of `submit`, from the key-entry window's contract. The length cap there only bounds the
 * IPC message; `normaliseKey` gives the person-facing "too long" message well below it.
 */
export { TypedKeySubmissionSchema };
export type TypedKeySubmission = z.infer<typeof TypedKeySubmissionSchema>;

export type TypedKeyResult =
  | { ok: true; status: KeyStatus; info: KeyInfo | null; verified: boolean }
  | { ok: false; error: AppError };

export interface TypedKeyDeps {
  /** The vault's `store`. */
  storeKey: (input: StoreKeyInput) => Promise<StoreKeyResult>;
  log: Logger;
}

export interface TypedKeyHandler {
  submit(input: TypedKeySubmission): Promise<TypedKeyResult>;
}

const BUSY: AppError = errorWithText('validation', { id: 'errors.signIn.alreadyChecking' });

export function createTypedKeyHandler(deps: TypedKeyDeps): TypedKeyHandler {
  const { log } = deps;
  let busy = false;

  return {
    async submit(input) {
      // Redaction registry (log/known-secrets.ts): what was typed, before anything can log or echo it.
      knownSecrets.add(input.key);
      if (busy) return { ok: false, error: BUSY };
      busy = true;
      try {
        // Checked here first so a malformed key is never sent to OpenRouter for verification.
        const key = normaliseKey(input.key);
        const stored = await deps.storeKey({
          key,
          source: 'typed',
          persistence: input.persistence,
          ...(input.allowWeakEncryption !== undefined
            ? { allowWeakEncryption: input.allowWeakEncryption }
            : {}),
        });
        return { ok: true, status: stored.status, info: stored.info, verified: stored.verified };
      } catch (error) {
        if (error instanceof AppFailure) {
          log.info('typed key not stored', { code: error.error.code });
          return { ok: false, error: error.error };
        }
        log.error('storing a typed key failed unexpectedly', { error: describeError(error) });
        return {
          ok: false,
          error: errorWithText('internal', { id: 'errors.signIn.saveFailed' }),
        };
      } finally {
        busy = false;
      }
    },
  };
}
