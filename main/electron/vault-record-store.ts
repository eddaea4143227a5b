import ElectronStore from 'electron-store';
import { type CiphertextStore, createKeyValueCiphertextStore } from '../services/vault/ciphertext-store';

/**
 * Where the vault keeps its record: `vault.json` in userData, owner-only (0600). It holds only the
 * safeStorage ciphertext (base64), never the key; electron-store's own `encryptionKey` would be
 * obfuscation, not protection, so it is not used.
 */
export function vaultRecordStore(): CiphertextStore {
  return createKeyValueCiphertextStore(
    new ElectronStore<Record<string, unknown>>({ name: 'vault', configFileMode: 0o600 }),
  );
}
