/** Format checks and verification with OpenRouter, both while storing and on demand. */
import { describe, expect, it } from 'vitest';
import { textFailure } from '../../../common/testing/text-failure';
import { expectFailure, KEY_INFO, makeKey, makeVault } from './testing/test-support';

describe('key vault: format checks on store', () => {
  it.each([
    ['empty', ''],
    ['wrong prefix', 'sk-proj-0123456789abcdef0123456789abcdef'],
    ['too short', 'sk-or-v1-abc'],
    ['too long', `sk-or-v1-${'a'.repeat(200)}`],
    ['inner whitespace', 'sk-or-v1-0123456789 abcdef0123456789abcdef'],
    ['control character', 'sk-or-v1-0123456789\u0007abcdef0123456789abcdef'],
  ])('rejects %s before verifying or storing anything', async (_name, key) => {
    const { vault, store, verifyStub } = makeVault();
    await vault.init();
    await expectFailure(
      vault.store({ key, source: 'typed', persistence: 'encrypted' }),
      'key_invalid_format',
    );
    expect(verifyStub.calls).toEqual([]);
    expect(store.writeCount).toBe(0);
    expect(vault.currentKey()).toBeNull();
    expect(vault.status().state).toBe('none');
  });

  it('stores the trimmed key when it was pasted with surrounding whitespace', async () => {
    const key = makeKey();
    const { vault, verifyStub } = makeVault();
    await vault.store({ key: `\n  ${key} \r\n`, source: 'clipboard', persistence: 'encrypted' });
    expect(vault.currentKey()).toBe(key);
    expect(verifyStub.calls).toEqual([key]);
  });
});

describe('key vault: verification while storing', () => {
  it('does not store a key OpenRouter rejects, and rethrows key_rejected', async () => {
    const key = makeKey();
    const { vault, store, verifyStub } = makeVault();
    await vault.init();
    verifyStub.fail(textFailure('key_rejected', 'OpenRouter did not accept this key.', { status: 401 }));
    const failure = await expectFailure(
      vault.store({ key, source: 'typed', persistence: 'encrypted' }),
      'key_rejected',
    );
    expect(failure.error.status).toBe(401);
    expect(store.writeCount).toBe(0);
    expect(store.peek()).toBeUndefined();
    expect(vault.currentKey()).toBeNull();
    expect(vault.status().state).toBe('none');
  });

  it('a rejected replacement leaves the previous key in place', async () => {
    const [oldKey, newKey] = [makeKey(), makeKey()];
    const { vault, verifyStub } = makeVault();
    await vault.store({ key: oldKey, source: 'typed', persistence: 'encrypted' });
    const before = vault.status();
    verifyStub.fail(textFailure('key_rejected', 'rejected', { status: 401 }));
    await expectFailure(
      vault.store({ key: newKey, source: 'typed', persistence: 'session' }),
      'key_rejected',
    );
    expect(vault.currentKey()).toBe(oldKey);
    expect(vault.status()).toEqual(before);
  });

  it.each(['offline', 'timeout', 'provider_unavailable'] as const)(
    'stores the key unverified when verification fails with %s',
    async (code) => {
      const key = makeKey();
      const { vault, store, verifyStub, log } = makeVault();
      verifyStub.fail(textFailure(code, 'Could not reach OpenRouter.'));
      const result = await vault.store({ key, source: 'typed', persistence: 'encrypted' });
      expect(result).toMatchObject({ verified: false, info: null, status: { state: 'stored' } });
      expect(vault.currentKey()).toBe(key);
      expect(store.writeCount).toBe(1);
      expect(log.lines.join('\n')).toMatch(/unverified/);
    },
  );

  it('returns what OpenRouter said about a verified key', async () => {
    const { vault } = makeVault();
    const result = await vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    expect(result).toMatchObject({ verified: true, info: KEY_INFO });
  });

  it('does not store the key on other OpenRouter errors', async () => {
    const { vault, verifyStub, store } = makeVault();
    verifyStub.fail(textFailure('forbidden', 'This key may not be used from here.', { status: 403 }));
    await expectFailure(
      vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' }),
      'forbidden',
    );
    expect(store.writeCount).toBe(0);
    expect(vault.currentKey()).toBeNull();
  });

  it('turns an unexpected exception from verify into an internal error and stores nothing', async () => {
    const { vault, verifyStub, store } = makeVault();
    verifyStub.fail(new TypeError('fetch is not a function'));
    const failure = await expectFailure(
      vault.store({ key: makeKey(), source: 'typed', persistence: 'encrypted' }),
      'internal',
    );
    expect(failure.message).toMatch(/Try again/);
    expect(store.writeCount).toBe(0);
  });
});

describe('key vault: verify()', () => {
  it('checks the current key with OpenRouter', async () => {
    const key = makeKey();
    const { vault, verifyStub } = makeVault();
    await vault.store({ key, source: 'typed', persistence: 'encrypted' });
    const info = { ...KEY_INFO, usage: 9 };
    verifyStub.succeed(info);
    await expect(vault.verify()).resolves.toEqual(info);
    expect(verifyStub.calls).toEqual([key, key]);
  });

  it('on 401 keeps the status but throws key_rejected telling the person what to do', async () => {
    const key = makeKey();
    const { vault, verifyStub, announced } = makeVault();
    await vault.store({ key, source: 'typed', persistence: 'encrypted' });
    const before = vault.status();
    const announcements = announced.length;
    verifyStub.fail(textFailure('key_rejected', 'Unauthorized', { status: 401 }));
    const failure = await expectFailure(vault.verify(), 'key_rejected');
    expect(failure.message).toBe(
      'The key was rejected by OpenRouter — it may have been revoked. Remove it and sign in again.',
    );
    expect(failure.error.status).toBe(401);
    expect(vault.status()).toEqual(before);
    expect(vault.currentKey()).toBe(key);
    expect(announced.length).toBe(announcements);
  });

  it('passes other failures through (e.g. offline)', async () => {
    const { vault, verifyStub } = makeVault();
    await vault.store({ key: makeKey(), source: 'typed', persistence: 'session' });
    verifyStub.fail(textFailure('offline', 'You appear to be offline.'));
    await expectFailure(vault.verify(), 'offline');
    expect(vault.status().state).toBe('session-only');
  });

  it('throws key_missing when there is no key', async () => {
    const { vault, verifyStub } = makeVault();
    const failure = await expectFailure(vault.verify(), 'key_missing');
    expect(failure.message).toMatch(/Sign in/);
    expect(verifyStub.calls).toEqual([]);
  });
});
