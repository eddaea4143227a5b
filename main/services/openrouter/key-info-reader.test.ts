import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createKeyInfoReader } from './client';
import { fakeFetch, TEST_KEY } from './testing/test-support';

/** The vault's `verify`: GET /key with the key it is given, and no key of its own. */
describe('createKeyInfoReader', () => {
  const keyBody = {
    data: { label: 'laptop', usage: 1.5, limit: 10, limit_remaining: 8.5, is_free_tier: false },
  };

  it('sends the key it is given to <base URL>/key only and maps the answer', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json(keyBody));
    const keyInfoOf = createKeyInfoReader({
      baseUrl: 'https://openrouter.test/api/v1',
      log: createMemoryLogger(),
      fetch,
    });
    await expect(keyInfoOf(TEST_KEY)).resolves.toEqual({
      label: 'laptop',
      usage: 1.5,
      limit: 10,
      limitRemaining: 8.5,
      isFreeTier: false,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://openrouter.test/api/v1/key');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.headers).toMatchObject({ authorization: `Bearer ${TEST_KEY}` });
  });

  it('has no key to fall back on: an empty or blank key is key_missing, without a request', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json(keyBody));
    const keyInfoOf = createKeyInfoReader({
      baseUrl: 'https://openrouter.test/api/v1',
      log: createMemoryLogger(),
      fetch,
    });
    await expect(keyInfoOf('')).rejects.toMatchObject({ error: { code: 'key_missing' } });
    await expect(keyInfoOf('  ')).rejects.toMatchObject({ error: { code: 'key_missing' } });
    expect(calls).toHaveLength(0);
  });
});
