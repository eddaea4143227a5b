import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, termMatches } from './query';
import { SearchIndex } from './search-index';
import { buildSnippet, SNIPPET_WIDTH } from './snippet';
import { forEachToken, normalizeToken, termsOf } from './tokenize';

const msg = (id: string, content: string, createdAt = '2025-01-01T00:00:00.000Z') => ({
  id,
  content,
  createdAt,
});

describe('tokenize', () => {
  it('splits on spaces, punctuation and symbols; folds case and accents', () => {
    expect(termsOf('Hello, WORLD! snake_case x=5 Café naïve')).toEqual([
      'hello',
      'world',
      'snake',
      'case',
      'x',
      '5',
      'cafe',
      'naive',
    ]);
  });

  it('makes each CJK character a word and never splits astral characters', () => {
    expect(termsOf('東京の天気')).toEqual(['東', '京', 'の', '天', '気']);
    const ranges: Array<[number, number]> = [];
    const text = '𝔸𝔹 😀x';
    forEachToken(text, (s, e) => ranges.push([s, e]));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['𝔸𝔹', 'x']);
  });
});

describe('parseQuery', () => {
  it('matches prefixes for words of 3+ letters and for the last word while typing', () => {
    expect(parseQuery('to regen th')).toEqual([
      { term: 'to', prefix: false },
      { term: 'regen', prefix: true },
      { term: 'th', prefix: true },
    ]);
    expect(parseQuery('to th ')).toEqual([
      { term: 'to', prefix: false },
      { term: 'th', prefix: false },
    ]);
  });
});

describe('SearchIndex', () => {
  const build = () => {
    const index = new SearchIndex();
    index.setConversation('c1', 'Sourdough troubles');
    index.addMessages('c1', [
      msg('m1', 'My starter smells like acetone', '2025-01-01T00:00:00.000Z'),
      msg('m2', 'Feed it more often and keep it warm', '2025-01-02T00:00:00.000Z'),
    ]);
    index.setConversation('c2', 'Rust lifetimes');
    index.addMessages('c2', [
      msg('m1', 'Why does the borrow checker complain about my starter code?', '2025-01-03T00:00:00.000Z'),
    ]);
    return index;
  };

  it('requires every word (AND), newest first, prefix on long words', () => {
    const index = build();
    expect(index.search('starter', 10).hits.map((h) => `${h.conversationId}/${h.messageId}`)).toEqual([
      'c2/m1',
      'c1/m1',
    ]);
    expect(index.search('starter acetone', 10).hits.map((h) => h.conversationId)).toEqual(['c1']);
    expect(index.search('star', 10).total).toBe(2);
    expect(index.search('nothing-like-this', 10).total).toBe(0);
    expect(index.search('   ', 10).total).toBe(0);
  });

  it('matches words of the title, ranking content matches first and listing a title-only match once', () => {
    const index = build();
    const result = index.search('sourdough', 10);
    expect(result.total).toBe(1);
    expect(result.hits[0]).toMatchObject({ conversationId: 'c1', score: 0.5 });
    const mixed = index.search('sourdough warm', 10);
    expect(mixed.hits).toEqual([expect.objectContaining({ messageId: 'm2', score: 0.75 })]);
  });

  it('updates incrementally: remove messages, conversations, retitle', () => {
    const index = build();
    index.removeMessages('c1', ['m1']);
    expect(index.search('acetone', 10).total).toBe(0);
    index.setConversation('c2', 'Borrowing in Rust');
    expect(index.search('lifetimes', 10).total).toBe(0);
    expect(index.search('borrowing', 10).total).toBe(1);
    index.removeConversation('c2');
    expect(index.search('borrow', 10).total).toBe(0);
    expect(index.hasConversation('c2')).toBe(false);
    index.setConversation('c2', 'Back');
    index.addMessages('c2', [msg('m9', 'borrow again')]);
    expect(index.search('borrow', 10).hits.map((h) => h.messageId)).toEqual(['m9']);
    expect(index.stats()).toMatchObject({ conversations: 2, messages: 2 });
  });

  it('respects the limit but counts every match', () => {
    const index = new SearchIndex();
    index.setConversation('c', 't');
    index.addMessages(
      'c',
      Array.from({ length: 50 }, (_, i) =>
        msg(`m${i}`, `common word ${i}`, new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString()),
      ),
    );
    const result = index.search('common', 5);
    expect(result.total).toBe(50);
    expect(result.hits.map((h) => h.messageId)).toEqual(['m49', 'm48', 'm47', 'm46', 'm45']);
  });

  it('compacts posting lists after many removals without changing results', () => {
    const index = new SearchIndex();
    for (let c = 0; c < 50; c++) {
      index.setConversation(`c${c}`, `title ${c}`);
      index.addMessages(
        `c${c}`,
        Array.from({ length: 1000 }, (_, i) => msg(`m${i}`, `alpha beta${i % 7} gamma${c}`)),
      );
    }
    for (let c = 0; c < 40; c++) index.removeConversation(`c${c}`);
    expect(index.stats().postings).toBeLessThan(50 * 1000 * 3);
    expect(index.search('alpha', 1).total).toBe(10_000);
    expect(index.search('gamma45', 1).total).toBe(1000);
    expect(index.search('gamma5', 1).total).toBe(0);
    expect(index.search('gamma4', 1).total).toBe(10_000);
  });
});

describe('buildSnippet', () => {
  it('centres on the first match, marks every match, and stays on one line', () => {
    const text = `${'lorem ipsum '.repeat(20)}the checkpoint was written.\nAnother checkpoint follows ${'dolor '.repeat(30)}`;
    const snippet = buildSnippet(text, parseQuery('checkpoint'));
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text).not.toContain('\n');
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_WIDTH + 2);
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual([
      'checkpoint',
      'checkpoint',
    ]);
  });

  it('starts at the beginning when nothing in the text matches (a title match)', () => {
    expect(buildSnippet('short text', parseQuery('other'))).toEqual({ text: 'short text', highlights: [] });
  });

  it('highlights prefix matches as whole words, in unicode text', () => {
    const snippet = buildSnippet(
      'Ünïcödé: the Café served 東京 coffee 😀 regenerated',
      parseQuery('cafe regen 京'),
    );
    expect(snippet.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual([
      'Café',
      '京',
      'regenerated',
    ]);
  });

  it('every highlight is exactly a word matching a query term (property)', () => {
    const word = fc.constantFrom('alpha', 'Beta', 'gamma', 'café', '東', 'δέλτα', 'x', '42', 'regenerate');
    const sep = fc.constantFrom(' ', '\n', ', ', '  ', '. ', '😀', '\t');
    const textArb = fc
      .array(fc.tuple(word, sep), { maxLength: 80 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(textArb, fc.array(word, { minLength: 1, maxLength: 3 }), (text, queryWords) => {
        const terms = parseQuery(queryWords.join(' '));
        const snippet = buildSnippet(text, terms);
        let previousEnd = 0;
        for (const [s, e] of snippet.highlights) {
          expect(s).toBeGreaterThanOrEqual(previousEnd);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(snippet.text.length);
          const marked = snippet.text.slice(s, e);
          expect(terms.some((q) => termMatches(normalizeToken(marked), q))).toBe(true);
          previousEnd = e;
        }
        const anyMatch = termsOf(text).some((t) => terms.some((q) => termMatches(t, q)));
        if (anyMatch) expect(snippet.highlights.length).toBeGreaterThan(0);
      }),
    );
  });
});
