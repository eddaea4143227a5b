import type { ListProps } from 'react-virtuoso';

/**
 * Virtuoso's item container, minus one thing: Virtuoso keeps a list that opens at its end hidden
 * until its scroll position has settled, which takes a dozen frames and would leave the pane blank
 * for a quarter of a second. With an estimated item height there is no probe render at the top, so
 * the first items it shows are already the last messages; they are shown straight away.
 */
export function MessageListBody({ style, children, ref, 'data-testid': testId }: ListProps) {
  return (
    <div ref={ref} data-testid={testId} style={style ? { ...style, visibility: undefined } : style}>
      {children}
    </div>
  );
}
