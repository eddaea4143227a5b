import { scrub } from './scrub';

/**
 * Reads the provider's own reason out of `error.metadata.raw`. Real bodies carry it as a JSON string
 * (compact or pretty-printed), as an object, or wrapped once more (`{__kind:"OK", data:"<json>"}`), or
 * as plain text (see fixtures/real/SOURCES.md). The text is upstream-controlled, so it is bounded,
 * scrubbed before it is cut (a cut key would no longer match the redaction patterns) and stripped of
 * control and format characters before anyone sees it.
 */

/** Longer strings are not parsed as JSON: a reason worth showing is never this big. */
const MAX_PARSE_CHARS = 20_000;
/** What is kept before scrubbing; far more than is shown, so no key straddles the cut that matters. */
const MAX_SCAN_CHARS = 2_000;
export const MAX_REASON_CHARS = 300;
const MAX_DEPTH = 5;
/** Fields that hold the human sentence in the error shapes providers use, in the order tried. */
const MESSAGE_FIELDS = ['error', 'message', 'detail', 'details', 'msg', 'data'] as const;

function extract(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.length <= MAX_PARSE_CHARS && /^[[{]/.test(trimmed)) {
      try {
        const inner = extract(JSON.parse(trimmed), depth + 1);
        if (inner !== undefined) return inner;
      } catch {
        // Not JSON after all: the text itself is the reason.
      }
    }
    return trimmed === '' ? undefined : value;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = extract(item, depth + 1);
      if (inner !== undefined) return inner;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of MESSAGE_FIELDS) {
    const inner = extract(record[field], depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** One line of printable text, at most `max` characters (code points), scrubbed of keys. */
export function cleanUpstreamText(text: string, max: number, secrets: readonly string[] = []): string {
  const scrubbed = scrub(text.slice(0, MAX_SCAN_CHARS), secrets);
  const printable = scrubbed
    .replace(/\s+/g, ' ')
    // Control characters (terminal escapes, NUL) and format characters (bidi overrides, zero-width).
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  const chars = Array.from(printable);
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : printable;
}

/** The provider's reason from `metadata.raw`, ready to show, or undefined when there is none. */
export function providerReason(raw: unknown, secrets: readonly string[] = []): string | undefined {
  const text = extract(raw, 0);
  if (text === undefined) return undefined;
  const clean = cleanUpstreamText(text, MAX_REASON_CHARS, secrets);
  return clean === '' ? undefined : clean;
}
