import type { SearchHit } from '../../../../common/conversation-types';
import { type QueryTerm, termMatches } from './query';
import { forEachToken, MAX_TERM_LENGTH, normalizeToken } from './tokenize';

/**
 * The excerpt shown under a search hit: about 160 characters around the first matching word, on one
 * line, with the ranges of every matching word inside it. Ranges are UTF-16 offsets into `text`, so the
 * renderer can wrap them in <mark> elements itself and never has to trust HTML from main.
 */
export type Snippet = SearchHit['snippet'];

export const SNIPPET_WIDTH = 160;
/** How much context to keep before the first match. */
const LEAD = 50;
/** How far a window edge may move to land between words instead of inside one. */
const SNAP = 20;
const ELLIPSIS = '…';

export function buildSnippet(text: string, terms: readonly QueryTerm[], width = SNIPPET_WIDTH): Snippet {
  const matches: Array<[number, number]> = [];
  forEachToken(text, (start, end) => {
    if (end - start > MAX_TERM_LENGTH) return;
    const word = normalizeToken(text.slice(start, end));
    if (terms.some((q) => termMatches(word, q))) matches.push([start, end]);
  });
  const first = matches[0];
  let start = first ? Math.max(0, first[0] - LEAD) : 0;
  let end = Math.min(text.length, start + width);
  if (end - start < width) start = Math.max(0, end - width);
  start = snapStart(text, start, first ? first[0] : start + SNAP);
  end = snapEnd(text, end, first ? first[1] : end - SNAP);

  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const { out, map } = collapseWhitespace(text, start, end);
  const highlights: Array<[number, number]> = [];
  for (const [s, e] of matches) {
    if (s < start || e > end) continue;
    const from = map[s - start];
    const to = map[e - 1 - start];
    if (from === undefined || to === undefined) continue;
    highlights.push([from + prefix.length, to + 1 + prefix.length]);
  }
  return { text: `${prefix}${out}${suffix}`, highlights };
}

/** Moves the start forward to the beginning of a word (not past `limit`), never inside a surrogate pair. */
function snapStart(text: string, start: number, limit: number): number {
  if (start === 0) return 0;
  for (let i = start; i < Math.min(limit, start + SNAP); i++) {
    if (/\s/.test(text[i - 1] ?? '')) return i;
  }
  return isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start;
}

/** Moves the end back to the end of a word (not before `limit`), never inside a surrogate pair. */
function snapEnd(text: string, end: number, limit: number): number {
  if (end >= text.length) return text.length;
  for (let i = end; i > Math.max(limit, end - SNAP); i--) {
    if (/\s/.test(text[i] ?? '')) return i;
  }
  return isLowSurrogate(text.charCodeAt(end)) ? end - 1 : end;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * One line of text: runs of whitespace (newlines included) become one space, and leading and trailing
 * whitespace goes. `map[i]` is where `text[start + i]` landed in `out` (for non-whitespace characters).
 */
function collapseWhitespace(text: string, start: number, end: number): { out: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let pendingSpace = false;
  for (let i = start; i < end; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      pendingSpace = out.length > 0;
      map.push(out.length);
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    map.push(out.length);
    out += ch;
  }
  return { out, map };
}
