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
export function originMismatchMessage(keyOrigin: string, launchOrigin: string): string {
  return `Chat is paused: your saved key was checked with ${keyOrigin}, but Switchboard was started pointed at ${launchOrigin}, so the key was not sent there. To chat, add a key for ${launchOrigin}, or quit and start Switchboard without --openrouter-base-url (or the SWITCHBOARD_OPENROUTER_BASE_URL variable).`;
}

export const MESSAGES = {
  encryptionUnavailable:
    'The key cannot be saved because no OS keyring is available to encrypt it. Choose "this session only" to use it until Switchboard quits.',
  plaintextStorageRefused:
    'Your system has no keyring in use, so the key would be saved with the "basic_text" backend, whose hard-coded password gives no real protection. Keep the key for this session only, or explicitly opt in to saving it with this weak protection.',
  encryptFailed:
    'The OS keyring could not encrypt the key, so it was not saved. Try again, or keep it for this session only.',
  roundTripFailed:
    'The OS keyring could not decrypt the key it had just encrypted, so a saved key would be lost on the next start. It was not saved: keep it for this session only, or check your keyring and try again.',
  writeFailed:
    'The encrypted key could not be written to disk, so it was not saved. Check free space and permissions of your profile folder and try again, or keep it for this session only.',
  removeFailed:
    'The saved key could not be deleted from disk. Check the permissions of your profile folder and try again.',
  keyMissing: 'No OpenRouter key is set. Sign in with OpenRouter or add a key first.',
  candidateRejected:
    'OpenRouter rejected this key: it may be mistyped, revoked or disabled. Nothing was saved. Check it at openrouter.ai/settings/keys and try again.',
  keyRejected: 'The key was rejected by OpenRouter — it may have been revoked. Remove it and sign in again.',
  verifyFailed: 'Something went wrong while checking the key with OpenRouter. Try again in a moment.',
} as const;
