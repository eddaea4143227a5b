import type { JSX } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { benchmarkTokens } from '../../../bench/render/document';
import { BlockSplitter } from './block-splitter';
import { MarkdownBlock } from './markdown-block';
import { StreamingTail } from './streaming-tail';
import { tailShape } from './tail-shape';
import { tailRender } from './tail-text';

// Newlines between elements are formatting, not content (a list rendered in parts has one more).
const html = (element: JSX.Element) => renderToStaticMarkup(element).replace(/>\n+</g, '><');

function expectSameAsParse(text: string): void {
  const shape = tailShape(text);
  if (shape === null) return;
  expect(html(<StreamingTail shape={shape} />), JSON.stringify(text)).toBe(
    html(<MarkdownBlock text={text} variant="plain" />),
  );
}

function fail(): never {
  throw new Error('expected a tail shape');
}

describe('a streaming fence, list or table renders as the parsed tail would', () => {
  it.each([
    ['fence', '```ts\nconst a = 1;\n\nlet b;\n```\n'],
    ['empty fence', '```\n```\n'],
    ['tilde fence with language', '~~~python\nprint(1)\n~~~\n'],
    ['tight list', '- a **b**\n- c `d`\n- e [f](https://x.test/'],
    ['loose list', '1. a\n\n2. b\n\n3. c'],
    ['ordered list from 3', '3) a\n4) b'],
    ['nested list', '- a\n  - b\n  - c\n- d\n  - e'],
    ['task list', '- [ ] a\n- [x] b\n- c'],
    ['item with two paragraphs', '- a\n\n  b\n- c'],
    ['lazy continuation', '- a\nlazy\n- b'],
    ['table', '| a | b |\n| :-- | --: |\n| 1 | **2** |\n| 3 | `4`'],
    [
      'table of many rows',
      `| a | b |\n| --- | --- |\n${Array.from({ length: 40 }, (_, i) => `| ${i} | x${i} |`).join('\n')}\n`,
    ],
    ['table row with fewer cells', '| a | b | c |\n|---|---|---|\n| 1 |\n| 2 | 3'],
  ])('%s', (_name, text) => {
    expect(tailShape(text)).not.toBeNull();
    expectSameAsParse(text);
  });

  it.each([
    ['bullets under a bullet', '- a **b**\n- c\n  - d\n  - e `f`'],
    ['bullets under an ordered item', '1. a\n2. b $x$\n   - c\n   - d [e](https://x.test/)\n'],
    ['ordered items under a bullet', '- a\n  1. b\n  2. c'],
    ['task items under an item', '- a\n  - [ ] b\n  - [x] c'],
    ['only item, nested', '* head\n  * one'],
    ['under the last item of a loose list', '1. z\n\n2. a *b*\n   - c\n   - d'],
  ])('nested items under the last item: %s', (_name, text) => {
    const shape = tailShape(text);
    expect(shape?.kind === 'list' && shape.nested !== undefined).toBe(true);
    expectSameAsParse(text);
  });

  it.each([
    ['a bare nested marker (maybe a setext underline)', '- a\n  -'],
    ['a nested ordered list from 2 (cannot interrupt the paragraph)', '- a\n  2. b'],
    ['a head that is a heading', '- # a\n  - b'],
    ['a head that is a task', '- [ ] a\n  - b'],
    ['a nested item of two lines', '- a\n  - b\n    more'],
    ['a blank line inside the item', '- z\n\n- a\n\n  - b'],
    ['a nested thematic break', '- a\n  - - -'],
  ])('parsed as one item: %s', (_name, text) => {
    const shape = tailShape(text);
    expect(shape?.kind === 'list' ? shape.nested : 'not a list').toBeUndefined();
    expectSameAsParse(text);
  });

  it('a long listing: the same text, its finished lines in blocks of CODE_CHUNK_LINES', () => {
    const code = Array.from({ length: 150 }, (_, line) => `line ${line} <b>&amp;</b>`).join('\n');
    const text = `\`\`\`ts\n${code}\n\`\`\`\n`;
    const streamed = html(<StreamingTail shape={tailShape(text) ?? fail()} />);
    expect(streamed.match(/<span class="md-code-chunk">/g)).toHaveLength(2);
    const holder = document.createElement('div');
    holder.innerHTML = streamed;
    for (const chunk of holder.querySelectorAll('.md-code-chunk')) chunk.replaceWith(...chunk.childNodes);
    holder.normalize();
    const expected = document.createElement('div');
    expected.innerHTML = html(<MarkdownBlock text={text} variant="plain" />);
    expect(holder.innerHTML).toBe(expected.innerHTML);
  });

  it.each([
    ['two blocks', '```\na\n```\n\npara\n'],
    ['list then paragraph', '- a\n\npara'],
    ['list kind changes', '- a\n* b'],
    ['info string with an escape', '```a\\_b\ncode\n```\n'],
    ['math fence', '```math\nx\n```\n'],
    ['table with a wrong delimiter', '| a | b |\n| --- |\n| 1 | 2 |'],
  ])('%s is parsed whole', (_name, text) => {
    expect(tailShape(text)).toBeNull();
  });

  it('every frame of the benchmark reply', () => {
    const tokens = benchmarkTokens(6000);
    const splitter = new BlockSplitter();
    let source = '';
    let shaped = 0;
    let nested = 0;
    for (let frame = 0; frame * 8 < tokens.length; frame++) {
      source += tokens.slice(frame * 8, frame * 8 + 8).join('');
      const text = tailRender(splitter.update(source), true).text;
      const shape = tailShape(text);
      if (shape !== null) shaped += 1;
      if (shape?.kind === 'list' && shape.nested !== undefined) nested += 1;
      expectSameAsParse(text);
    }
    expect(shaped).toBeGreaterThan(100);
    expect(nested).toBeGreaterThan(20);
  });
});
