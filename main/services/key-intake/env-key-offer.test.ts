import { describe, expect, it } from 'vitest';
import { maskKey } from '../../../common/redact';
import { textFailure } from '../../../common/testing/text-failure';
import { createTestCipher } from '../vault/testing/test-cipher';
import { expectFailure, makeKey, makeVault } from '../vault/testing/test-support';
import { createEnvKeyOffer, ENV_KEY_VARIABLE } from './env-key-offer';
import { createCaptureLogger, FULL_KEY_PATTERN } from './testing/test-support';

function setup(value: string | undefined, vaultOptions: Parameters<typeof makeVault>[0] = {}) {
  const fixture = makeVault(vaultOptions);
  const env: Record<string, string | undefined> = { PATH: '/usr/bin', [ENV_KEY_VARIABLE]: value };
  const log = createCaptureLogger();
  const offer = createEnvKeyOffer({ env, storeKey: (input) => fixture.vault.store(input), log });
  return { ...fixture, env, log, offer };
}

describe('OPENROUTER_API_KEY offer', () => {
  it('offers a masked preview and stores nothing until accepted', async () => {
    const key = makeKey();
    const f = setup(` ${key}\n`);

    expect(f.offer.pending()).toEqual({ preview: maskKey(key) });
    expect(f.offer.pending()?.preview).not.toContain(key.slice(9, -4));
    // Gone from the environment at once, so child processes (renderers) never inherit it.
    expect(ENV_KEY_VARIABLE in f.env).toBe(false);
    expect(f.env.PATH).toBe('/usr/bin');
    await Promise.resolve();
    expect(f.verifyStub.calls).toEqual([]);
    expect(f.store.writeCount).toBe(0);
    expect(f.vault.currentKey()).toBeNull();
    expect(f.log.lines.join('\n')).not.toMatch(FULL_KEY_PATTERN);
  });

  it('stores with source env on accept, then forgets its copy', async () => {
    const key = makeKey();
    const f = setup(key);
    const result = await f.offer.accept('encrypted');

    expect(result.status).toMatchObject({ state: 'stored', source: 'env', preview: maskKey(key) });
    expect(f.vault.currentKey()).toBe(key);
    expect(f.offer.pending()).toBeNull();
    await expectFailure(f.offer.accept('session'), 'key_missing');
    expect(f.verifyStub.calls).toEqual([key]);
  });

  it('keeps for this session only when asked', async () => {
    const key = makeKey();
    const f = setup(key);
    const result = await f.offer.accept('session');
    expect(result.status).toMatchObject({ state: 'session-only', source: 'env' });
    expect(f.store.writeCount).toBe(0);
  });

  it('stores nothing after dismiss', async () => {
    const f = setup(makeKey());
    f.offer.dismiss();
    expect(f.offer.pending()).toBeNull();
    await expectFailure(f.offer.accept('encrypted'), 'key_missing');
    expect(f.verifyStub.calls).toEqual([]);
    expect(f.store.writeCount).toBe(0);
    expect(f.vault.currentKey()).toBeNull();
  });

  it.each([
    ['unset', undefined],
    ['empty', '  '],
    ['not a key', 'hunter2-my-password'],
  ])('offers nothing when the variable is %s', (_what, value) => {
    const f = setup(value);
    expect(f.offer.pending()).toBeNull();
    expect(ENV_KEY_VARIABLE in f.env).toBe(false);
    if (value) expect(f.log.lines.join('\n')).not.toContain(value);
  });

  it('stays pending after a refusal another choice can fix (weak backend), so session-only works', async () => {
    const key = makeKey();
    const f = setup(key, { cipher: createTestCipher({ backend: 'basic_text' }) });
    await expectFailure(f.offer.accept('encrypted'), 'plaintext_storage_refused');
    expect(f.offer.pending()).toEqual({ preview: maskKey(key) });
    const result = await f.offer.accept('session');
    expect(result.status.state).toBe('session-only');
    expect(f.offer.pending()).toBeNull();
  });

  it('passes allowWeakEncryption through to the vault', async () => {
    const f = setup(makeKey(), { cipher: createTestCipher({ backend: 'basic_text' }) });
    const result = await f.offer.accept('encrypted', true);
    expect(result.status).toMatchObject({ state: 'stored', source: 'env' });
  });

  it('drops a key OpenRouter rejected', async () => {
    const f = setup(makeKey());
    f.verifyStub.fail(textFailure('key_rejected', 'rejected', { status: 401 }));
    await expectFailure(f.offer.accept('encrypted'), 'key_rejected');
    expect(f.offer.pending()).toBeNull();
    expect(f.vault.currentKey()).toBeNull();
  });

  it('hides the offer while an accept is in flight and refuses a second one', async () => {
    const f = setup(makeKey());
    const release = f.verifyStub.hold();
    const first = f.offer.accept('encrypted');
    expect(f.offer.pending()).toBeNull();
    await expectFailure(f.offer.accept('session'), 'key_missing');
    release();
    expect((await first).status.state).toBe('stored');
  });
});
