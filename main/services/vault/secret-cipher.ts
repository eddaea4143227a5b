/**
 * The vault's view of the OS keystore. The Electron glue implements it over `safeStorage`'s async API;
 * tests and the browser harness use `createTestCipher` (testing/test-cipher.ts). Services never import
 * `electron`, because it only loads inside Electron and unit tests run in plain Node.
 */
export interface SecretCipher {
  /** `safeStorage.isAsyncEncryptionAvailable()`. */
  isAvailable(): Promise<boolean>;
  /**
   * Linux: `safeStorage.getSelectedStorageBackend()` (`gnome_libsecret`, `kwallet*`, `basic_text`,
   * `unknown`); macOS `keychain`; Windows `dpapi`.
   */
  backend(): string;
  /** `safeStorage.encryptStringAsync`. Rejects when encryption is not available. */
  encrypt(plaintext: string): Promise<Uint8Array>;
  /**
   * `safeStorage.decryptStringAsync`. Rejects when the ciphertext cannot be decrypted (keyring changed,
   * profile moved to another machine, data damaged). `shouldReEncrypt` asks the caller to encrypt the
   * plaintext again and save the new ciphertext (the OS rotated its key).
   */
  decrypt(ciphertext: Uint8Array): Promise<{ result: string; shouldReEncrypt: boolean }>;
}
