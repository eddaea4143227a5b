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

  it('reads the newer fields: limit reset, expiry, daily/weekly/monthly and BYOK usage', async () => {
    const body = {
      data: {
        label: 'app key',
        limit: 20,
        limit_reset: 'monthly',
        limit_remaining: 12.5,
        include_byok_in_limit: true,
        usage: 7.5,
        usage_daily: 0.5,
        usage_weekly: 2.25,
        usage_monthly: 7.5,
        byok_usage: 3,
        byok_usage_daily: 0.1,
        byok_usage_weekly: 0.75,
        byok_usage_monthly: 3,
        is_free_tier: false,
        is_management_key: false,
        expires_at: '2027-01-01T00:00:00Z',
        rate_limit: { requests: -1, interval: '10s', note: 'deprecated' },
      },
    };
    const { fetch } = fakeFetch(() => Response.json(body));
    const keyInfoOf = createKeyInfoReader({
      baseUrl: 'https://openrouter.test/api/v1',
      log: createMemoryLogger(),
      fetch,
    });
    await expect(keyInfoOf(TEST_KEY)).resolves.toEqual({
      label: 'app key',
      usage: 7.5,
      limit: 20,
      limitRemaining: 12.5,
      isFreeTier: false,
      limitReset: 'monthly',
      expiresAt: '2027-01-01T00:00:00Z',
      usageDaily: 0.5,
      usageWeekly: 2.25,
      usageMonthly: 7.5,
      byokUsage: 3,
      byokUsageDaily: 0.1,
      byokUsageWeekly: 0.75,
      byokUsageMonthly: 3,
      includeByokInLimit: true,
    });
  });

  it('keeps the rest when an extra is null or odd: null means "never", odd ones are left out', async () => {
    const body = {
      data: {
        ...keyBody.data,
        limit_reset: null,
        expires_at: 'someday',
        usage_daily: '0.5',
        byok_usage: null,
        include_byok_in_limit: 'yes',
      },
    };
    const { fetch } = fakeFetch(() => Response.json(body));
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
      limitReset: null,
    });
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
