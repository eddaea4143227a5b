/**
 * Redaction applied to every log line and every error message that leaves a service.
 *
 * Why a pattern and not a lookup of "the" key: a key can reach a string through paths we do not
 * control (an upstream error echoing the request, a pasted clipboard, an OAuth response), so we remove
 * anything *shaped* like an OpenRouter key, plus any Authorization/Bearer value, whatever its origin.
 */

/** `sk-or-` followed by any run of key-ish characters (v1 keys are `sk-or-v1-` + 64 hex). */
const KEY_PATTERN = /sk-or-[A-Za-z0-9_-]*/g;
/** `Bearer <token>` anywhere, e.g. inside an echoed request dump. */
const BEARER_PATTERN = /\bBearer\s+[^\s"',;]+/gi;
/** `authorization: <value>` header lines or JSON fields. */
const AUTH_HEADER_PATTERN = /("?authorization"?\s*[:=]\s*"?)([^"\n\r,}]+)/gi;

export const REDACTED = '[REDACTED]';

export function redact(text: string): string {
  return text
    .replace(KEY_PATTERN, `sk-or-${REDACTED}`)
    .replace(BEARER_PATTERN, `Bearer ${REDACTED}`)
    .replace(AUTH_HEADER_PATTERN, (_m, prefix: string) => `${prefix}${REDACTED}`);
}

/** Redacts an unknown thrown value into a safe one-line description. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    return redact(`${error.name}: ${error.message}${cause}`);
  }
  return redact(String(error));
}

/**
 * Masked preview shown to the renderer: prefix and the last four characters only.
 * `sk-or-v1-<64 hex>` -> `sk-or-v1-…3f2a`. Short or odd keys reveal even less.
 */
export function maskKey(key: string): string {
  const tail = key.length >= 24 ? key.slice(-4) : '';
  const prefix = key.startsWith('sk-or-v1-') ? 'sk-or-v1-' : key.startsWith('sk-or-') ? 'sk-or-' : '';
  return `${prefix}…${tail}`;
}
