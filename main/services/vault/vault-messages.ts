import type { ErrorMessage } from '../../../common/i18n/error-messages';

/**
 * The sentences the vault shows to people, in one place so the states and errors stay consistent.
 * Each says what happened and what the person can do. None may contain the key.
 */

/** Why OS encryption cannot be used on this platform, in plain words. */
export function unavailableReason(platform: NodeJS.Platform, savedKeyKept: boolean): string {
  const what =
    platform === 'linux'
      ? 'No OS keyring (GNOME Keyring/KWallet) is available'
      : platform === 'darwin'
        ? 'The macOS Keychain is not available'
        : platform === 'win32'
          ? 'Windows data protection (DPAPI) is not available'
          : "The system's secure storage is not available";
  return savedKeyKept
    ? `${what}, so your saved key can't be unlocked right now. It is kept and will load once the keyring is available again; meanwhile a key can only be kept for this session.`
    : `${what}, so the key can only be kept for this session.`;
}

export const UNREADABLE_REASON =
  "Your saved key can't be decrypted on this system (the keyring may have changed or the profile moved). Sign in again or remove it.";

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
