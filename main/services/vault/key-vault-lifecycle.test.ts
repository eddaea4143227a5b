/** Every state of the vault and the transitions between them, with the real-encrypting test cipher. */
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../common/redact';
import type { StoredKeyRecord } from './ciphertext-store';
import { createMemoryCiphertextStore } from './testing/memory-ciphertext-store';
import { createTestCipher } from './testing/test-cipher';
import { decryptStored, expectFailure, FIXED_NOW, makeKey, makeVault } from './testing/test-support';
import { UNREADABLE_REASON } from './vault-messages';

describe('key vault: encrypted storage', () => {
  it('goes none -> stored -> (restart) stored and readable -> remove -> none', async () => {
    const key = makeKey();
    const first = makeVault();
    await expect(first.vault.init()).resolves.toEqual({
      state: 'none',
      backend: 'test',
      persistenceIsWeak: false,
    });
    expect(first.vault.currentKey()).toBeNull();

    const result = await first.vault.store({ key, source: 'typed', persistence: 'encrypted' });
    const expected = {
      state: 'stored',
      preview: maskKey(key),
      source: 'typed',
      storedAt: FIXED_NOW.toISOString(),
      backend: 'test',
    };
    expect(result).toEqual({ status: expected, info: expect.any(Object), verified: true });
    expect(first.vault.status()).toEqual(expected);
    expect(first.vault.currentKey()).toBe(key);
    expect(first.verifyStub.calls).toEqual([key]);

    const record = first.store.peek() as StoredKeyRecord;
    expect(record).toMatchObject({ version: 2, source: 'typed', preview: maskKey(key), backend: 'test' });
    expect(JSON.stringify(record)).not.toContain(key);
    await expect(decryptStored(first.store, first.cipher)).resolves.toEqual({
      result: key,
      shouldReEncrypt: false,
    });

    // Restart: a new vault over the same keyring and file.
    const second = makeVault({ cipher: first.cipher, store: first.store });
    await expect(second.vault.init()).resolves.toEqual(expected);
    expect(second.vault.currentKey()).toBe(key);
    expect(second.verifyStub.calls).toEqual([]);

    await expect(second.vault.remove()).resolves.toEqual({
      state: 'none',
      backend: 'test',
      persistenceIsWeak: false,
    });
    expect(second.vault.currentKey()).toBeNull();
    expect(second.store.peek()).toBeUndefined();

    const third = makeVault({ cipher: first.cipher, store: first.store });
    await expect(third.vault.init()).resolves.toMatchObject({ state: 'none' });
  });

  it('replacing a stored key overwrites the ciphertext and the in-memory key', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, store, cipher } = makeVault();
    await vault.init();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'encrypted' });
    await vault.store({ key: newKey, source: 'oauth', persistence: 'encrypted' });
    expect(vault.currentKey()).toBe(newKey);
    expect(vault.status()).toMatchObject({ state: 'stored', source: 'oauth', preview: maskKey(newKey) });
    await expect(decryptStored(store, cipher)).resolves.toMatchObject({ result: newKey });
  });

  it('a key stored before init() is not lost when init() runs afterwards', async () => {
    const key = makeKey();
    const { vault, store } = makeVault();
    await vault.store({ key, source: 'env', persistence: 'session' });
    await expect(vault.init()).resolves.toMatchObject({ state: 'session-only' });
    expect(vault.currentKey()).toBe(key);
    expect(store.writeCount).toBe(0);
  });

  it('init() reads the store only once', async () => {
    const store = createMemoryCiphertextStore();
    const read = store.read;
    let reads = 0;
    store.read = () => {
      reads += 1;
      return read();
    };
    const { vault } = makeVault({ store });
    await Promise.all([vault.init(), vault.init()]);
    await vault.init();
    expect(reads).toBe(1);
  });
});

describe('key vault: session-only', () => {
  it('keeps the key in memory only and writes nothing', async () => {
    const key = makeKey();
    const { vault, store } = makeVault();
    await vault.init();
    const result = await vault.store({ key, source: 'clipboard', persistence: 'session' });
    expect(result.status).toEqual({
      state: 'session-only',
      preview: maskKey(key),
      source: 'clipboard',
      since: FIXED_NOW.toISOString(),
      backend: 'test',
      persistenceIsWeak: false,
    });
    expect(vault.currentKey()).toBe(key);
    expect(store.writeCount).toBe(0);
    expect(store.peek()).toBeUndefined();

    // Gone after a restart.
    const restarted = makeVault({ store });
    await expect(restarted.vault.init()).resolves.toMatchObject({ state: 'none' });
    expect(restarted.vault.currentKey()).toBeNull();
  });

  it('replacing a stored key with a session key deletes the old ciphertext', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, store } = makeVault();
    await vault.init();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'encrypted' });
    expect(store.peek()).toBeDefined();
    await vault.store({ key: newKey, source: 'typed', persistence: 'session' });
    expect(store.peek()).toBeUndefined();
    expect(vault.currentKey()).toBe(newKey);
    expect(vault.status().state).toBe('session-only');
  });

  it('replacing a session key with a stored one drops the session copy', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, store, cipher } = makeVault();
    await vault.init();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'session' });
    await vault.store({ key: newKey, source: 'typed', persistence: 'encrypted' });
    expect(vault.currentKey()).toBe(newKey);
    expect(vault.status().state).toBe('stored');
    await expect(decryptStored(store, cipher)).resolves.toMatchObject({ result: newKey });
  });
});

describe('key vault: encryption unavailable', () => {
  it('reports unavailable, refuses to encrypt, accepts a session key, returns to unavailable on remove', async () => {
    const key = makeKey();
    const { vault, store, verifyStub } = makeVault({ cipher: createTestCipher({ available: false }) });
    const status = await vault.init();
    expect(status).toEqual({
      state: 'unavailable',
      reason:
        'No OS keyring (GNOME Keyring/KWallet) is available, so the key can only be kept for this session.',
      reasonMessage: { messageId: 'errors.key.unavailable', values: { platform: 'linux', kept: 'no' } },
      backend: 'test',
    });

    const failure = await expectFailure(
      vault.store({ key, source: 'typed', persistence: 'encrypted' }),
      'encryption_unavailable',
    );
    expect(failure.message).toMatch(/this session only/);
    expect(verifyStub.calls).toEqual([]);
    expect(store.writeCount).toBe(0);
    expect(vault.status().state).toBe('unavailable');

    await vault.store({ key, source: 'typed', persistence: 'session' });
    expect(vault.status()).toMatchObject({ state: 'session-only', preview: maskKey(key) });
    expect(vault.currentKey()).toBe(key);
    expect(store.writeCount).toBe(0);

    await expect(vault.remove()).resolves.toMatchObject({ state: 'unavailable' });
    expect(vault.currentKey()).toBeNull();
  });

  it.each([
    ['darwin', /macOS Keychain is not available/],
    ['win32', /DPAPI\) is not available/],
    ['freebsd', /secure storage is not available/],
  ] as const)('explains unavailability on %s in plain words', async (platform, reason) => {
    const { vault } = makeVault({ cipher: createTestCipher({ available: false }), platform });
    const status = await vault.init();
    expect(status.state === 'unavailable' && status.reason).toMatch(reason);
  });

  it('keeps a saved key when the keyring is missing at start and loads it once it is back', async () => {
    const key = makeKey();
    const cipher = createTestCipher();
    const first = makeVault({ cipher });
    await first.vault.store({ key, source: 'typed', persistence: 'encrypted' });
    const saved = first.store.peek();

    cipher.setAvailable(false);
    const second = makeVault({ cipher, store: first.store });
    const status = await second.vault.init();
    expect(status).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/saved key .* is kept/),
    });
    expect(second.vault.currentKey()).toBeNull();
    expect(first.store.peek()).toEqual(saved);

    cipher.setAvailable(true);
    const third = makeVault({ cipher, store: first.store });
    await expect(third.vault.init()).resolves.toMatchObject({ state: 'stored' });
    expect(third.vault.currentKey()).toBe(key);
  });

  it('moves a stale none to unavailable when encryption disappears before storing', async () => {
    const cipher = createTestCipher();
    const { vault } = makeVault({ cipher });
    await vault.init();
    cipher.setAvailable(false);
    await expectFailure(
      vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' }),
      'encryption_unavailable',
    );
    expect(vault.status().state).toBe('unavailable');
  });

  it('treats an isAvailable() that throws as unavailable instead of failing init', async () => {
    const cipher = createTestCipher();
    cipher.isAvailable = async () => {
      throw new Error('keyring daemon crashed');
    };
    const { vault } = makeVault({ cipher });
    await expect(vault.init()).resolves.toMatchObject({ state: 'unavailable' });
  });
});

describe('key vault: basic_text backend', () => {
  it('refuses to persist without opt-in, then stores after the person opts in', async () => {
    const key = makeKey();
    const { vault, store, verifyStub } = makeVault({ cipher: createTestCipher({ backend: 'basic_text' }) });
    await expect(vault.init()).resolves.toEqual({
      state: 'none',
      backend: 'basic_text',
      persistenceIsWeak: true,
    });

    const failure = await expectFailure(
      vault.store({ key, source: 'typed', persistence: 'encrypted' }),
      'plaintext_storage_refused',
    );
    expect(failure.message).toMatch(/basic_text/);
    expect(failure.message).toMatch(/no real protection/);
    expect(failure.message).toMatch(/session only/);
    expect(failure.message).toMatch(/opt in/);
    expect(store.writeCount).toBe(0);
    expect(verifyStub.calls).toEqual([]);
    expect(vault.currentKey()).toBeNull();

    await vault.store({ key, source: 'typed', persistence: 'encrypted', allowWeakEncryption: true });
    expect(vault.status()).toMatchObject({ state: 'stored', backend: 'basic_text' });
    expect(store.peek()).toMatchObject({ backend: 'basic_text' });
  });

  it('session-only keys report the weak backend', async () => {
    const { vault } = makeVault({ cipher: createTestCipher({ backend: 'basic_text' }) });
    const { status } = await vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    expect(status).toMatchObject({ state: 'session-only', backend: 'basic_text', persistenceIsWeak: true });
  });
});

describe('key vault: unreadable record', () => {
  async function storedElsewhere(key: string) {
    const origin = makeVault({ cipher: createTestCipher({ secret: 'old-keyring' }) });
    await origin.vault.store({ key, source: 'oauth', persistence: 'encrypted' });
    return origin;
  }

  it('a keyring change makes the key unreadable; the record is kept; remove clears it', async () => {
    const key = makeKey();
    const origin = await storedElsewhere(key);
    const saved = origin.store.peek();

    const moved = makeVault({ cipher: createTestCipher({ secret: 'new-keyring' }), store: origin.store });
    await expect(moved.vault.init()).resolves.toEqual({
      state: 'unreadable',
      reason: UNREADABLE_REASON,
      reasonMessage: { messageId: 'errors.key.unreadable' },
      backend: 'test',
    });
    expect(moved.vault.currentKey()).toBeNull();
    expect(origin.store.peek()).toEqual(saved);
    // Kept intact: the original keyring can still read it.
    await expect(decryptStored(origin.store, origin.cipher)).resolves.toMatchObject({ result: key });

    await expectFailure(moved.vault.verify(), 'key_unreadable');

    await expect(moved.vault.remove()).resolves.toMatchObject({ state: 'none' });
    expect(origin.store.peek()).toBeUndefined();
  });

  it('storing a new key replaces the unreadable record', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const origin = await storedElsewhere(oldKey);
    const cipher = createTestCipher({ secret: 'new-keyring' });
    const moved = makeVault({ cipher, store: origin.store });
    await moved.vault.init();
    await moved.vault.store({ key: newKey, source: 'oauth', persistence: 'encrypted' });
    expect(moved.vault.status().state).toBe('stored');
    await expect(decryptStored(origin.store, cipher)).resolves.toMatchObject({ result: newKey });
  });

  it('a session key also replaces (deletes) the unreadable record', async () => {
    const origin = await storedElsewhere(makeKey());
    const moved = makeVault({ cipher: createTestCipher({ secret: 'new-keyring' }), store: origin.store });
    await moved.vault.init();
    await moved.vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    expect(origin.store.peek()).toBeUndefined();
  });

  it('breakDecryption at init gives unreadable, never a crash', async () => {
    const cipher = createTestCipher();
    const first = makeVault({ cipher });
    await first.vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' });
    cipher.breakDecryption();
    const second = makeVault({ cipher, store: first.store });
    await expect(second.vault.init()).resolves.toMatchObject({ state: 'unreadable' });
    expect(first.store.peek()).toBeDefined();
  });

  it('refuses to report "saved" when the keyring cannot read back what it encrypted', async () => {
    const cipher = createTestCipher();
    const { vault, store } = makeVault({ cipher });
    await vault.init();
    cipher.breakDecryption();
    const failure = await expectFailure(
      vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' }),
      'encryption_unavailable',
    );
    expect(failure.message).toMatch(/session only/);
    expect(store.writeCount).toBe(0);
    expect(vault.status().state).toBe('none');
  });

  it.each([
    ['garbage text', 'definitely not a record'],
    [
      'a future version',
      { version: 3, ciphertext: 'AAAA', source: 'typed', storedAt: FIXED_NOW.toISOString() },
    ],
    [
      'a record with a broken field',
      { version: 1, ciphertext: '!!', source: 'typed', storedAt: 'x', preview: '', backend: '' },
    ],
  ])('a record that fails validation (%s) is unreadable and kept until removed', async (_name, raw) => {
    const store = createMemoryCiphertextStore(raw);
    const { vault, log } = makeVault({ store });
    await expect(vault.init()).resolves.toMatchObject({ state: 'unreadable', reason: UNREADABLE_REASON });
    expect(store.peek()).toEqual(raw);
    expect(log.lines.join('\n')).toMatch(/malformed/);
    await vault.remove();
    expect(store.peek()).toBeUndefined();
  });

  it('a record whose plaintext is not a plausible key is unreadable', async () => {
    const cipher = createTestCipher();
    const ciphertext = Buffer.from(await cipher.encrypt('hello world')).toString('base64');
    const store = createMemoryCiphertextStore({
      version: 1,
      ciphertext,
      source: 'typed',
      storedAt: FIXED_NOW.toISOString(),
      preview: 'sk-or-…',
      backend: 'test',
    });
    const { vault } = makeVault({ cipher, store });
    await expect(vault.init()).resolves.toMatchObject({ state: 'unreadable' });
    expect(vault.currentKey()).toBeNull();
  });

  it('a store that cannot be read at all is unreadable, not a crash', async () => {
    const store = createMemoryCiphertextStore();
    store.read = async () => {
      throw new Error('EACCES: permission denied');
    };
    const { vault } = makeVault({ store });
    await expect(vault.init()).resolves.toMatchObject({ state: 'unreadable' });
  });
});

describe('key vault: shouldReEncrypt', () => {
  it('re-encrypts at init so the store holds ciphertext that no longer asks to be re-encrypted', async () => {
    const key = makeKey();
    const cipher = createTestCipher();
    const first = makeVault({ cipher });
    await first.vault.store({ key, source: 'typed', persistence: 'encrypted' });
    const before = first.store.peek() as StoredKeyRecord;

    cipher.rotate();
    await expect(decryptStored(first.store, cipher)).resolves.toEqual({ result: key, shouldReEncrypt: true });

    const later = () => new Date('2026-01-01T00:00:00.000Z');
    const second = makeVault({ cipher, store: first.store, now: later });
    await expect(second.vault.init()).resolves.toMatchObject({ state: 'stored', storedAt: before.storedAt });
    expect(second.vault.currentKey()).toBe(key);

    const after = first.store.peek() as StoredKeyRecord;
    expect(after.ciphertext).not.toBe(before.ciphertext);
    expect(after.storedAt).toBe(before.storedAt);
    await expect(decryptStored(first.store, cipher)).resolves.toEqual({
      result: key,
      shouldReEncrypt: false,
    });
    expect(second.log.lines.join('\n')).toMatch(/re-encrypted/);
  });

  it('still loads the key when writing the re-encrypted record fails', async () => {
    const key = makeKey();
    const cipher = createTestCipher();
    const first = makeVault({ cipher });
    await first.vault.store({ key, source: 'typed', persistence: 'encrypted' });
    const before = first.store.peek();
    cipher.rotate();
    first.store.write = async () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const second = makeVault({ cipher, store: first.store });
    await expect(second.vault.init()).resolves.toMatchObject({ state: 'stored' });
    expect(second.vault.currentKey()).toBe(key);
    expect(first.store.peek()).toEqual(before);
  });
});

describe('key vault: disk failures', () => {
  it('a failed write keeps the previous key and state', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, store } = makeVault();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'encrypted' });
    const before = vault.status();
    store.write = async () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const failure = await expectFailure(
      vault.store({ key: newKey, source: 'typed', persistence: 'encrypted' }),
      'internal',
    );
    expect(failure.message).toMatch(/could not be written/);
    expect(vault.status()).toEqual(before);
    expect(vault.currentKey()).toBe(oldKey);
  });

  it('a failed delete keeps the key and says so', async () => {
    const key = makeKey();
    const { vault, store } = makeVault();
    await vault.store({ key, source: 'typed', persistence: 'encrypted' });
    store.remove = async () => {
      throw new Error('EPERM');
    };
    await expectFailure(vault.remove(), 'internal');
    expect(vault.status().state).toBe('stored');
    expect(vault.currentKey()).toBe(key);
  });
});
