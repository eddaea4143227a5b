import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksOf, markdownDocument, markdownDocumentWithDefinitions } from '../testing/markdown-documents';
import { BlockSplitter, type SplitSnapshot } from './block-splitter';

function texts(splitter: BlockSplitter): string[] {
  return splitter.settled.map((block) => block.text);
}

function oneShot(source: string): { blocks: string[]; snapshot: SplitSnapshot } {
  const splitter = new BlockSplitter();
  const snapshot = splitter.update(source);
  return { blocks: texts(splitter), snapshot };
}

function tailOf(snapshot: SplitSnapshot): string {
  return snapshot.source.slice(snapshot.tailStart);
}

describe('BlockSplitter', () => {
  it('settles blank-line separated paragraphs and keeps the last block as the tail', () => {
    // A boundary is only decided on complete lines, so chunking cannot change it.
    const { blocks, snapshot } = oneShot('First para.\n\nSecond para.\n\nThird\nline');
    expect(blocks).toEqual(['First para.\n\n', 'Second para.\n\n']);
    expect(tailOf(snapshot)).toBe('Third\nline');
  });

  it('never splits inside a fenced code block, even across blank lines', () => {
    const source = 'Intro\n\n```python\ndef f():\n\n\nx = 1\n```\n\nAfter\n\nTail\n';
    const { blocks } = oneShot(source);
    expect(blocks).toEqual(['Intro\n\n', '```python\ndef f():\n\n\nx = 1\n```\n\n', 'After\n\n']);
  });

  it('keeps an unterminated fence in the tail', () => {
    const { blocks, snapshot } = oneShot('Intro\n\n~~~\ncode\n\nmore code\n```\n');
    expect(blocks).toEqual(['Intro\n\n']);
    expect(snapshot.open).toEqual({ kind: 'fence', char: '~', length: 3 });
  });

  it('never splits inside $$ math', () => {
    const { blocks, snapshot } = oneShot('$$\na\n\nb\n$$\n\nNext\n\nTail\n');
    expect(blocks).toEqual(['$$\na\n\nb\n$$\n\n', 'Next\n\n']);
    expect(snapshot.open).toBeNull();
  });

  it('keeps a loose list (blank lines between items) as one block', () => {
    const { blocks } = oneShot('- a\n\n- b\n\n  continued\n\n- c\n\nAfter\n\nTail\n');
    expect(blocks).toEqual(['- a\n\n- b\n\n  continued\n\n- c\n\n', 'After\n\n']);
  });

  it('settles a list when a list of another kind starts after a blank line', () => {
    // CommonMark: a marker of another kind (bullet character, or ordered delimiter) starts a new list,
    // so the first list is finished and leaves the streaming tail.
    const source = '- a\n- b\n\n1. one\n2. two\n\n3) three\n\n* star\n\n* more\n';
    const { blocks, snapshot } = oneShot(source);
    expect(blocks).toEqual(['- a\n- b\n\n', '1. one\n2. two\n\n', '3) three\n\n']);
    expect(tailOf(snapshot)).toBe('* star\n\n* more\n');
  });

  it('settles the block before a new one as soon as its first character arrives', () => {
    // Only an item of the same list continues a block past a blank line: any first character that
    // cannot begin a list marker starts a new block; a digit may still become an ordered list marker.
    expect(oneShot('- a\n- b\n\nT').blocks).toEqual(['- a\n- b\n\n']);
    expect(oneShot('| a |\n|---|\n| 1 |\n\nÉ').blocks).toEqual(['| a |\n|---|\n| 1 |\n\n']);
    expect(oneShot('- a\n- b\n\n#').blocks).toEqual(['- a\n- b\n\n']);
    expect(oneShot('1. a\n\n`').blocks).toEqual(['1. a\n\n']);
    expect(oneShot('- a\n- b\n\n1').blocks).toEqual([]);
    expect(oneShot('- a\n- b\n\n+').blocks).toEqual([]);
  });

  it('keeps a table together and settles it at the next block', () => {
    const { blocks } = oneShot('| a | b |\n|---|---|\n| 1 | 2 |\n\nNext\n');
    expect(blocks).toEqual(['| a | b |\n|---|---|\n| 1 | 2 |\n\n']);
  });

  it('does not trust a fence inside a list item that a column-0 line closes', () => {
    // CommonMark: "b" closes the list (and its fence); the second ``` opens a new top-level fence.
    const { blocks, snapshot } = oneShot('- a\n\n  ```\n  code\n\nb\n```\nreal code\n\nmore\n\nstill code\n');
    const settled = blocks.join('');
    expect(settled.includes('real code')).toBe(false);
    expect(tailOf(snapshot)).toContain('still code');
  });

  it('falls back to whole-document rendering when definitions appear', () => {
    expect(oneShot('See [x].\n\n[x]: https://example.com\n').snapshot.wholeDocument).toBe(true);
    expect(oneShot('Claim[^1].\n\n[^1]: note\n').snapshot.wholeDocument).toBe(true);
    expect(oneShot('```js\n[key]: value\n```\n').snapshot.wholeDocument).toBe(false);
  });

  it('resets when the source is not an extension of the previous one', () => {
    const splitter = new BlockSplitter();
    splitter.update('One\n\nTwo\n\nThree');
    const edited = splitter.update('Uno\n\nDos\n\nTres\n');
    expect(edited.generation).toBe(1);
    expect(texts(splitter)).toEqual(['Uno\n\n', 'Dos\n\n']);
  });

  it('returns the same snapshot for an unchanged source', () => {
    const splitter = new BlockSplitter();
    const first = splitter.update('a\n\nb');
    expect(splitter.update('a\n\nb')).toBe(first);
  });

  it('keeps full groups stable as blocks are added', () => {
    const splitter = new BlockSplitter();
    let source = '';
    let firstGroup: readonly unknown[] | undefined;
    for (let index = 0; index < 80; index++) {
      source += `Paragraph ${index}\n\n`;
      const snapshot = splitter.update(source);
      if (snapshot.blockCount === 40) firstGroup = snapshot.groups[0];
    }
    const snapshot = splitter.update(`${source}end\n`);
    expect(snapshot.blockCount).toBe(80);
    expect(snapshot.groups[0]).toBe(firstGroup);
  });

  it('only scans appended text: the structure parser sees the unsettled region only', () => {
    const seen: string[] = [];
    const splitter = new BlockSplitter((text) => {
      seen.push(text);
      const kind = 'paragraph';
      return {
        blockCount: 1,
        lastBlockStart: Math.max(0, text.lastIndexOf('\n\n') + 2),
        firstBlockKind: kind,
        lastBlockKind: kind,
        hasDefinitions: false,
      };
    });
    let source = '';
    for (let index = 0; index < 50; index++) {
      source += `Paragraph number ${index}\n\n`;
      splitter.update(source);
    }
    expect(Math.max(...seen.map((text) => text.length))).toBeLessThan(60);
  });

  it('property: settled + tail === source, and chunking never changes the split', () => {
    fc.assert(
      fc.property(
        markdownDocumentWithDefinitions,
        fc.array(fc.nat(), { maxLength: 40 }),
        (document, cuts) => {
          const splitter = new BlockSplitter();
          let source = '';
          for (const chunk of chunksOf(document, cuts)) {
            source += chunk;
            const snapshot = splitter.update(source);
            expect(texts(splitter).join('') + tailOf(snapshot)).toBe(source);
            expect(snapshot.tailStart).toBe(texts(splitter).join('').length);
          }
          const expected = oneShot(document);
          expect(texts(splitter)).toEqual(expected.blocks);
          expect(splitter.update(document).wholeDocument).toBe(expected.snapshot.wholeDocument);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: editing (non-prefix change) gives the same split as a fresh splitter', () => {
    fc.assert(
      fc.property(markdownDocument, markdownDocument, (first, second) => {
        const splitter = new BlockSplitter();
        splitter.update(first);
        splitter.update(second);
        expect(texts(splitter)).toEqual(oneShot(second).blocks);
      }),
      { numRuns: 100 },
    );
  });
});
