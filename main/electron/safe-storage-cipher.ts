import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/vault/secret-cipher';

/**
 * Chromium's tag for ciphertext made with the PosixKeyProvider: on Linux that is a hard-coded key
 * (PBKDF2 of "peanuts"), i.e. `basic_text` (components/os_crypt/async/browser/posix_key_provider.cc).
 * On macOS and Windows "v10" is the keystore-protected key, so the tag means nothing there.
 */
const HARD_CODED_KEY_TAG = 'v10';

function madeWithHardCodedKey(ciphertext: Uint8Array): boolean {
  return (
    Buffer.from(ciphertext.subarray(0, HARD_CODED_KEY_TAG.length)).toString('latin1') === HARD_CODED_KEY_TAG
  );
}

/**
 * `safeStorage`'s async API (the sync one is deprecated in Electron 45) behind the vault's adapter.
 *
 * Linux: the async encryptor does not follow `getSelectedStorageBackend()`. Electron gives
 * OSCryptAsync the Secret Service / KWallet provider and, below it, the PosixKeyProvider
 * (shell/browser/browser_process_impl.cc, CreateOSCryptAsync); when the keyring gives no key (daemon
 * missing, collection locked, unlock prompt dismissed) every encryption silently uses the hard-coded
 * key while the selected backend still reads `gnome_libsecret` or `kwallet*`. So the ciphertext's tag
 * is what tells: once `isAvailable` (asked before every decision to persist) or an encryption has seen
 * a "v10" ciphertext, `backend()` reports `basic_text` and the vault's opt-in rule applies. Electron
 * builds the encryptor once per process, so one probe suffices.
 */
export function safeStorageCipher(platform: NodeJS.Platform): SecretCipher {
  let probed = false;
  let fellBackToHardCodedKey = false;
  const observe = (ciphertext: Uint8Array) => {
    if (platform === 'linux' && madeWithHardCodedKey(ciphertext)) fellBackToHardCodedKey = true;
  };
  const encrypt = async (plaintext: string) => {
    const ciphertext = new Uint8Array(await safeStorage.encryptStringAsync(plaintext));
    observe(ciphertext);
    return ciphertext;
  };

  return {
    isAvailable: async () => {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
      if (platform === 'linux' && !probed) {
        probed = true;
        await encrypt('switchboard keystore probe');
      }
      return true;
    },
    backend: () => {
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      return fellBackToHardCodedKey ? 'basic_text' : safeStorage.getSelectedStorageBackend();
    },
    encrypt,
    decrypt: async (ciphertext) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
      return { result, shouldReEncrypt };
    },
  };
}
