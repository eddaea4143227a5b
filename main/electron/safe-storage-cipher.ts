import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/vault/secret-cipher';

/** `safeStorage`'s async API (the sync one is deprecated in Electron 45) behind the vault's adapter. */
export function safeStorageCipher(platform: NodeJS.Platform): SecretCipher {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    backend: () => {
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      return safeStorage.getSelectedStorageBackend();
    },
    encrypt: async (plaintext) => new Uint8Array(await safeStorage.encryptStringAsync(plaintext)),
    decrypt: async (ciphertext) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
      return { result, shouldReEncrypt };
    },
  };
}
