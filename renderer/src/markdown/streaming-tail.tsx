import type { JSX, ReactNode } from 'react';
import { CodeBlock } from './code-block';
import { TableScroll } from './components';
import type { HastElement } from './hast-text';
import { MarkdownBlock } from './markdown-block';
import type { ListShape, TailShape } from './tail-shape';

/**
 * The streaming tail when it is a code fence, a list or a table (see tailShape): rendered to the same DOM as
 * MarkdownBlock's `plain` variant would, at a cost per frame of the last line or item instead of
 * the whole block. Once the block settles (or the stream ends) MarkdownBlock renders it whole.
 */
export function StreamingTail({ shape }: { shape: TailShape }): JSX.Element {
  switch (shape.kind) {
    case 'fence':
      return <StreamingFence language={shape.language} code={shape.code} />;
    case 'list':
      return <StreamingList shape={shape} />;
    case 'table':
      return <StreamingTable shape={shape} />;
  }
}

/**
 * A table whose finished rows are parsed in fixed chunks (a full chunk never changes, so it is
 * parsed once) and whose last row is parsed again each frame; the table element is rendered here.
 */
function StreamingTable({ shape }: { shape: Extract<TailShape, { kind: 'table' }> }): JSX.Element {
  return (
    <TableScroll>
      <MarkdownBlock text={shape.head} variant="table-head" />
      <tbody>
        {shape.rowChunks.map((chunk, index) => (
          // Chunks only ever append, so the index is the chunk's identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <MarkdownBlock key={index} text={chunk} variant="table-rows" />
        ))}
        <MarkdownBlock key="last" text={`${shape.head}${shape.lastRow}\n`} variant="table-rows" />
      </tbody>
    </TableScroll>
  );
}

/**
 * What react-markdown renders for a fence: `components.pre` (CodeBlock) given the hast `pre > code`
 * node, with `code.language-x` holding the text plus the newline mdast-util-to-hast appends.
 */
function StreamingFence({ language, code }: { language: string | undefined; code: string }): JSX.Element {
  const className = language === undefined ? undefined : `language-${language}`;
  const text = code === '' ? undefined : `${code}\n`;
  const node: HastElement = {
    type: 'element',
    tagName: 'pre',
    properties: {},
    children: [
      {
        type: 'element',
        tagName: 'code',
        properties: className === undefined ? {} : { className: [className] },
        children: text === undefined ? [] : [{ type: 'text', value: text }],
      },
    ],
  };
  return (
    <CodeBlock node={node}>
      <code className={className}>{text === undefined ? undefined : codeChunks(text)}</code>
    </CodeBlock>
  );
}

/** Lines per block of a long streaming listing; shorter listings render exactly as parsed. */
export const CODE_CHUNK_LINES = 64;

/**
 * A long listing's finished lines in blocks of CODE_CHUNK_LINES, each its own text node in a
 * block-level span: the text of a full block never changes, so React leaves its node alone and the
 * browser re-lays out only the last block, not the whole listing, each frame.
 */
function codeChunks(text: string): ReactNode {
  const chunks: JSX.Element[] = [];
  let start = 0;
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    lines += 1;
    if (lines === CODE_CHUNK_LINES && at + 1 < text.length) {
      chunks.push(
        <span key={start} className="md-code-chunk">
          {text.slice(start, at + 1)}
        </span>,
      );
      start = at + 1;
      lines = 0;
    }
  }
  if (chunks.length === 0) return text;
  return (
    <>
      {chunks}
      {text.slice(start)}
    </>
  );
}

/**
 * A list whose finished items are one memoized MarkdownBlock (parsed again only when an item is
 * added) and whose last item is another (or, with nested items, its head and a nested StreamingList):
 * the list element itself is rendered here, once.
 */
function StreamingList({ shape }: { shape: ListShape }): JSX.Element {
  const variant = shape.loose ? 'list-items-loose' : 'list-items-tight';
  const className = shape.taskList ? 'contains-task-list' : undefined;
  const items = (
    <>
      <MarkdownBlock text={shape.settledItems} variant={variant} />
      {shape.nested === undefined ? (
        <MarkdownBlock text={shape.lastItem} variant={variant} />
      ) : (
        // What mdast-util-to-hast makes of an item holding a paragraph and a list: in a tight list the
        // paragraph's content, an end of line, the list, an end of line; in a loose one the paragraph
        // itself, with an end of line before it too. The nested list streams in parts as well.
        <li>
          {shape.loose ? '\n' : null}
          <MarkdownBlock text={shape.nested.head} variant={shape.loose ? 'plain' : 'item-head'} />
          {'\n'}
          <StreamingList shape={shape.nested.list} />
          {'\n'}
        </li>
      )}
    </>
  );
  return shape.ordered ? (
    <ol className={className} start={shape.start === 1 ? undefined : shape.start}>
      {items}
    </ol>
  ) : (
    <ul className={className}>{items}</ul>
  );
}
