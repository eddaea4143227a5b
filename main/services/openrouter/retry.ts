/**
 * Retry policy for chat streams. Deliberately narrow: only these statuses, only before any output
 * (an HTTP error status always arrives before the first token), and never for connection failures,
 * which are reported as `offline` at once so the person is not left waiting on a dead network.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503]);

export function isRetryableStatus(status: number | undefined): boolean {
  return status !== undefined && RETRYABLE_STATUSES.has(status);
}

/**
 * Whether to retry a failed attempt on our own: a retryable status, unless OpenRouter said the same
 * request will not pass later (`error.availability.retryable: false`, carried as `AppError.retryable`).
 * Retrying then only delays the error the person has to act on (pick another model, change settings).
 * An absent `retryable` keeps the status rule.
 */
export function shouldRetryAutomatically(
  status: number | undefined,
  error: { readonly retryable?: boolean | undefined },
): boolean {
  return isRetryableStatus(status) && error.retryable !== false;
}

/**
 * Retry-After as whole seconds: either delta-seconds or an HTTP date (RFC 9110 allows both).
 * Returns undefined for absent or unusable values so callers fall back to backoff.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  // An HTTP date always names a weekday and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before retry number `retryIndex` (0 for the first retry). The server's Retry-After wins when
 * given, capped so one bad header cannot freeze the UI; otherwise exponential backoff with "equal
 * jitter" (half fixed, half random) so that clients hit by the same outage do not retry in lockstep.
 */
export function retryDelayMs(
  retryIndex: number,
  retryAfterSeconds: number | undefined,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined) {
    return Math.min(retryAfterSeconds * 1000, settings.maxDelayMs);
  }
  const exponential = Math.min(settings.baseDelayMs * 2 ** retryIndex, settings.maxDelayMs);
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** A sleep that ends early, rejecting, when `signal` aborts; its timer never outlives it. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abortError = () => Object.assign(new Error('Sleep aborted'), { name: 'AbortError' });
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
