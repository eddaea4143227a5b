import { type JSX, memo, useEffect, useState } from 'react';
import { MarkdownBlock } from './markdown-block';
import type { BlockVariant } from './pipeline';
import { plainParagraphText } from './plain-paragraph';
import { scheduleIdle } from './schedule-idle';
import { StreamingTail } from './streaming-tail';
import { completeInline, completeTail } from './tail-completion';
import { tailShape } from './tail-shape';

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
 * A top-level block of a message. While the message streams, a block that just
 * settled first renders exactly like the tail did (the same component instance
 * continues, so React only patches the DOM); syntax highlighting, the expensive
 * part, follows in an idle callback instead of in the frame that settled it.
 */
export const Block = memo(function Block({
  text,
  settled,
  live,
  pendingMath = false,
}: BlockProps): JSX.Element {
  const hasCode = HIGHLIGHTABLE.test(text);
  const [highlightReady, setHighlightReady] = useState(false);
  const wantsIdleHighlight = settled && live && hasCode && !highlightReady;
  useEffect(
    () => (wantsIdleHighlight ? scheduleIdle(() => setHighlightReady(true)) : undefined),
    [wantsIdleHighlight],
  );

  const streamingTail = !settled && live && !pendingMath;
  if (streamingTail) {
    // As a fence, list or table the cost of a frame is its last line, item or row (streaming-tail.tsx); its
    // unfinished end is completed so no syntax shows as text mid-stream (tail-completion.ts).
    const shape = tailShape(text);
    if (shape?.kind === 'list')
      return <StreamingTail shape={{ ...shape, lastItem: completeTail(shape.lastItem) }} />;
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
  else if (hasCode && (!live || (settled && highlightReady))) variant = 'highlighted';
  return <MarkdownBlock text={text} variant={variant} />;
});
