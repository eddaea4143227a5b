import { memo, useLayoutEffect, useRef } from 'react';
import { MessageRow } from './message-row';

interface MeasuredRowProps {
  /** The row's place in the conversation, stable across prepends (`data-index`). */
  index: number;
  conversationId: string;
  messageId: string;
  isLast: boolean;
  /** The window's row observer: measures the row as it mounts and whenever its height changes. */
  observe: (el: HTMLElement) => () => void;
}

/** One rendered row of the message window, measured by the window's ResizeObserver. */
export const MeasuredRow = memo(function MeasuredRow({
  index,
  conversationId,
  messageId,
  isLast,
  observe,
}: MeasuredRowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    return el ? observe(el) : undefined;
  }, [observe]);
  return (
    <div ref={ref} data-index={index} data-message-id={messageId}>
      <MessageRow conversationId={conversationId} messageId={messageId} isLast={isLast} />
    </div>
  );
});
