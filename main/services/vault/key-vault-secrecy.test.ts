/**
 * The key must never appear in a status, an error or a log line: those reach the renderer and disk.
 * Each scenario collects everything observable and searches it for the key and for its secret part.
 */
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../common/errors';
import { textFailure } from '../../../common/testing/text-failure';
import { createTestCipher } from './testing/test-cipher';
import { makeKey, makeVault } from './testing/test-support';

/** Everything a caller can see of an error, stack included. */
function exposed(error: unknown): unknown {
  if (error instanceof AppFailure) return { message: error.message, error: error.error, stack: error.stack };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return error;
}

function expectAbsent(haystack: string, keys: string[]): void {
  for (const key of keys) {
    expect(haystack).not.toContain(key);
    // The part a masked preview never shows: catches truncated or re-prefixed copies too.
    expect(haystack).not.toContain(key.slice(9, -4));
    expect(haystack).not.toContain(Buffer.from(key).toString('base64'));
  }
}

describe('key vault: secrecy', () => {
  it('no status, error message, record or log line contains a key, across every path', async () => {
    const cipher = createTestCipher();
    const { vault, store, log, verifyStub, announced } = makeVault({ cipher });
    const keys = Array.from({ length: 6 }, makeKey);
    const [stored, session, rejected, echoedFailure, echoedCrash, malformed] = keys as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const seen: unknown[] = [];
    const attempt = async (action: () => Promise<unknown>) => {
      try {
        seen.push(await action());
      } catch (error) {
        seen.push(exposed(error));
      }
    };

    await attempt(() => vault.init());
    await attempt(() => vault.store({ key: stored, source: 'typed', persistence: 'encrypted' }));
    seen.push(store.peek());
    await attempt(() => vault.verify());
    await attempt(() => vault.store({ key: session, source: 'clipboard', persistence: 'session' }));

    verifyStub.fail(textFailure('key_rejected', 'Unauthorized', { status: 401 }));
    await attempt(() => vault.store({ key: rejected, source: 'typed', persistence: 'encrypted' }));
    await attempt(() => vault.verify());

    // An upstream error that echoes the key it was given, and a crash that does the same.
    verifyStub.fail(textFailure('upstream_error', `Bad request for Bearer ${echoedFailure}`));
    await attempt(() => vault.store({ key: echoedFailure, source: 'typed', persistence: 'encrypted' }));
    verifyStub.fail(new Error(`request with ${echoedCrash} failed`));
    await attempt(() => vault.store({ key: echoedCrash, source: 'typed', persistence: 'encrypted' }));

    verifyStub.succeed();
    await attempt(() =>
      vault.store({
        key: `${malformed.slice(0, 30)} ${malformed.slice(30)}`,
        source: 'typed',
        persistence: 'encrypted',
      }),
    );

    await attempt(() => vault.store({ key: stored, source: 'typed', persistence: 'encrypted' }));
    seen.push(store.peek());
    // Restart with rotation, then with a broken keyring.
    cipher.rotate();
    const restarted = makeVault({ cipher, store });
    await attempt(() => restarted.vault.init());
    seen.push(store.peek());
    cipher.breakDecryption();
    const broken = makeVault({ cipher, store });
    await attempt(() => broken.vault.init());
    await attempt(() => broken.vault.verify());
    await attempt(() => broken.vault.store({ key: stored, source: 'typed', persistence: 'encrypted' }));
    await attempt(() => vault.remove());

    const everything = JSON.stringify({
      seen,
      announced: [announced, restarted.announced, broken.announced],
      logs: [log.lines, restarted.log.lines, broken.log.lines],
    });
    // The scenario really ran: the things searched are there.
    expect(seen).toHaveLength(18);
    expect(everything).toContain('key_rejected');
    expect(everything).toContain('unreadable');
    expect(everything).toContain('re-encrypted');
    expect(log.lines.length).toBeGreaterThan(5);
    expectAbsent(everything, keys);
  });

  it('the rethrown upstream message is redacted, not dropped', async () => {
    const key = makeKey();
    const { vault, verifyStub } = makeVault();
    verifyStub.fail(textFailure('upstream_error', `OpenRouter said: invalid key ${key}`));
    await expect(vault.store({ key, source: 'typed', persistence: 'encrypted' })).rejects.toThrow(
      'OpenRouter said: invalid key sk-or-[REDACTED]',
    );
  });
});
