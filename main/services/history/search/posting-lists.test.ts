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
          expect(table.termAt(id)).toBe(term);
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

  it('answers the same once its terms are packed into one string, and from that string alone (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Zé東ß]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 20 }), (first, later) => {
        const table = new TermTable();
        const intern = (w: string) => table.intern(w, 0, w.length, () => undefined);
        const ids = first.map(intern);
        const terms = ids.map((id) => table.termAt(id));
        const prefixes = terms.map((t) => table.atPrefix(t.slice(0, 2)));
        table.pack();
        // Packed: the same ids, terms and prefixes; words added after a pack join the packed ones.
        expect(first.map(intern)).toEqual(ids);
        expect(ids.map((id) => table.termAt(id))).toEqual(terms);
        expect(terms.map((t) => table.find(t))).toEqual(ids);
        expect(terms.map((t) => table.atPrefix(t.slice(0, 2)))).toEqual(prefixes);
        const allIds = [...ids, ...later.map(intern)];
        const restored = TermTable.fromJoined(table.joined(), table.size);
        expect(restored?.restoreOrder(table.sortedIds().slice())).toBe(true);
        for (const id of allIds) {
          const term = table.termAt(id);
          expect(restored?.find(term)).toBe(id);
          expect(restored?.termAt(id)).toBe(term);
          expect(restored?.atPrefix(term.slice(0, 1))).toEqual(table.atPrefix(term.slice(0, 1)));
        }
      }),
    );
  });

  it('refuses a joined vocabulary with an empty or repeated term, or the wrong count', () => {
    expect(TermTable.fromJoined('alpha\nbeta', 2)?.find('beta')).toBe(1);
    expect(TermTable.fromJoined('alpha\nalpha', 2)).toBeNull();
    expect(TermTable.fromJoined('alpha\n\nbeta', 3)).toBeNull();
    expect(TermTable.fromJoined('alpha\nbeta', 3)).toBeNull();
    expect(TermTable.fromJoined('alpha\nbeta', 1)).toBeNull();
    expect(TermTable.fromJoined('', 0)?.size).toBe(0);
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
