import { useEffect, useRef } from 'react';
import type { Message } from '../../../common/conversation-types';
import type { ReadableKeyedStore } from '../state/keyed-store';

/** Within this distance of the end, the list counts as "at the bottom". */
const BOTTOM_SLACK_PX = 48;

/**
 * Keeps a streaming reply in view. Virtuoso's followOutput reacts to new items but not to the last
 * item growing, so while the person stays at the bottom, each change to the last message scrolls to
 * the end once it is laid out. Scrolling up (the person, never the content growing) stops following;
 * coming back to the bottom resumes it.
 */
export function useFollowGrowingReply(
  scroller: HTMLElement | null,
  messages: ReadableKeyedStore<Message>,
  lastId: string | undefined,
): void {
  const following = useRef(true);

  useEffect(() => {
    if (!scroller) return;
    let previousTop = scroller.scrollTop;
    const onScroll = () => {
      const distance = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      if (distance <= BOTTOM_SLACK_PX) following.current = true;
      else if (scroller.scrollTop < previousTop) following.current = false;
      previousTop = scroller.scrollTop;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => scroller.removeEventListener('scroll', onScroll);
  }, [scroller]);

  useEffect(() => {
    if (!scroller || lastId === undefined) return;
    let frame = 0;
    const unsubscribe = messages.subscribe(lastId, () => {
      if (!following.current) return;
      cancelAnimationFrame(frame);
      // Next frame: React has committed the new text by then, so the height is the real one.
      frame = requestAnimationFrame(() => {
        scroller.scrollTop = scroller.scrollHeight;
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [scroller, messages, lastId]);
}
