import type { ChatStreamEvent } from '../../../common/chat-types';
import { type Scheduler, timerScheduler } from '../shared/scheduler';

export const FRAME_MS = 16;

export interface EventCoalescer {
  push(event: ChatStreamEvent): void;
  /** Sends whatever is buffered now. */
  flush(): void;
  /** Drops the timer; buffered events are flushed first. */
  close(): void;
}

/**
 * Batches stream events so the renderer receives about one IPC message per animation frame instead of
 * one per token: a fast model can emit hundreds of deltas a second, and every IPC message costs the
 * renderer a task. Consecutive deltas are merged; terminal events flush immediately.
 */
export function createEventCoalescer(
  deliver: (events: ChatStreamEvent[]) => void,
  scheduler: Scheduler = timerScheduler,
  intervalMs = FRAME_MS,
): EventCoalescer {
  let buffer: ChatStreamEvent[] = [];
  let cancelTimer: (() => void) | null = null;
  let lastFlush = Number.NEGATIVE_INFINITY;

  const flush = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (buffer.length === 0) return;
    const out = buffer;
    buffer = [];
    lastFlush = scheduler.now();
    deliver(out);
  };

  return {
    push(event) {
      // An empty delta (a role-only first chunk) carries nothing to draw; sending it would spend the
      // leading-edge flush and delay the first real token by a frame.
      if (event.type === 'delta' && event.content === '' && event.reasoning === '') return;
      const last = buffer[buffer.length - 1];
      if (event.type === 'delta' && last?.type === 'delta') {
        buffer[buffer.length - 1] = {
          type: 'delta',
          content: last.content + event.content,
          reasoning: last.reasoning + event.reasoning,
        };
      } else {
        buffer.push(event);
      }
      if (event.type === 'done' || event.type === 'error') {
        flush();
        return;
      }
      if (cancelTimer) return;
      // Leading edge: the first token after a quiet frame goes out at once (time to first token
      // must not pay a frame of latency); anything closer than a frame to the last send waits.
      const since = scheduler.now() - lastFlush;
      if (since >= intervalMs) flush();
      else cancelTimer = scheduler.schedule(flush, intervalMs - since);
    },
    flush,
    close: flush,
  };
}
