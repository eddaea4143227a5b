import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostingLists } from './posting-lists';
import { TermTable } from './term-table';
import { termsOf } from './tokenize';

describe('PostingLists', () => {
  it('holds the same lists as plain arrays, across many blocks and pages (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(5)), { maxLength: 3000 }), (ops) => {
        const lists = new PostingLists();
        const reference = new Map<number, number[]>();
        let doc = 0;
        for (const [id, step] of ops) {
          doc += step; // non-decreasing, like message numbers during indexing
          lists.ensure(id);
          lists.add(id, doc);
          const ref = reference.get(id) ?? [];
          if (ref.at(-1) !== doc) ref.push(doc);
          reference.set(id, ref);
        }
        for (const [id, ref] of reference) {
          const got: number[] = [];
          lists.forEach(id, (d) => got.push(d));
          expect(got).toEqual(ref);
          expect(lists.count(id)).toBe(ref.length);
        }
      }),
    );
  });

  it('keeps the same lists across freezes, with additions before and after (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.nat(300), fc.boolean()), { maxLength: 2000 }), (ops) => {
        const lists = new PostingLists();
        const reference = new Map<number, number[]>();
        let doc = 0;
        for (const [id, step, freeze] of ops) {
          doc += step;
          lists.ensure(id);
          lists.add(id, doc);
          const ref = reference.get(id) ?? [];
          if (ref.at(-1) !== doc) ref.push(doc);
          reference.set(id, ref);
          if (freeze) {
            const frozen = lists.freeze();
            // Nothing added since: the same buffer, not a copy.
            expect(lists.freeze()).toBe(frozen);
          }
        }
        for (const [id, ref] of reference) {
          const got: number[] = [];
          lists.forEach(id, (d) => got.push(d));
          expect(got).toEqual(ref);
          expect(lists.count(id)).toBe(ref.length);
        }
      }),
    );
  });

  it('spans pages for long lists and filters without losing order', () => {
    const lists = new PostingLists();
    lists.ensure(1);
    for (let d = 0; d < 2_500_000; d++) lists.add(d % 2, d);
    expect(lists.count(0)).toBe(1_250_000);
    // One byte per entry (gaps of 2), so more than one 1 MB page per list.
    expect(lists.size().bytes).toBeGreaterThan(2 * 1024 * 1024);
    const even = lists.filtered((d) => d % 4 === 0);
    const got: number[] = [];
    even.forEach(0, (d) => got.length < 3 && got.push(d));
    expect(got).toEqual([0, 4, 8]);
    expect(even.count(0)).toBe(625_000);
    expect(even.count(1)).toBe(0);
  });
});

describe('TermTable', () => {
  it('gives each normalised word one id, whichever path it takes (property)', () => {
    const word = fc.constantFrom(
      'Alpha',
      'alpha',
      'ALPHA',
      'café',
      'Cafe',
      'CAFÉ',
      'x',
      'Ünï',
      'unI',
      '東',
      '42',
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 50 }), (words) => {
        const table = new TermTable();
        const ids = new Map<string, number>();
        const text = words.join(' ');
        let offset = 0;
        for (const w of words) {
          const id = table.intern(text, offset, offset + w.length, () => undefined);
          const [term] = termsOf(w);
          expect(table.terms[id]).toBe(term);
          if (term !== undefined) {
            if (ids.has(term)) expect(id).toBe(ids.get(term));
            ids.set(term, id);
            expect(table.find(term)).toBe(id);
          }
          offset += w.length + 1;
        }
        expect(table.size).toBe(ids.size);
      }),
    );
  });

  it('keeps working as it grows past its initial size', () => {
    const table = new TermTable();
    const added: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const w = `w${i}`;
      table.intern(w, 0, w.length, (term) => added.push(term));
    }
    expect(table.size).toBe(100_000);
    expect(added).toHaveLength(100_000);
    expect(table.find('w99999')).toBe(99_999);
    expect(table.find('missing')).toBe(-1);
  });
});
