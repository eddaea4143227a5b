import type { SplitSnapshot } from './block-splitter';
import { closerFor, closesConstruct } from './line-rules';

export interface TailRender {
  readonly text: string;
  /** An unterminated `$$` block: partial TeX would only flash KaTeX errors, so show it as source. */
  readonly pendingMath: boolean;
}

// While streaming, an incomplete last line that is only the start of a fence or
// math marker would render as a stray paragraph for a frame and then flip.
const PARTIAL_MARKER = /^ {0,3}(?:`{1,2}|~{1,2}|\$)$/;

/**
 * The text to render for the in-progress tail. An open fence or math block is
 * closed virtually so it renders as the block it will become instead of
 * changing shape when the closing line arrives.
 */
export function tailRender(snapshot: SplitSnapshot, streaming: boolean): TailRender {
  const text = snapshot.source.slice(snapshot.tailStart);
  if (!streaming) return { text, pendingMath: false };
  const lastLineStart = text.lastIndexOf('\n') + 1;
  const lastLine = text.slice(lastLineStart);
  const open = snapshot.open;
  if (open === null || closesConstruct(open, lastLine)) {
    return { text: PARTIAL_MARKER.test(lastLine) ? text.slice(0, lastLineStart) : text, pendingMath: false };
  }
  const closer = closerFor(open);
  return {
    text: closer === null ? text : `${text}${lastLine === '' ? '' : '\n'}${closer}\n`,
    pendingMath: open.kind === 'math',
  };
}
