/**
 * Redaction applied to every log line and every error message that leaves a service.
 *
 * Two layers, both pure (main keeps the list of secrets it knows, in main/services/log/known-secrets.ts):
 * - `redact` removes anything *shaped* like an OpenRouter key, plus any Authorization/Bearer value,
 *   whatever its origin: a key can reach a string through paths we do not control (an upstream error
 *   echoing the request, a pasted clipboard, an OAuth response).
 * - `compileSecretMatcher` / `redactKnown` remove *known* secrets (the current key, keys being entered)
 *   literally, in any letter case, and as base64, base64url, JSON-escaped and percent-encoded text:
 *   forms the shape cannot see, and keys that do not have the shape at all.
 */

/**
 * `sk-or-` followed by a run of key-ish characters (v1 keys are `sk-or-v1-` + 64 hex). A bare prefix,
 * with or without its version (`sk-or-`, `sk-or-v1-…3f2a` as `maskKey` shows it), carries no secret
 * and is left alone, so messages that explain what a key looks like stay readable.
 */
const KEY_PATTERN = /sk-or-(?!(?:v\d+-?)?(?![A-Za-z0-9_-]))[A-Za-z0-9_-]+/g;
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

// ---------------------------------------------------------------------------------------------
// Known secrets

/** Known secrets shorter than this are not matched: they would mangle ordinary words (keys are far longer). */
export const MIN_KNOWN_SECRET_LENGTH = 8;
/** Longer "secrets" are not keys (a whole clipboard, say); the key-shaped pattern still covers keys in them. */
export const MAX_KNOWN_SECRET_LENGTH = 512;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64 of `bytes` (written out here: common/ runs in main, preload and renderer alike). */
function base64(bytes: Uint8Array, alphabet: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += alphabet[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += alphabet[n & 63];
  }
  return out;
}

/**
 * The base64 characters that encode `text` alone, for each of the three byte alignments it can have
 * inside a longer encoded value (`Basic base64(user:key)`, a JSON blob, a cookie). Characters that
 * mix in bits of the neighbouring bytes differ from one context to the next and are left out.
 */
function base64Cores(text: string, alphabet: string): string[] {
  const utf8 = new TextEncoder().encode(text);
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const bytes = new Uint8Array(shift + utf8.length);
    bytes.set(utf8, shift);
    const start = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * bytes.length) / 6);
    cores.push(base64(bytes, alphabet).slice(start, end));
  }
  return cores;
}

/** The forms of `secret` that are searched for (case-insensitively), as text and as base64. */
export function secretForms(secret: string): { literal: string[]; base64: string[] } {
  const literal = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  // Every byte percent-encoded, as some encoders do; partly encoded text is decoded run by run below.
  literal.add(
    [...new TextEncoder().encode(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
  );
  const encoded = new Set<string>();
  for (const variant of new Set([secret, secret.toUpperCase(), secret.toLowerCase()])) {
    for (const alphabet of [BASE64, BASE64URL]) {
      for (const core of base64Cores(variant, alphabet)) encoded.add(core);
    }
  }
  const long = (form: string) => form.length >= MIN_KNOWN_SECRET_LENGTH;
  return { literal: [...literal].filter(long), base64: [...encoded].filter(long) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A run of URL-ish characters holding at least one `%XX` escape: percent-encoded text to decode. */
const PERCENT_RUN =
  /(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!*'()+-])*%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9._~!*'()+-])*/g;

function percentDecode(run: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    if (run[i] === '%') {
      bytes.push(Number.parseInt(run.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(run.charCodeAt(i));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

export interface SecretMatcher {
  /** Replaces every recognised form of every secret with `[REDACTED]`. */
  redact(text: string): string;
  /** Whether any recognised form of any secret occurs in `text`. */
  test(text: string): boolean;
}

const NOTHING_KNOWN: SecretMatcher = { redact: (text) => text, test: () => false };

/**
 * Compiles the secrets into one matcher (compile once per change of the list, not per line).
 * Secrets shorter than `MIN_KNOWN_SECRET_LENGTH` or longer than `MAX_KNOWN_SECRET_LENGTH` are ignored.
 */
export function compileSecretMatcher(secrets: Iterable<string>): SecretMatcher {
  const usable = [...new Set(secrets)].filter(
    (s) => s.length >= MIN_KNOWN_SECRET_LENGTH && s.length <= MAX_KNOWN_SECRET_LENGTH,
  );
  if (usable.length === 0) return NOTHING_KNOWN;
  const forms = usable.map(secretForms);
  const alternation = (list: string[]) =>
    [...new Set(list)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  // A base64 core takes along the one character on each side that mixes in a bit of the secret, and
  // the padding, so a standalone encoding disappears whole.
  const source = `(?:${alternation(forms.flatMap((f) => f.literal))})|[A-Za-z0-9+/_-]?(?:${alternation(
    forms.flatMap((f) => f.base64),
  )})[A-Za-z0-9+/_-]?={0,2}`;
  const literal = new RegExp(source, 'gi');
  const literalOnce = new RegExp(source, 'i');
  const lowered = usable.map((s) => s.toLowerCase());
  const decodedHoldsSecret = (run: string) => {
    const decoded = percentDecode(run).toLowerCase();
    return lowered.some((s) => decoded.includes(s));
  };
  return {
    redact(text) {
      const out = text.replace(literal, REDACTED);
      if (!out.includes('%')) return out;
      return out.replace(PERCENT_RUN, (run) => (decodedHoldsSecret(run) ? REDACTED : run));
    },
    test(text) {
      if (literalOnce.test(text)) return true;
      if (!text.includes('%')) return false;
      for (const run of text.match(PERCENT_RUN) ?? []) if (decodedHoldsSecret(run)) return true;
      return false;
    },
  };
}

/** `redactKnown(text, secrets)`: the known secrets removed in every form, then `redact`'s shapes. */
export function redactKnown(text: string, secrets: Iterable<string>): string {
  return redact(compileSecretMatcher(secrets).redact(text));
}
