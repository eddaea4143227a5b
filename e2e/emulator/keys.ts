import { createHash } from 'node:crypto';
import type { EmulatorKey } from './types';

// The accepted API keys and the `GET /key` payload built from them.

/** Derived from a fixed string so every run (and every parallel emulator) uses the same default key. */
export const DEFAULT_KEY = `sk-or-v1-${createHash('sha256').update('switchboard-emulator-default-key').digest('hex')}`;

export type AuthResult = { ok: true; key: EmulatorKey } | { ok: false; message: string };

export class KeyStore {
  private readonly keys = new Map<string, EmulatorKey>();

  add(k: EmulatorKey): void {
    this.keys.set(k.key, k);
  }

  /** Checks an `Authorization` header the way OpenRouter words its 401s. */
  authenticate(authorization: string | undefined): AuthResult {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) return { ok: false, message: 'No auth credentials found' };
    const key = this.keys.get(match[1]);
    return key ? { ok: true, key } : { ok: false, message: 'User not found.' };
  }
}

/** "sk-or-v1-abc...def": how OpenRouter labels a key that was not given a name. */
export function maskedLabel(key: string): string {
  const prefix = 'sk-or-v1-';
  const body = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  return `${prefix}${body.slice(0, 3)}...${body.slice(-3)}`;
}

/**
 * What a test may set beyond `EmulatorKey` to shape `GET /key` (pass a key typed as this to `addKey` or
 * `keys`): the limit's reset period, an expiry, per-period and BYOK usage.
 */
export interface EmulatorKeyDetails extends EmulatorKey {
  limitReset?: 'daily' | 'weekly' | 'monthly' | null;
  expiresAt?: string | null;
  usageDaily?: number;
  usageWeekly?: number;
  byokUsage?: number;
  includeByokInLimit?: boolean;
}

/** The documented `GET /key` answer (docs §6), every field present as the 2026 API sends it. */
export function keyInfo(k: EmulatorKeyDetails) {
  const usage = k.usage ?? 1.25;
  const limit = k.limit ?? null;
  const limitRemaining =
    k.limitRemaining !== undefined ? k.limitRemaining : limit === null ? null : limit - usage;
  const byok = k.byokUsage ?? 0;
  return {
    data: {
      label: k.label ?? maskedLabel(k.key),
      limit,
      limit_reset: k.limitReset ?? null,
      limit_remaining: limitRemaining,
      include_byok_in_limit: k.includeByokInLimit ?? false,
      usage,
      usage_daily: k.usageDaily ?? usage,
      usage_weekly: k.usageWeekly ?? usage,
      usage_monthly: usage,
      byok_usage: byok,
      byok_usage_daily: byok,
      byok_usage_weekly: byok,
      byok_usage_monthly: byok,
      is_free_tier: k.isFreeTier ?? false,
      is_management_key: false,
      expires_at: k.expiresAt ?? null,
      rate_limit: { requests: -1, interval: '10s' },
    },
  };
}
