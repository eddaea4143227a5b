import { type ErrorMessage, englishErrorText } from '../../../common/i18n/error-messages';

/**
 * The sentences the vault shows to people, in one place so the states and errors stay consistent.
 * Each says what happened and what the person can do. None may contain the key. The words are
 * catalog messages (errors.key.*).
 */

/**
 * Why OS encryption cannot be used on this platform, as a catalog message: `platform` selects the
 * keyring's name, `kept` whether a saved key waits for it.
 */
export function unavailableMessage(platform: NodeJS.Platform, savedKeyKept: boolean): ErrorMessage {
  return { id: 'errors.key.unavailable', values: { platform, kept: savedKeyKept ? 'yes' : 'no' } };
}

/**
 * The key status's English `reason` (common/key-status.ts; logs and an older window — each window words
 * `reasonMessage` itself): made from the `en` catalog, so the words live in the catalogs only.
 */
export function unavailableReason(platform: NodeJS.Platform, savedKeyKept: boolean): string {
  return englishErrorText(unavailableMessage(platform, savedKeyKept));
}

/** Why a request was not made while the stored key is held back for another origin. */
export function originMismatchMessage(keyOrigin: string, launchOrigin: string): ErrorMessage {
  return { id: 'errors.key.originMismatch', values: { keyOrigin, launchOrigin } };
}

/** The vault's errors (errors.key.*). */
export const MESSAGES = {
  encryptionUnavailable: { id: 'errors.key.encryptionUnavailable' },
  plaintextStorageRefused: { id: 'errors.key.plaintextStorageRefused' },
  encryptFailed: { id: 'errors.key.encryptFailed' },
  roundTripFailed: { id: 'errors.key.roundTripFailed' },
  writeFailed: { id: 'errors.key.writeFailed' },
  removeFailed: { id: 'errors.key.removeFailed' },
  keyMissing: { id: 'errors.key.missing' },
  candidateRejected: { id: 'errors.key.candidateRejected' },
  keyRejected: { id: 'errors.key.rejected' },
  verifyFailed: { id: 'errors.key.verifyFailed' },
  unreadable: { id: 'errors.key.unreadable' },
} as const satisfies Record<string, ErrorMessage>;

/** The key status's `reason` when the saved key no longer decrypts (English, like `unavailableReason`). */
export const UNREADABLE_REASON = englishErrorText(MESSAGES.unreadable);
