import type { ModelList } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import { failure } from './error-mapping';
import { getJson, requireKey } from './http';
import { parseModelsResponse } from './models';
import type { ClientContext } from './options';

/**
 * The model list, kept in memory for `modelsTtlMs`. Concurrent callers share one request; when a
 * refresh fails, the last good copy is served marked `stale` (the picker keeps working offline).
 */
export function createModelsCache(ctx: ClientContext) {
  let cached: { list: ModelList; fetchedAtMs: number } | null = null;
  let inFlight: Promise<ModelList> | null = null;

  async function fetchList(): Promise<ModelList> {
    const key = requireKey(ctx);
    const body = await getJson(ctx, 'models', key);
    const parsed = parseModelsResponse(body);
    if (parsed === null) {
      ctx.log.warn('OpenRouter model list had an unexpected shape');
      throw failure('upstream_error', { id: 'errors.openrouter.unreadableModels' });
    }
    if (parsed.skipped > 0) ctx.log.warn('Skipped unreadable models', { skipped: parsed.skipped });
    const fetchedAtMs = ctx.now();
    const list: ModelList = {
      models: parsed.models,
      fetchedAt: new Date(fetchedAtMs).toISOString(),
      stale: false,
    };
    cached = { list, fetchedAtMs };
    ctx.log.info('Fetched model list', { count: list.models.length });
    return list;
  }

  async function refresh(): Promise<ModelList> {
    try {
      return await fetchList();
    } catch (error) {
      if (cached === null) throw error;
      ctx.log.warn('Serving a stale model list', {
        error: error instanceof AppFailure ? error.error.code : describeError(error),
      });
      return { ...cached.list, stale: true };
    }
  }

  return {
    list(opts: { refresh?: boolean } = {}): Promise<ModelList> {
      if (!opts.refresh && cached !== null && ctx.now() - cached.fetchedAtMs < ctx.modelsTtlMs) {
        return Promise.resolve(cached.list);
      }
      // A refresh requested while a fetch is running gets that fetch: it is as fresh as a new one.
      if (inFlight === null) {
        inFlight = refresh().finally(() => {
          inFlight = null;
        });
      }
      return inFlight;
    },
  };
}
