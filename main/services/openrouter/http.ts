import { AppFailure } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import { failure, MESSAGES, mapHttpError } from './error-mapping';
import type { ClientContext } from './options';
import { parseRetryAfter } from './retry';
import { AttemptScope, abortFailure } from './timeouts';

/**
 * The only way this client builds URLs and sends requests. Paths are a closed set, so no caller can
 * steer the Bearer key to another host (architecture invariant 3: fixed destination). The one path with
 * variable parts, a model's endpoint list, can only be made by `modelEndpointsPath`, which checks and
 * encodes each segment.
 */
export type ApiPath =
  | 'chat/completions'
  | 'models'
  | 'models/user'
  | 'providers'
  | 'key'
  | 'generation'
  | ModelEndpointsPath;

declare const modelEndpointsBrand: unique symbol;
/** `models/{author}/{slug}/endpoints` with both segments checked and percent-encoded. */
export type ModelEndpointsPath = string & { readonly [modelEndpointsBrand]: true };

const AUTHOR_SEGMENT = /^[a-z0-9~][\w.~-]{0,99}$/i;
const SLUG_SEGMENT = /^[\w.:~-]{1,150}$/;

/**
 * The endpoint-list path for a model id `author/slug`, or null when the id is not of that form (a
 * preset, an empty part, `.`/`..`, a further `/`, a query or fragment character). Each segment is
 * encoded as well, so even a character the checks let through cannot change the path.
 */
export function modelEndpointsPath(modelId: string): ModelEndpointsPath | null {
  const slash = modelId.indexOf('/');
  if (slash < 0) return null;
  const author = modelId.slice(0, slash);
  const slug = modelId.slice(slash + 1);
  if (!AUTHOR_SEGMENT.test(author) || !SLUG_SEGMENT.test(slug)) return null;
  if ([author, slug].some((part) => part === '.' || part === '..')) return null;
  return `models/${encodeURIComponent(author)}/${encodeURIComponent(slug)}/endpoints` as ModelEndpointsPath;
}

export const APP_TITLE = 'Switchboard';

/**
 * Fixed query strings per path, part of the same closed set. `/models` lists only text-output models
 * unless asked otherwise, which would hide image models from the picker.
 */
const FIXED_QUERY: Readonly<Record<string, Record<string, string>>> = {
  models: { output_modalities: 'all' },
};

export function buildUrl(baseUrl: URL, path: ApiPath, query: Record<string, string> = {}): URL {
  const url = new URL(`${baseUrl.href.replace(/\/+$/, '')}/${path}`);
  for (const [name, value] of Object.entries(FIXED_QUERY[path as string] ?? {}))
    url.searchParams.set(name, value);
  // Caller values (e.g. /generation's id) are set through URLSearchParams, so they are encoded and can
  // never change the path or the origin.
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  // Defence in depth: even a future path constant must not be able to change the origin.
  if (url.origin !== baseUrl.origin) {
    throw new Error('Refusing to build an OpenRouter URL outside the configured origin');
  }
  return url;
}

/** The key to use: an explicit candidate (checked before it is stored) or the vault's current one. */
export function requireKey(ctx: ClientContext, candidate?: string): string {
  const key = candidate !== undefined ? candidate : ctx.getKey();
  if (key === null || key.trim() === '') throw failure('key_missing', MESSAGES.keyMissing);
  return key;
}

export function buildHeaders(key: string, appUrl: string, withJsonBody: boolean): Record<string, string> {
  return {
    // i18n-ignore: an HTTP header's value, never shown to a person
    Authorization: `Bearer ${key}`,
    'HTTP-Referer': appUrl,
    'X-OpenRouter-Title': APP_TITLE,
    // Older name of the same header, still read by OpenRouter.
    'X-Title': APP_TITLE,
    Accept: withJsonBody ? 'text/event-stream, application/json' : 'application/json',
    ...(withJsonBody ? { 'Content-Type': 'application/json' } : {}),
  };
}

export interface SendInput {
  path: ApiPath;
  method: 'GET' | 'POST';
  key: string;
  body?: string;
  signal: AbortSignal;
  query?: Record<string, string>;
}

/**
 * Sends one request. Redirects are not followed: a redirect could carry the Authorization header to
 * another origin, so any 3xx is treated as an error by the callers.
 */
export function send(ctx: ClientContext, input: SendInput): Promise<Response> {
  const url = buildUrl(ctx.baseUrl, input.path, input.query);
  return ctx.fetch(url, {
    method: input.method,
    headers: buildHeaders(input.key, ctx.appUrl, input.body !== undefined),
    ...(input.body !== undefined ? { body: input.body } : {}),
    signal: input.signal,
    redirect: 'manual',
  });
}

/** Best-effort body read for error responses: JSON when it parses, the raw text otherwise. */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Maps a failed fetch() or body read: our own abort first, else the network failed. */
export function transportFailure(
  ctx: ClientContext,
  scope: AttemptScope,
  error: unknown,
  phase: 'before-response' | 'after-response',
): AppFailure {
  const cause = scope.cause;
  if (cause !== null && cause !== 'done') return abortFailure(cause, ctx.timeouts);
  ctx.log.warn('OpenRouter transport error', { phase, error: describeError(error) });
  return phase === 'before-response'
    ? failure('offline', MESSAGES.offline)
    : failure('connection_lost', MESSAGES.connectionLost);
}

/** Maps a non-2xx response (its body is consumed). */
export async function responseFailure(
  ctx: ClientContext,
  response: Response,
  key: string,
): Promise<AppFailure> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), ctx.now());
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    return failure('upstream_error', MESSAGES.unexpectedRedirect, { status: response.status });
  }
  const body = await readBody(response);
  const mapped = mapHttpError(response.status, body, retryAfter, [key]);
  ctx.log.warn('OpenRouter error response', {
    status: response.status,
    code: mapped.error.code,
    message: mapped.error.message,
  });
  return mapped;
}

/**
 * A non-streaming GET returning the parsed JSON body, bounded by `timeouts.requestMs` overall.
 * Throws an AppFailure for every failure.
 */
export async function getJson(ctx: ClientContext, path: ApiPath, key: string): Promise<unknown> {
  const outcome = await getJsonUnless(ctx, path, key, []);
  // With no quiet statuses every non-2xx response has thrown.
  return outcome.ok ? outcome.body : undefined;
}

export type GetOutcome = { ok: true; body: unknown } | { ok: false; status: number };

/**
 * Like getJson, but a response whose status is in `quietStatuses` is not an error: its body is
 * discarded and the status returned, and it is logged at debug only (for calls a key may simply not
 * be allowed to make, such as `/models/user`).
 */
export async function getJsonUnless(
  ctx: ClientContext,
  path: ApiPath,
  key: string,
  quietStatuses: readonly number[],
): Promise<GetOutcome> {
  const scope = new AttemptScope();
  scope.arm('request', ctx.timeouts.requestMs);
  try {
    let response: Response;
    try {
      response = await send(ctx, { path, method: 'GET', key, signal: scope.signal });
    } catch (error) {
      throw transportFailure(ctx, scope, error, 'before-response');
    }
    ctx.log.debug('OpenRouter response', { path, status: response.status });
    let body: unknown;
    try {
      if (quietStatuses.includes(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, status: response.status };
      }
      if (!response.ok) throw await responseFailure(ctx, response, key);
      body = JSON.parse(await response.text()) as unknown;
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      if (error instanceof SyntaxError) {
        ctx.log.warn('OpenRouter sent invalid JSON', { path });
        throw failure('upstream_error', { id: 'errors.openrouter.unreadableResponse', values: { path } });
      }
      // Nothing partial is worth keeping here, so a body cut short is reported like no answer at all.
      throw transportFailure(ctx, scope, error, 'before-response');
    }
    return { ok: true, body };
  } finally {
    scope.dispose();
  }
}
