/**
 * Every way a key enters main registers it with the process's known-secrets registry before anything
 * can log or echo it, so redaction removes it in any form — even a candidate that is refused, or one
 * that does not have the `sk-or-` shape.
 */
import { describe, expect, it } from 'vitest';
import { importFromClipboard } from '../key-intake/clipboard-import';
import { createEnvKeyOffer } from '../key-intake/env-key-offer';
import { exchangeAuthCode } from '../key-intake/exchange-code';
import { createTypedKeyHandler } from '../key-intake/typed-key';
import { makeKey, makeVault } from '../vault/testing/test-support';
import { knownSecrets } from './known-secrets';
import { createMemoryLogger } from './testing/memory-logger';

/** Logs the secret in upper case and base64 and asserts neither survives. */
function expectRedacted(secret: string): void {
  // Booleans, so a failure message never prints the secret.
  expect(knownSecrets.list().includes(secret), 'registered').toBe(true);
  const log = createMemoryLogger('check');
  log.info(`${secret.toUpperCase()} ${Buffer.from(secret).toString('base64')}`);
  expect(log.lines[0]).not.toContain(secret.toUpperCase());
  expect(log.lines[0]).not.toContain(Buffer.from(secret).toString('base64'));
}

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 12)}`;

describe('key paths register what they see', () => {
  it('the vault: every candidate handed to store (also a rejected one) and the key it loads', async () => {
    const { vault, verifyStub, cipher, store } = makeVault();
    verifyStub.fail(new Error('rejected'));
    const rejected = makeKey();
    await vault.store({ key: rejected, source: 'typed', persistence: 'encrypted' }).catch(() => undefined);
    expectRedacted(rejected);
    const malformed = unique('not-a-key');
    await vault.store({ key: malformed, source: 'typed', persistence: 'encrypted' }).catch(() => undefined);
    expectRedacted(malformed);

    verifyStub.succeed();
    const stored = makeKey();
    await vault.store({ key: stored, source: 'clipboard', persistence: 'encrypted' });
    // A new process reading it back registers it on load.
    const restarted = makeVault({ cipher, store });
    const before = knownSecrets.list().length;
    await restarted.vault.init();
    expect(restarted.vault.currentKey()).toBe(stored);
    expectRedacted(stored);
    expect(knownSecrets.list().length).toBeGreaterThanOrEqual(before);
  });

  it('typed key: what was typed, before its format is checked', async () => {
    const typed = unique('typed-candidate');
    const handler = createTypedKeyHandler({
      storeKey: async () => {
        throw new Error('not reached');
      },
      log: createMemoryLogger(),
    });
    await handler.submit({ key: typed, persistence: 'encrypted' });
    expectRedacted(typed);
  });

  it('clipboard: whatever the clipboard held, even when it is refused', async () => {
    const copied = unique('clipboard-text');
    await importFromClipboard({
      clipboard: { readText: () => `${copied}\n`, clear: () => undefined },
      consumeUserActivation: () => true,
      storeKey: async () => {
        throw new Error('not reached');
      },
      log: createMemoryLogger(),
    }).catch(() => undefined);
    expectRedacted(copied);
  });

  it('environment: OPENROUTER_API_KEY, even when it does not look like a key', () => {
    const value = unique('env-value');
    createEnvKeyOffer({
      env: { OPENROUTER_API_KEY: value },
      storeKey: async () => {
        throw new Error('not reached');
      },
      log: createMemoryLogger(),
    });
    expectRedacted(value);
  });

  it('sign-in: the key the code was exchanged for, as soon as it arrives', async () => {
    const minted = makeKey();
    const fakeFetch: typeof fetch = async () =>
      new Response(JSON.stringify({ key: minted, user_id: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const key = await exchangeAuthCode(
      { baseUrl: 'http://127.0.0.1:9/api/v1', log: createMemoryLogger(), fetch: fakeFetch },
      { code: 'code-1', verifier: 'verifier-1' },
    );
    expect(key).toBe(minted);
    expectRedacted(minted);
  });
});
