import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../main/services/log/testing/memory-logger';
import { createKeyInfoReader } from '../../main/services/openrouter/client';
import type { EmulatorKeyDetails } from './keys';
import { type Emulator, startEmulator } from './server';
import { get } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({
    keys: [{ key: 'sk-or-v1-limited', label: 'CI key', usage: 4.5, limit: 10, isFreeTier: true }],
  });
});
afterAll(() => emu.close());

async function keyData(key: string) {
  const res = await get(emu, '/key', { authorization: `Bearer ${key}` });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

describe('GET /key', () => {
  it('describes the default key with the documented defaults', async () => {
    const k = emu.defaultKey;
    expect(await keyData(k)).toEqual({
      label: `sk-or-v1-${k.slice(9, 12)}...${k.slice(-3)}`,
      usage: 1.25,
      limit: null,
      limit_remaining: null,
      limit_reset: null,
      include_byok_in_limit: false,
      usage_daily: 1.25,
      usage_weekly: 1.25,
      usage_monthly: 1.25,
      byok_usage: 0,
      byok_usage_daily: 0,
      byok_usage_weekly: 0,
      byok_usage_monthly: 0,
      is_free_tier: false,
      is_management_key: false,
      expires_at: null,
      rate_limit: { requests: -1, interval: '10s' },
    });
  });

  it('reflects the EmulatorKey record, deriving limit_remaining from the limit', async () => {
    expect(await keyData('sk-or-v1-limited')).toMatchObject({
      label: 'CI key',
      usage: 4.5,
      limit: 10,
      limit_remaining: 5.5,
      is_free_tier: true,
    });
  });

  it('uses an explicit limitRemaining, and addKey replaces a record', async () => {
    emu.addKey({ key: 'sk-or-v1-limited', usage: 12, limit: 10, limitRemaining: 0 });
    expect(await keyData('sk-or-v1-limited')).toMatchObject({ usage: 12, limit: 10, limit_remaining: 0 });
  });

  it('serves limit reset, expiry, per-period and BYOK usage, which the real client reads', async () => {
    const appKey: EmulatorKeyDetails = {
      key: 'sk-or-v1-app-key-with-limit',
      label: 'app key',
      usage: 7.5,
      limit: 20,
      limitReset: 'monthly',
      expiresAt: '2027-01-01T00:00:00Z',
      usageDaily: 0.5,
      usageWeekly: 2.25,
      byokUsage: 3,
      includeByokInLimit: true,
    };
    emu.addKey(appKey);
    const keyInfoOf = createKeyInfoReader({ baseUrl: emu.baseUrl, log: createMemoryLogger() });
    await expect(keyInfoOf(appKey.key)).resolves.toEqual({
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
      byokUsageDaily: 3,
      byokUsageWeekly: 3,
      byokUsageMonthly: 3,
      includeByokInLimit: true,
    });
  });
});
