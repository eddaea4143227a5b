import { cleanup, render } from '@testing-library/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockSplitter } from './block-splitter';
import { MarkdownBlock } from './markdown-block';
import { MarkdownView } from './markdown-view';
import { TRICKY_DOCUMENTS } from './testing/tricky-documents';

afterEach(cleanup);

const noop = (): void => {};

/**
 * The text a reader sees outside code, math and tables (those show their characters on purpose,
 * and a table's pipes are its borders) and outside image placeholders ("[image: …]").
 */
function visibleProse(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const element of copy.querySelectorAll('pre, code, .katex, .md-math-pending, table, .md-image'))
    element.remove();
  return copy.textContent ?? '';
}

/** Syntax that must never be on screen as text; the documents' prose contains none of it. */
const RAW_SYNTAX: readonly [string, RegExp][] = [
  ['** or ***', /\*\*/],
  ['__', /__/],
  ['a single * or _ marker', /(?:^|\s)[*_]|[*_](?:\s|$)/],
  ['a backtick', /`/],
  ['a link bracket or ](', /[[\]]|\]\(/],
  ['a table pipe or |--- delimiter row', /\||-{2,}/],
  ['$$', /\$\$/],
  ['~~', /~~/],
];

const elementCounts = new Map<string, number>();

/** How many top-level elements a settled block renders as (the same as alone, see render-equivalence). */
function elementCount(text: string): number {
  let count = elementCounts.get(text);
  if (count === undefined) {
    const holder = document.createElement('div');
    holder.innerHTML = renderToStaticMarkup(<MarkdownBlock text={text} variant="plain" />);
    count = holder.children.length;
    elementCounts.set(text, count);
  }
  return count;
}

describe('every prefix of a tricky reply, streamed one character at a time', () => {
  it.each(Object.entries(TRICKY_DOCUMENTS))(
    '%s: no raw syntax on screen, settled blocks never rebuilt',
    (_name, document) => {
      const view = render(<MarkdownView source="" streaming onLinkClick={noop} />);
      const splitter = new BlockSplitter();
      let settledElements: Element[] = [];
      for (let end = 1; end <= document.length; end++) {
        const prefix = document.slice(0, end);
        view.rerender(<MarkdownView source={prefix} streaming onLinkClick={noop} />);
        const prose = visibleProse(view.container);
        for (const [what, pattern] of RAW_SYNTAX) {
          expect(
            pattern.test(prose),
            `${what} shown after ${JSON.stringify(prefix)}: ${JSON.stringify(prose)}`,
          ).toBe(false);
        }
        // Blocks settled at the previous prefix keep their DOM elements (same nodes, same places):
        // the reply is never re-rendered or re-laid out as a whole.
        const elements = [...view.container.querySelectorAll('.md-group > *')];
        settledElements.forEach((element, index) => {
          expect(elements[index], `settled element ${index} replaced after ${JSON.stringify(prefix)}`).toBe(
            element,
          );
        });
        const settledCount = splitter
          .update(prefix)
          .groups.flat()
          .reduce((sum, block) => sum + elementCount(block.text), 0);
        settledElements = elements.slice(0, settledCount);
      }
      // Finished: exactly what the renderer shows for a stored reply.
      view.rerender(<MarkdownView source={document} streaming={false} onLinkClick={noop} />);
      expect(RAW_SYNTAX.some(([, pattern]) => pattern.test(visibleProse(view.container)))).toBe(false);
    },
  );
});
