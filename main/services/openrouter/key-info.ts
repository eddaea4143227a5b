import { z } from 'zod';
import type { KeyInfo } from '../../../common/key-status';
import { REDACTED } from '../../../common/redact';
import { failure } from './error-mapping';
import { getJson, requireKey } from './http';
import type { ClientContext } from './options';

const KeyResponseSchema = z.looseObject({
  data: z.looseObject({
    label: z.string().nullish(),
    usage: z.number().nullish(),
    limit: z.number().nullish(),
    limit_remaining: z.number().nullish(),
    is_free_tier: z.boolean().nullish(),
  }),
});

/** GET /key, for a candidate key not yet stored or for the vault's current key. */
export async function getKeyInfo(ctx: ClientContext, candidate?: string): Promise<KeyInfo> {
  const key = requireKey(ctx, candidate);
  const body = await getJson(ctx, 'key', key);
  const parsed = KeyResponseSchema.safeParse(body);
  if (!parsed.success) {
    ctx.log.warn('OpenRouter key info had an unexpected shape');
    throw failure('upstream_error', "OpenRouter sent key details Switchboard couldn't read.");
  }
  const d = parsed.data.data;
  return {
    label: safeLabel(d.label ?? '', key),
    usage: d.usage ?? 0,
    limit: d.limit ?? null,
    limitRemaining: d.limit_remaining ?? null,
    isFreeTier: d.is_free_tier ?? false,
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
