import { type JSX, memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { MarkdownBlock } from './markdown-block';
import type { BlockVariant } from './pipeline';
import { plainParagraphText } from './plain-paragraph';
import { scheduleIdle } from './schedule-idle';
import { StreamingTail } from './streaming-tail';
import { completeInline, completeTail } from './tail-completion';
import { type ListShape, tailShape } from './tail-shape';

export interface BlockProps {
  text: string;
  /** The block is finished (settled) and will not change any more. */
  settled: boolean;
  /** The message is still streaming. */
  live: boolean;
  /** The text ends in an open `$$` block (streaming tail only). */
  pendingMath?: boolean;
}

// Only code blocks are highlighted: fenced code, and raw HTML blocks (shown as HTML code, see
// remarkHtmlAsText). A cheap test on the text avoids a second render of every other block.
const HIGHLIGHTABLE = /```|~~~|^ {0,3}</m;

/**
 * A top-level block of a message. While the message streams, a block that just settled first renders
 * exactly like the tail did: the same component instance continues, so React only patches the DOM.
 * A fence, list or table tail shown in its streaming form (streaming-tail.tsx) keeps that form, which
 * gives the same DOM as a parse (streaming-tail.test.tsx), and a block with code keeps its plain form;
 * the whole render (a full parse, a rebuilt DOM, syntax highlighting: the expensive part) follows in an
 * idle callback instead of in the frame that settled it, where a long list cost 6 ms (render bench,
 * `settling a list`).
 */
export const Block = memo(function Block({
  text,
  settled,
  live,
  pendingMath = false,
}: BlockProps): JSX.Element {
  const hasCode = HIGHLIGHTABLE.test(text);
  const [wholeReady, setWholeReady] = useState(false);
  // Whether the last committed render was the streaming form. Read during render only to choose
  // between two renders of the same DOM: a stale value could cost a rebuild, never a wrong result.
  const shownStreamingForm = useRef(false);
  const justSettled = settled && live && !wholeReady;
  // Trailing blank lines belong to the settled block's text but not to the shape the tail had.
  const settledShape =
    justSettled && shownStreamingForm.current ? tailShape(text.replace(/\n+$/, '\n')) : null;
  const wantsIdleWhole = justSettled && (hasCode || settledShape !== null);
  useEffect(() => (wantsIdleWhole ? scheduleIdle(() => setWholeReady(true)) : undefined), [wantsIdleWhole]);
  const element =
    settledShape !== null ? (
      <StreamingTail shape={settledShape} />
    ) : (
      blockContent({ text, settled, live, pendingMath, hasCode, wholeReady })
    );
  const streamingForm = element.type === StreamingTail;
  useLayoutEffect(() => {
    shownStreamingForm.current = streamingForm;
  }, [streamingForm]);
  return element;
});

function blockContent({
  text,
  settled,
  live,
  pendingMath,
  hasCode,
  wholeReady,
}: Required<BlockProps> & { hasCode: boolean; wholeReady: boolean }): JSX.Element {
  const streamingTail = !settled && live && !pendingMath;
  if (streamingTail) {
    // As a fence, list or table the cost of a frame is its last line, item or row (streaming-tail.tsx); its
    // unfinished end is completed so no syntax shows as text mid-stream (tail-completion.ts).
    const shape = tailShape(text);
    if (shape?.kind === 'list') return <StreamingTail shape={completedList(shape)} />;
    if (shape?.kind === 'table')
      return <StreamingTail shape={{ ...shape, lastRow: completeInline(shape.lastRow) }} />;
    if (shape !== null) return <StreamingTail shape={shape} />;
    // A paragraph of plain text so far: the same <p> react-markdown would make, with no parse.
    const plain = plainParagraphText(text);
    if (plain !== null) return <p>{plain}</p>;
    return <MarkdownBlock text={completeTail(text)} variant="plain" />;
  }

  let variant: BlockVariant = 'plain';
  if (pendingMath && live) variant = 'pending-math';
  else if (hasCode && (!live || (settled && wholeReady))) variant = 'highlighted';
  return <MarkdownBlock text={text} variant={variant} />;
}

/** The list with its unfinished end completed: the last item, or the last nested item under its head. */
function completedList(shape: ListShape): ListShape {
  const { nested } = shape;
  if (nested === undefined) return { ...shape, lastItem: completeTail(shape.lastItem) };
  return { ...shape, nested: { head: nested.head, list: completedList(nested.list) } };
}
