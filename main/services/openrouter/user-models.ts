import { z } from 'zod';
import { getJsonUnless, requireKey } from './http';
import type { ClientContext } from './options';

/**
 * GET /models/user: the model list filtered by the account's provider preferences, privacy settings
 * and guardrails (../shared/docs/openrouter-api.md §11), so Switchboard can say "your privacy settings
 * exclude this model" before sending instead of after a 404. Only the ids are needed.
 *
 * Not every key may call it. 401, 403 and 404 mean "this key cannot tell us", not a failure the person
 * must act on: the caller gets null and falls back quietly to sending and reading the error.
 *
 * No `output_modalities` query is added: OpenRouter documents that filter for `/models` only, so this list
 * may hold only text-output models; a caller should treat an image-output model missing here as unknown,
 * not as excluded.
 */

const QUIET_STATUSES = [401, 403, 404] as const;

const UserModelsSchema = z.looseObject({ data: z.array(z.unknown()) });
const IdOnly = z.looseObject({ id: z.string().min(1).max(300) });

/** The ids in a /models/user body (entries without a readable id are left out), or null for another shape. */
export function parseAccountModelIds(body: unknown): string[] | null {
  const envelope = UserModelsSchema.safeParse(body);
  if (!envelope.success) return null;
  const ids: string[] = [];
  for (const entry of envelope.data.data) {
    const parsed = IdOnly.safeParse(entry);
    if (parsed.success) ids.push(parsed.data.id);
  }
  return [...new Set(ids)];
}

export async function listAccountModelIds(ctx: ClientContext): Promise<string[] | null> {
  const key = requireKey(ctx);
  const outcome = await getJsonUnless(ctx, 'models/user', key, QUIET_STATUSES);
  if (!outcome.ok) {
    ctx.log.debug('This key may not list the account’s models; privacy checks fall back to errors', {
      status: outcome.status,
    });
    return null;
  }
  const ids = parseAccountModelIds(outcome.body);
  if (ids === null) {
    ctx.log.warn('OpenRouter account model list had an unexpected shape');
    return null;
  }
  return ids;
}
