import { cleanup } from '@testing-library/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBlockRenderObserver } from '../testing/block-render-log';
import { IntlWrapper } from '../testing/intl';
import { Block } from './block';
import { MarkdownBlock } from './markdown-block';
import { completeTail } from './tail-completion';

vi.mock('react-markdown', async (importOriginal) => {
  const { observeMarkdownParses } = await import('../testing/block-render-log');
  return observeMarkdownParses(await importOriginal<typeof import('react-markdown')>());
});

afterEach(() => {
  setBlockRenderObserver(null);
  cleanup();
});

const PLAIN = [
  'Sure',
  'Sure, here is how the cache works: each entry is kept for a day.',
  'It isn’t “simple” — the store (and/or its index) grows by 10% a week!',
  'Trailing spaces are dropped   ',
  'Prices rose 3.5% in 2024, then fell; why?',
  'Ünïcödé wörds and 漢字 too',
];

// Anything Markdown could read as more than text: the tail is parsed as before.
const NOT_PLAIN = [
  'Some **bold',
  'A `code',
  'A [link',
  'Visit www.example.com',
  'See https://example.com',
  'Mail me@example.com',
  'Costs $5 and $6',
  'A & B',
  'a_b',
  'x < y',
  'Line one\nline two',
  '1. First',
  '- item',
  '# Title',
  '    indented code',
  ' leading space',
  'Tab\there',
  'a \\* b',
  'a | b',
  'a ~b~',
  'Hello!  [x]',
];

const tailHtml = (text: string) =>
  renderToStaticMarkup(
    <IntlWrapper>
      <Block text={text} settled={false} live />
    </IntlWrapper>,
  );

describe('a streaming tail that is a paragraph of plain text', () => {
  it.each(PLAIN)('%j renders as the parsed tail, with no Markdown parse', (text) => {
    const parsed: string[] = [];
    setBlockRenderObserver((source) => parsed.push(source));
    const html = tailHtml(text);
    expect(parsed).toEqual([]);
    setBlockRenderObserver(null);
    expect(html).toBe(renderToStaticMarkup(<MarkdownBlock text={completeTail(text)} variant="plain" />));
  });

  it.each(NOT_PLAIN)('%j is parsed', (text) => {
    const parsed: string[] = [];
    setBlockRenderObserver((source) => parsed.push(source));
    tailHtml(text);
    expect(parsed.length).toBeGreaterThan(0);
  });

  it('every prefix of a paragraph that gains markup renders as the parsed tail', () => {
    const paragraph = 'Plain words first, then **bold** and `code`, a [link](https://x.test/) and 50% more.';
    for (let end = 1; end <= paragraph.length; end += 1) {
      const text = paragraph.slice(0, end);
      expect(tailHtml(text), JSON.stringify(text)).toBe(
        renderToStaticMarkup(<MarkdownBlock text={completeTail(text)} variant="plain" />),
      );
    }
  });
});
