import { describe, expect, it } from 'vitest';
import { textFailure } from '../../../common/testing/text-failure';
import { makeKey, makeVault } from '../vault/testing/test-support';
import { createCaptureLogger, FULL_KEY_PATTERN } from './testing/test-support';
import { createTypedKeyHandler, TypedKeySubmissionSchema } from './typed-key';

function setup() {
  const fixture = makeVault();
  const log = createCaptureLogger();
  const handler = createTypedKeyHandler({ storeKey: (input) => fixture.vault.store(input), log });
  return { ...fixture, log, handler };
}

describe('typed key (key-entry window submit)', () => {
  it('stores a valid key with source typed and the chosen persistence', async () => {
    const f = setup();
    const key = makeKey();
    const result = await f.handler.submit({ key: `${key}\n`, persistence: 'session' });

    expect(result).toMatchObject({
      ok: true,
      status: { state: 'session-only', source: 'typed' },
      verified: true,
    });
    expect(f.vault.currentKey()).toBe(key);
    expect(JSON.stringify(result)).not.toContain(key);
    expect(f.log.lines.join('\n')).not.toMatch(FULL_KEY_PATTERN);
  });

  it('saves encrypted, with the weak-backend opt-in passed through', async () => {
    const f = setup();
    const result = await f.handler.submit({
      key: makeKey(),
      persistence: 'encrypted',
      allowWeakEncryption: true,
    });
    expect(result).toMatchObject({ ok: true, status: { state: 'stored', source: 'typed' } });
  });

  it.each([
    ['empty', '   ', /No key was entered/],
    ['wrong prefix', `sk-proj-${'a'.repeat(40)}`, /start with "sk-or-"/],
    ['too short', 'sk-or-v1-abc', /too short/],
    ['too long', `sk-or-v1-${'a'.repeat(300)}`, /too long/],
    ['containing spaces', `sk-or-v1-${'a'.repeat(20)} ${'b'.repeat(20)}`, /spaces/],
  ])(
    'explains a key that is %s, without repeating it or contacting OpenRouter',
    async (_what, key, message) => {
      const f = setup();
      const result = await f.handler.submit({ key, persistence: 'encrypted' });

      expect(result).toMatchObject({ ok: false, error: { code: 'key_invalid_format', message } });
      if (!result.ok && key.trim()) expect(result.error.message).not.toContain(key.trim().slice(6, 30));
      expect(f.verifyStub.calls).toEqual([]);
      expect(f.vault.currentKey()).toBeNull();
    },
  );

  it('returns the vault error for a rejected key', async () => {
    const f = setup();
    const key = makeKey();
    f.verifyStub.fail(textFailure('key_rejected', `OpenRouter rejected ${key}`, { status: 401 }));
    const result = await f.handler.submit({ key, persistence: 'encrypted' });

    expect(result).toMatchObject({ ok: false, error: { code: 'key_rejected', status: 401 } });
    expect(JSON.stringify(result)).not.toContain(key);
    expect(f.vault.currentKey()).toBeNull();
  });

  it('turns an unexpected failure into an internal error that says nothing about the key', async () => {
    const key = makeKey();
    const log = createCaptureLogger();
    const handler = createTypedKeyHandler({
      storeKey: async () => {
        throw new Error(`boom ${key}`);
      },
      log,
    });
    const result = await handler.submit({ key, persistence: 'session' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('refuses a second submit while the first is being checked', async () => {
    const f = setup();
    const release = f.verifyStub.hold();
    const first = f.handler.submit({ key: makeKey(), persistence: 'session' });
    const second = await f.handler.submit({ key: makeKey(), persistence: 'session' });
    expect(second).toMatchObject({ ok: false, error: { code: 'validation' } });
    release();
    expect(await first).toMatchObject({ ok: true });
  });

  it('has a strict payload schema for the window contract', () => {
    expect(TypedKeySubmissionSchema.safeParse({ key: 'x', persistence: 'session' }).success).toBe(true);
    expect(TypedKeySubmissionSchema.safeParse({ key: 'x', persistence: 'disk' }).success).toBe(false);
    expect(TypedKeySubmissionSchema.safeParse({ key: 'x', persistence: 'session', extra: 1 }).success).toBe(
      false,
    );
    expect(
      TypedKeySubmissionSchema.safeParse({ key: 'x'.repeat(5000), persistence: 'session' }).success,
    ).toBe(false);
  });
});
