import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * A stand-in for Electron's safeStorage: `tag` is what Chromium's OSCryptAsync prefixes ciphertext
 * with, which names the key provider that encrypted it (Linux: "v10" is the PosixKeyProvider's
 * hard-coded key, "v11" the Secret Service / KWallet key).
 */
const fake = vi.hoisted(() => ({
  available: true,
  selected: 'gnome_libsecret',
  tag: 'v11',
  encryptions: 0,
}));

vi.mock('electron', () => {
  const safeStorage = {
    isAsyncEncryptionAvailable: async () => fake.available,
    getSelectedStorageBackend: () => fake.selected,
    async encryptStringAsync(text: string) {
      fake.encryptions += 1;
      return Buffer.concat([Buffer.from(fake.tag, 'latin1'), Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)]);
    },
    async decryptStringAsync(data: Buffer) {
      return {
        result: Buffer.from(data.subarray(3).map((b) => b ^ 0x5a)).toString('utf8'),
        shouldReEncrypt: false,
      };
    },
  };
  return { safeStorage, default: { safeStorage } };
});

const { safeStorageCipher } = await import('./safe-storage-cipher');

beforeEach(() => {
  fake.available = true;
  fake.selected = 'gnome_libsecret';
  fake.tag = 'v11';
  fake.encryptions = 0;
});

describe('safeStorageCipher on Linux', () => {
  it('reports basic_text when the async encryptor fell back to the hard-coded key, whatever keyring was selected', async () => {
    // The Secret Service gave no key (not running, locked, the unlock prompt dismissed): OSCryptAsync
    // encrypts with its lowest-precedence provider, PosixKeyProvider ("v10", key "peanuts"), while
    // getSelectedStorageBackend() still names the keyring the sync backend selected.
    fake.tag = 'v10';
    const cipher = safeStorageCipher('linux');
    expect(await cipher.isAvailable()).toBe(true);
    expect(cipher.backend()).toBe('basic_text');
  });

  it('reports the selected keyring when the keyring key encrypts', async () => {
    const cipher = safeStorageCipher('linux');
    expect(await cipher.isAvailable()).toBe(true);
    expect(cipher.backend()).toBe('gnome_libsecret');
  });

  it('notices the fallback on a real encryption too, and probes only once', async () => {
    const cipher = safeStorageCipher('linux');
    await cipher.isAvailable();
    await cipher.isAvailable();
    expect(fake.encryptions).toBe(1);
    fake.tag = 'v10';
    await cipher.encrypt('sk-or-v1-test');
    expect(cipher.backend()).toBe('basic_text');
  });

  it('does not probe when encryption is not available at all', async () => {
    fake.available = false;
    const cipher = safeStorageCipher('linux');
    expect(await cipher.isAvailable()).toBe(false);
    expect(fake.encryptions).toBe(0);
    expect(cipher.backend()).toBe('gnome_libsecret');
  });

  it('round-trips through the async API', async () => {
    const cipher = safeStorageCipher('linux');
    const ciphertext = await cipher.encrypt('hello');
    expect(await cipher.decrypt(ciphertext)).toEqual({ result: 'hello', shouldReEncrypt: false });
  });
});

describe('safeStorageCipher elsewhere', () => {
  it('macOS and Windows name their keystore; "v10" there is the keystore-protected key, not a fallback', async () => {
    fake.tag = 'v10';
    for (const [platform, backend] of [
      ['darwin', 'keychain'],
      ['win32', 'dpapi'],
    ] as const) {
      const cipher = safeStorageCipher(platform);
      expect(await cipher.isAvailable()).toBe(true);
      await cipher.encrypt('x');
      expect(cipher.backend()).toBe(backend);
    }
  });
});
