/**
 * A stored key is bound to the OpenRouter origin it was verified against, inside its ciphertext, and
 * is not handed out for another origin unless the person agreed for this launch. Why: the base URL is
 * a launch setting (flag or environment) that same-user software can set persistently; without the
 * binding, the next launch would send `Bearer <stored key>` wherever it names.
 */
import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../common/redact';
import type { StoredKeyRecord } from './ciphertext-store';
import { DEFAULT_KEY_ORIGIN, openBinding, sealBinding } from './key-binding';
import { createMemoryCiphertextStore } from './testing/memory-ciphertext-store';
import { createTestCipher } from './testing/test-cipher';
import {
  decryptStoredPlaintext,
  expectFailure,
  FIXED_NOW,
  makeKey,
  makeVault,
  storedBinding,
} from './testing/test-support';

const A = 'https://openrouter.ai';
const B = 'https://collector.example';
const PROXY = 'http://127.0.0.1:4010';

/** A key stored by a launch pointed at `origin`; returns the keyring and the file for a "restart". */
async function storedAt(origin: string, key = makeKey()) {
  const first = makeVault({ launchOrigin: origin });
  await first.vault.store({ key, source: 'clipboard', persistence: 'encrypted' });
  return { key, cipher: first.cipher, store: first.store };
}

describe('key vault: the key is bound to its origin inside the ciphertext', () => {
  it('writes a version-2 record whose ciphertext seals the key with the launch origin', async () => {
    const { key, cipher, store } = await storedAt(PROXY);
    const record = store.peek() as StoredKeyRecord;
    expect(record.version).toBe(2);
    expect(JSON.stringify(record)).not.toContain(key);
    // The origin is not beside the ciphertext, where an edit could change it: only inside.
    expect(JSON.stringify(record)).not.toContain('127.0.0.1');
    await expect(storedBinding(store, cipher)).resolves.toEqual({ key, origin: PROXY });
  });

  it('a restart on the same origin uses the key as before', async () => {
    const { key, cipher, store } = await storedAt(B);
    const again = makeVault({ cipher, store, launchOrigin: B });
    await expect(again.vault.init()).resolves.toMatchObject({ state: 'stored', source: 'clipboard' });
    expect(again.vault.currentKey()).toBe(key);
    expect(again.vault.keyFor(B)).toBe(key);
  });

  it('a restart pointed at another origin holds the key back and says both origins', async () => {
    const { key, cipher, store } = await storedAt(A);
    const other = makeVault({ cipher, store, launchOrigin: B });
    const status = await other.vault.init();
    expect(status).toEqual({
      state: 'origin-mismatch',
      preview: maskKey(key),
      source: 'clipboard',
      storedAt: FIXED_NOW.toISOString(),
      backend: 'test',
      keyOrigin: A,
      launchOrigin: B,
    });
    expect(JSON.stringify(status)).not.toContain(key);
    // Nothing for the client: the lookup is empty, and a request gets a typed error instead.
    expect(other.vault.currentKey()).toBeNull();
    const failure = await expectFailure(
      Promise.resolve().then(() => other.vault.keyFor(B)),
      'key_origin_mismatch',
    );
    expect(failure.message).toContain(A);
    expect(failure.message).toContain(B);
    expect(failure.message).not.toContain(key);
    await expectFailure(other.vault.verify(), 'key_origin_mismatch');
    expect(other.verifyStub.calls).toEqual([]);
    // The record is untouched: the next launch without the override uses it again.
    expect(other.store.writeCount).toBe(1);
  });

  it('editing the record’s plaintext fields cannot rebind the key', async () => {
    const { key, cipher, store } = await storedAt(A);
    const record = store.peek() as Record<string, unknown>;
    for (const edited of [
      { ...record, origin: B },
      { ...record, keyOrigin: B, launchOrigin: B, backend: B, preview: B },
      // A downgrade to the old format must not make the sealed binding read as "a bare key".
      { ...record, version: 1 },
    ]) {
      const tampered = createMemoryCiphertextStore(edited);
      const launch = makeVault({ cipher, store: tampered, launchOrigin: B });
      const status = await launch.vault.init();
      // An unknown extra field is either ignored or makes the record unreadable; never a rebind.
      expect(['origin-mismatch', 'unreadable']).toContain(status.state);
      if (status.state === 'origin-mismatch') expect(status.keyOrigin).toBe(A);
      expect(launch.vault.currentKey()).toBeNull();
    }
    // The downgraded record still works where the key belongs.
    const home = makeVault({
      cipher,
      store: createMemoryCiphertextStore({ ...record, version: 1 }),
      launchOrigin: A,
    });
    await home.vault.init();
    expect(home.vault.currentKey()).toBe(key);
  });

  it('a version-1 record (bare key in the ciphertext) is bound to the default origin', async () => {
    const key = makeKey();
    const cipher = createTestCipher();
    const legacy = {
      version: 1,
      ciphertext: Buffer.from(await cipher.encrypt(key)).toString('base64'),
      source: 'typed',
      storedAt: FIXED_NOW.toISOString(),
      preview: maskKey(key),
      backend: 'test',
    };
    expect(DEFAULT_KEY_ORIGIN).toBe(A);

    const atDefault = makeVault({ cipher, store: createMemoryCiphertextStore(legacy) });
    await expect(atDefault.vault.init()).resolves.toMatchObject({ state: 'stored' });
    expect(atDefault.vault.currentKey()).toBe(key);

    const elsewhere = makeVault({ cipher, store: createMemoryCiphertextStore(legacy), launchOrigin: PROXY });
    await expect(elsewhere.vault.init()).resolves.toMatchObject({
      state: 'origin-mismatch',
      keyOrigin: A,
      launchOrigin: PROXY,
    });
    expect(elsewhere.vault.currentKey()).toBeNull();
  });

  it('consent sends the key to the launch origin for this launch only', async () => {
    const { key, cipher, store } = await storedAt(A);
    const launch = makeVault({ cipher, store, launchOrigin: B });
    await launch.vault.init();
    const status = launch.vault.allowLaunchOrigin();
    expect(status).toMatchObject({ state: 'stored', preview: maskKey(key), source: 'clipboard' });
    expect(launch.announced.at(-1)).toEqual(status);
    expect(launch.vault.currentKey()).toBe(key);
    expect(launch.vault.keyFor(B)).toBe(key);
    await launch.vault.verify();
    expect(launch.verifyStub.calls).toEqual([key]);
    // Still bound to A on disk: the next launch pointed at B asks again.
    await expect(storedBinding(store, cipher)).resolves.toEqual({ key, origin: A });
    const next = makeVault({ cipher, store, launchOrigin: B });
    await expect(next.vault.init()).resolves.toMatchObject({ state: 'origin-mismatch' });
  });

  it('without consent (the person said no) the key stays held back', async () => {
    const { cipher, store } = await storedAt(A);
    const launch = makeVault({ cipher, store, launchOrigin: B });
    await launch.vault.init();
    expect(launch.vault.currentKey()).toBeNull();
    expect(launch.vault.status().state).toBe('origin-mismatch');
  });

  it('consent is about the held key only: it does nothing in any other state', async () => {
    const { vault } = makeVault({ launchOrigin: B });
    await vault.init();
    expect(vault.allowLaunchOrigin()).toMatchObject({ state: 'none' });
    expect(vault.currentKey()).toBeNull();
  });

  it('a key entered while paused is verified against, and bound to, the launch origin', async () => {
    const { cipher, store } = await storedAt(A);
    const launch = makeVault({ cipher, store, launchOrigin: B });
    await launch.vault.init();
    const fresh = makeKey();
    await launch.vault.store({ key: fresh, source: 'oauth', persistence: 'encrypted' });
    expect(launch.vault.status()).toMatchObject({ state: 'stored', source: 'oauth' });
    expect(launch.vault.currentKey()).toBe(fresh);
    await expect(storedBinding(store, cipher)).resolves.toEqual({ key: fresh, origin: B });
    // A late "yes" to the old question cannot bring the old key back.
    expect(launch.vault.allowLaunchOrigin()).toMatchObject({ state: 'stored', source: 'oauth' });
    expect(launch.vault.currentKey()).toBe(fresh);

    const home = makeVault({ cipher, store, launchOrigin: A });
    await expect(home.vault.init()).resolves.toMatchObject({ keyOrigin: B, launchOrigin: A });
  });

  it('a session-only key is bound to the launch origin too', async () => {
    const { vault } = makeVault({ launchOrigin: PROXY });
    const key = makeKey();
    await vault.store({ key, source: 'env', persistence: 'session' });
    expect(vault.keyFor(PROXY)).toBe(key);
    await expectFailure(
      Promise.resolve().then(() => vault.keyFor(A)),
      'key_origin_mismatch',
    );
  });

  it('a key stored here is never handed out for an origin other than its own', async () => {
    const { vault } = makeVault({ launchOrigin: A });
    await vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' });
    await expectFailure(
      Promise.resolve().then(() => vault.keyFor(B)),
      'key_origin_mismatch',
    );
  });

  it('re-encryption at the keyring’s request keeps the binding', async () => {
    const { key, cipher, store } = await storedAt(A);
    cipher.rotate();
    const launch = makeVault({ cipher, store, launchOrigin: B });
    await expect(launch.vault.init()).resolves.toMatchObject({ state: 'origin-mismatch', keyOrigin: A });
    expect(store.writeCount).toBe(2);
    await expect(decryptStoredPlaintext(store, cipher)).resolves.toMatchObject({ shouldReEncrypt: false });
    await expect(storedBinding(store, cipher)).resolves.toEqual({ key, origin: A });
  });

  it('re-encrypting a version-1 record seals it with the default origin', async () => {
    const key = makeKey();
    const cipher = createTestCipher();
    const store = createMemoryCiphertextStore({
      version: 1,
      ciphertext: Buffer.from(await cipher.encrypt(key)).toString('base64'),
      source: 'typed',
      storedAt: FIXED_NOW.toISOString(),
      preview: maskKey(key),
      backend: 'test',
    });
    cipher.rotate();
    const launch = makeVault({ cipher, store, launchOrigin: PROXY });
    await launch.vault.init();
    expect(store.peek()).toMatchObject({ version: 2, storedAt: FIXED_NOW.toISOString() });
    await expect(storedBinding(store, cipher)).resolves.toEqual({ key, origin: A });
    expect(launch.vault.currentKey()).toBeNull();
  });
});

describe('key binding format', () => {
  it('round-trips and refuses what is neither format', () => {
    const key = makeKey();
    expect(openBinding(sealBinding({ key, origin: PROXY }))).toEqual({ key, origin: PROXY });
    expect(openBinding(key)).toEqual({ key, origin: A });
    for (const bad of [
      '{',
      JSON.stringify({ v: 3, origin: A, key }),
      JSON.stringify({ v: 2, origin: `${A}/api/v1`, key }),
      JSON.stringify({ v: 2, origin: A, key: 'hello' }),
      JSON.stringify({ v: 2, origin: A, key, extra: B }),
      'hello world',
    ]) {
      let message = '';
      try {
        openBinding(bad);
      } catch (error) {
        message = String(error);
      }
      expect(message, bad).not.toBe('');
      expect(message).not.toContain(key);
    }
    expect(() => sealBinding({ key, origin: `${A}/api` })).toThrow();
  });
});
