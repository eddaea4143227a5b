/**
 * Word boundaries shared by the search index, the query parser and the snippet highlighter, so that a
 * highlighted range is always exactly a word the index matched.
 *
 * A word is a run of letters, digits and combining marks; everything else (spaces, punctuation,
 * symbols, emoji) separates words, so `snake_case` and `x=5` are two words each. Chinese and Japanese
 * are written without spaces, so each ideograph or kana is its own word: a query in those scripts then
 * matches messages containing all its characters. Offsets are UTF-16 indices, like JavaScript strings.
 */
const WORD = /[\p{L}\p{N}\p{M}]/u;
const SINGLE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const SEPARATOR = 1;
const WORD_CHAR = 2;
const SINGLE_CHAR = 3;

/** Classes of the 65,536 BMP code units, filled lazily (0 = not yet known). */
const bmpClass = new Uint8Array(65_536);

function classify(char: string): number {
  if (SINGLE.test(char)) return SINGLE_CHAR;
  return WORD.test(char) ? WORD_CHAR : SEPARATOR;
}

for (let c = 0; c < 128; c++) bmpClass[c] = classify(String.fromCharCode(c));

/**
 * Walks the words of a text: `reset(text)`, then while `next()` is true the word is
 * `text.slice(start, end)`. A small class rather than a callback per word because indexing runs it
 * over millions of words and a plain loop is several times faster.
 */
export class TokenScanner {
  start = 0;
  end = 0;
  /** Set by forEachToken while it uses the shared instance. */
  busy = false;
  private text = '';
  private pos = 0;

  reset(text: string): this {
    this.text = text;
    this.pos = 0;
    return this;
  }

  next(): boolean {
    const text = this.text;
    const length = text.length;
    let start = -1;
    let i = this.pos;
    while (i < length) {
      const code = text.charCodeAt(i);
      let kind: number;
      let width = 1;
      if (code < 128) {
        kind = bmpClass[code] as number;
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        // Astral characters (most emoji, rare ideographs) take two code units; never split them.
        width = 2;
        kind = classify(text.slice(i, i + 2));
      } else {
        kind = bmpClass[code] ?? 0;
        if (kind === 0) {
          kind = classify(text[i] ?? ' ');
          bmpClass[code] = kind;
        }
      }
      if (kind === WORD_CHAR) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        // End of a word; a single-character word right after it is found by the next call.
        return this.found(start, i);
      } else if (kind === SINGLE_CHAR) {
        return this.found(i, i + width);
      }
      i += width;
    }
    this.pos = length;
    return start >= 0 ? this.found(start, length) : false;
  }

  private found(start: number, end: number): true {
    this.start = start;
    this.end = end;
    this.pos = end;
    return true;
  }
}

const sharedScanner = new TokenScanner();

export function forEachToken(text: string, onToken: (start: number, end: number) => void): void {
  // A fresh scanner if the shared one is busy (onToken itself tokenizing), otherwise reuse it.
  const scanner = sharedScanner.busy ? new TokenScanner() : sharedScanner;
  scanner.busy = true;
  try {
    scanner.reset(text);
    while (scanner.next()) onToken(scanner.start, scanner.end);
  } finally {
    scanner.busy = false;
  }
}

/** Case- and accent-insensitive form of a word: `Café` and `cafe` are the same term. */
export function normalizeToken(word: string): string {
  const lower = word.toLowerCase();
  // Fast path: plain ASCII needs no Unicode normalisation (most words in most histories).
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) return lower.normalize('NFD').replace(/\p{M}+/gu, '');
  }
  return lower;
}

/** Words longer than this (hashes, base64) are not indexed: they bloat the vocabulary and nobody types them. */
export const MAX_TERM_LENGTH = 64;

export function termsOf(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (start, end) => {
    if (end - start > MAX_TERM_LENGTH) return;
    const term = normalizeToken(text.slice(start, end));
    if (term !== '') out.push(term);
  });
  return out;
}
