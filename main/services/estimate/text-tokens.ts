import type { Slicer } from './slicer';
import type { CountTokens } from './tokenizer';

/** Texts are cut into pieces of this size (in UTF-16 units) so that an edit re-counts only its piece. */
export const CHUNK_MIN_CHARS = 4_096;
export const CHUNK_MAX_CHARS = 8_192;
/**
 * Beyond this many characters a text is not tokenized: the first 200,000 characters are, and the rest
 * is extrapolated at their tokens-per-character ratio. Tokenizing runs at roughly 2 MB/s here
 * (bench/estimate), so a 1,000,000-character paste would otherwise hold main for about half a second.
 */
export const MAX_EXACT_CHARS = 200_000;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Where a piece ends, decided by the content near it (not by fixed offsets), so inserting text in the
 * middle of a long draft leaves the pieces after it the same strings once the cuts line up again:
 * after the first newline past CHUNK_MIN_CHARS, else before the last space (the tokenizer keeps a
 * word's leading space with the word, so no token is split), else at CHUNK_MAX_CHARS (never inside a
 * surrogate pair). A cut can still change a token or two at the seam (e.g. "\n\n"); that is far below
 * the tokenizer's own error against the model's.
 */
export function splitIntoChunks(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (text.length - start > CHUNK_MAX_CHARS) {
    const limit = start + CHUNK_MAX_CHARS;
    let end = text.indexOf('\n', start + CHUNK_MIN_CHARS);
    if (end !== -1 && end < limit) end += 1;
    else {
      end = limit;
      let space = limit;
      while (space > start + CHUNK_MIN_CHARS && !isWhitespace(text.charCodeAt(space))) space -= 1;
      if (space > start + CHUNK_MIN_CHARS) end = space;
      else if ((text.charCodeAt(end) & 0xfc00) === 0xdc00) end -= 1;
    }
    chunks.push(text.slice(start, end));
    start = end;
  }
  chunks.push(text.slice(start));
  return chunks;
}

/**
 * Counts a text piece by piece. `known` holds the counts of pieces seen before (the previous call's),
 * `seen` collects this call's, so the caller keeps exactly the pieces still in use.
 */
export async function countText(
  text: string,
  count: CountTokens,
  memo: { known: ReadonlyMap<string, number>; seen: Map<string, number> },
  slicer: Slicer,
): Promise<number> {
  if (text === '') return 0;
  const exact = text.length > MAX_EXACT_CHARS ? text.slice(0, MAX_EXACT_CHARS) : text;
  let tokens = 0;
  for (const chunk of splitIntoChunks(exact)) {
    let n = memo.known.get(chunk) ?? memo.seen.get(chunk);
    if (n === undefined) {
      n = count(chunk);
      await slicer.pause();
    }
    memo.seen.set(chunk, n);
    tokens += n;
  }
  return exact === text ? tokens : Math.ceil((tokens * text.length) / exact.length);
}
