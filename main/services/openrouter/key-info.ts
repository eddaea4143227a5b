import { z } from 'zod';
import type { KeyInfo } from '../../../common/key-status';
import { REDACTED } from '../../../common/redact';
import { failure } from './error-mapping';
import { getJson, requireKey } from './http';
import type { ClientContext } from './options';

// The extras are read leniently, each on its own: older answers (fixtures/real/key) have none of them,
// and one odd extra must not cost the person the whole key status.
const extraNumber = z.number().finite().nullish().catch(undefined);
const extraText = z.string().max(64).nullish().catch(undefined);

const KeyResponseSchema = z.looseObject({
  data: z.looseObject({
    label: z.string().nullish(),
    usage: z.number().nullish(),
    limit: z.number().nullish(),
    limit_remaining: z.number().nullish(),
    is_free_tier: z.boolean().nullish(),
    limit_reset: extraText,
    expires_at: extraText,
    usage_daily: extraNumber,
    usage_weekly: extraNumber,
    usage_monthly: extraNumber,
    byok_usage: extraNumber,
    byok_usage_daily: extraNumber,
    byok_usage_weekly: extraNumber,
    byok_usage_monthly: extraNumber,
    include_byok_in_limit: z.boolean().nullish().catch(undefined),
  }),
});

type KeyData = z.infer<typeof KeyResponseSchema>['data'];

/** A short printable word or timestamp from upstream, or null. */
function plainText(raw: string): string | null {
  const text = raw.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return text === '' ? null : text;
}

/** `expires_at` only when it is a real time; anything else is treated as "no expiry given". */
function expiry(raw: string): string | null | undefined {
  const text = plainText(raw);
  if (text === null) return null;
  return Number.isNaN(Date.parse(text)) ? undefined : text;
}

/** The fields only newer /key answers have; absent ones stay absent (not "0"). */
export function keyInfoExtras(d: KeyData): Partial<KeyInfo> {
  const out: Partial<KeyInfo> = {};
  if (d.limit_reset !== undefined) out.limitReset = d.limit_reset === null ? null : plainText(d.limit_reset);
  if (d.expires_at !== undefined) {
    const at = d.expires_at === null ? null : expiry(d.expires_at);
    if (at !== undefined) out.expiresAt = at;
  }
  const numbers = [
    ['usageDaily', d.usage_daily],
    ['usageWeekly', d.usage_weekly],
    ['usageMonthly', d.usage_monthly],
    ['byokUsage', d.byok_usage],
    ['byokUsageDaily', d.byok_usage_daily],
    ['byokUsageWeekly', d.byok_usage_weekly],
    ['byokUsageMonthly', d.byok_usage_monthly],
  ] as const;
  for (const [name, value] of numbers) if (typeof value === 'number') out[name] = value;
  if (typeof d.include_byok_in_limit === 'boolean') out.includeByokInLimit = d.include_byok_in_limit;
  return out;
}

/** GET /key, for a candidate key not yet stored or for the vault's current key. */
export async function getKeyInfo(ctx: ClientContext, candidate?: string): Promise<KeyInfo> {
  const key = requireKey(ctx, candidate);
  const body = await getJson(ctx, 'key', key);
  const parsed = KeyResponseSchema.safeParse(body);
  if (!parsed.success) {
    ctx.log.warn('OpenRouter key info had an unexpected shape');
    throw failure('upstream_error', { id: 'errors.openrouter.unreadableKeyInfo' });
  }
  const d = parsed.data.data;
  return {
    label: safeLabel(d.label ?? '', key),
    usage: d.usage ?? 0,
    limit: d.limit ?? null,
    limitRemaining: d.limit_remaining ?? null,
    isFreeTier: d.is_free_tier ?? false,
    ...keyInfoExtras(d),
  };
}

/** A run this long after `sk-or-` is a whole key, not a masked one like `sk-or-v1-abc...def`. */
const FULL_KEY_PATTERN = /sk-or-[A-Za-z0-9_-]{24,}/g;

/**
 * The label goes to the renderer. OpenRouter's default label is a masked key (`sk-or-v1-abc...def`),
 * which is safe and recognisable, so the usual `redact` (which would mangle it) is not applied; only
 * the key itself or anything shaped like a complete key is removed.
 */
export function safeLabel(label: string, key: string): string {
  const withoutKey = key.length >= 8 ? label.split(key).join(REDACTED) : label;
  return withoutKey.replace(FULL_KEY_PATTERN, `sk-or-${REDACTED}`);
}
