import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markdownDocument, simpleMarkdownDocument } from '../testing/markdown-documents';
import { BlockSplitter } from './block-splitter';
import { MarkdownBlock } from './markdown-block';

function html(text: string): string {
  // Newlines between block elements are formatting, not content: a block
  // rendered alone has none at its edges.
  return renderToStaticMarkup(<MarkdownBlock text={text} variant="highlighted" />).replace(/>\n+</g, '><');
}

function splitHtml(source: string): string {
  const splitter = new BlockSplitter();
  const snapshot = splitter.update(source);
  expect(snapshot.wholeDocument).toBe(false);
  const parts = [...splitter.settled.map((block) => block.text), source.slice(snapshot.tailStart)];
  return parts.map(html).join('');
}

describe('block-wise rendering equals whole-document rendering', () => {
  it.each([
    ['loose list', '- a\n\n- b\n\nafter\n'],
    ['fence in list closed by column-0 text', '- a\n\n  ```\n  code\n\nb\n```\nreal code\n\nmore\n'],
    ['html comment with blank lines', 'x\n\n<!--\n\n```\n\n-->\n\ny\n'],
    ['table then paragraph', '| a |\n|---|\n| 1 |\n\npara\n'],
    ['setext after paragraph', 'para\n\nTitle\n---\n\nnext\n'],
  ])('%s', (_name, source) => {
    expect(splitHtml(source)).toBe(html(source));
  });

  it('property: random documents', () => {
    fc.assert(
      fc.property(markdownDocument, (source) => {
        expect(splitHtml(source)).toBe(html(source));
      }),
      { numRuns: 250 },
    );
  });

  it('property: documents split without parser confirmation', () => {
    fc.assert(
      fc.property(simpleMarkdownDocument, (source) => {
        expect(splitHtml(source)).toBe(html(source));
      }),
      { numRuns: 250 },
    );
  });
});
