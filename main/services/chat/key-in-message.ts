/**
 * Finds an OpenRouter key in text that is about to go to the model: a message being sent or edited,
 * the system prompt, or an earlier message re-sent as context. Whatever is sent goes to the model's
 * provider and into history in plaintext, so main refuses it before either happens.
 *
 * Two rules, tuned so that talking *about* keys still works:
 * - a key main knows (the current key, keys entered this session) in any letter case or encoding
 *   (common/redact.ts `compileSecretMatcher`), also when line breaks, spaces or invisible characters
 *   split it (a key copied out of a wrapped terminal or a PDF);
 * - anything shaped like a real key: `sk-or-` (any case), an optional version, then a random-looking
 *   run — 20+ characters without a separator, mixing letters and digits, at least 8 different ones.
 *   `sk-or-v1-` + 64 hex is matched even when split across lines. Left alone: the bare prefix, the
 *   masked preview `sk-or-v1-…3f2a`, placeholders such as `sk-or-v1-xxxxxxxx…` or
 *   `sk-or-v1-your-key-here`, and `sk-or-` glued to the end of a word (`task-or-…`).
 */
import { compileSecretMatcher, type SecretMatcher } from '../../../common/redact';

export type KeyFound = 'known-key' | 'key-shaped';

/** `sk-or-`, an optional version, then the run that would be the secret. */
const SHAPED = /(?<![A-Za-z0-9])sk-or-(?:v\d+-)?([A-Za-z0-9_-]+)/gi;
/** A v1 key exactly; searched in the text with line breaks and invisible characters taken out. */
const V1_KEY = /sk-or-v1-[0-9a-f]{64}/i;
/**
 * What splits a key copied out of a wrapped line: whitespace, and the invisible format characters
 * that copying picks up (soft hyphen, zero-width and direction marks, word joiner, BOM). Spelled out
 * rather than `\p{Cf}`: a Unicode-property regex is several times slower over a long conversation.
 */
const SPLITTERS = /[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]+/g;

const MIN_SEGMENT = 20;
const MIN_DISTINCT = 8;

function looksRandom(body: string): boolean {
  return body.split(/[-_]/).some((segment) => {
    if (segment.length < MIN_SEGMENT) return false;
    if (!/[0-9]/.test(segment) || !/[A-Za-z]/.test(segment)) return false;
    return new Set(segment.toLowerCase()).size >= MIN_DISTINCT;
  });
}

function keyShaped(text: string): boolean {
  for (const match of text.matchAll(SHAPED)) if (looksRandom(match[1] ?? '')) return true;
  return false;
}

let cached: { keys: string; matcher: SecretMatcher } | null = null;

/** Compiling is the expensive part; the known keys rarely change between two messages. */
function matcherFor(knownKeys: readonly string[]): SecretMatcher {
  const keys = [...knownKeys].sort().join('\n');
  if (cached?.keys !== keys) cached = { keys, matcher: compileSecretMatcher(knownKeys) };
  return cached.matcher;
}

/** What of a key `text` holds, or null. `knownKeys`: the current key first, then keys seen this session. */
export function findKeyInText(text: string, knownKeys: readonly string[]): KeyFound | null {
  const matcher = matcherFor(knownKeys.filter((k) => k.length > 0));
  const joined = text.replace(SPLITTERS, '');
  if (matcher.test(text) || (joined.length !== text.length && matcher.test(joined))) return 'known-key';
  if (keyShaped(text) || V1_KEY.test(joined)) return 'key-shaped';
  return null;
}
