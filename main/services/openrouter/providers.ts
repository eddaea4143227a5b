import { z } from 'zod';
import { ProviderSlugSchema } from '../../../common/request-options';
import { failure } from './error-mapping';
import { getJson, requireKey } from './http';
import type { ClientContext } from './options';

/** GET /providers → the providers OpenRouter routes to, so settings can offer names rather than typed slugs. */

export interface ProviderInfo {
  /** What `provider.order/only/ignore` take, e.g. "google-vertex". */
  slug: string;
  /** e.g. "Google Vertex". */
  name: string;
  /** The provider's privacy policy, when OpenRouter gives an https link. */
  privacyPolicyUrl?: string;
}

const ProvidersResponseSchema = z.looseObject({ data: z.array(z.unknown()) });
const ProviderSchema = z.looseObject({
  slug: z.string(),
  name: z.string().trim().min(1).max(200),
  privacy_policy_url: z.string().nullish().catch(undefined),
});

function httpsUrl(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Providers with a usable slug and name (others are left out), sorted by name; null for another shape. */
export function parseProviders(body: unknown): ProviderInfo[] | null {
  const envelope = ProvidersResponseSchema.safeParse(body);
  if (!envelope.success) return null;
  const providers = new Map<string, ProviderInfo>();
  for (const entry of envelope.data.data) {
    const parsed = ProviderSchema.safeParse(entry);
    if (!parsed.success) continue;
    const slug = ProviderSlugSchema.safeParse(parsed.data.slug);
    if (!slug.success || providers.has(slug.data)) continue;
    const privacyPolicyUrl = httpsUrl(parsed.data.privacy_policy_url);
    providers.set(slug.data, {
      slug: slug.data,
      name: parsed.data.name,
      ...(privacyPolicyUrl !== undefined ? { privacyPolicyUrl } : {}),
    });
  }
  return [...providers.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.slug.localeCompare(b.slug),
  );
}

export async function listProviders(ctx: ClientContext): Promise<ProviderInfo[]> {
  const key = requireKey(ctx);
  const parsed = parseProviders(await getJson(ctx, 'providers', key));
  if (parsed === null) {
    ctx.log.warn('OpenRouter provider list had an unexpected shape');
    throw failure('upstream_error', { id: 'errors.openrouter.unreadableProviders' });
  }
  return parsed;
}
