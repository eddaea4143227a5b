import type { ChatRequest, ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { appError } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import type { Logger } from '../log/logger';
import { type Scheduler, timerScheduler } from '../shared/scheduler';
import { createEventCoalescer } from './event-coalescer';

/** The part of the OpenRouter client this service needs. */
export interface ChatStreamer {
  streamChat(
    request: ChatRequest,
    opts: { signal?: AbortSignal; onEvent: (e: ChatStreamEvent) => void },
  ): Promise<ChatResult>;
}

export interface ChatSessionsDeps {
  client: ChatStreamer;
  log: Logger;
  scheduler?: Scheduler;
}

interface ActiveStream {
  windowId: number;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs chat streams on behalf of windows: one AbortController per stream, events coalesced per frame,
 * every stream ends with exactly one `done` or `error` event delivered to the window that started it.
 */
export function createChatSessions(deps: ChatSessionsDeps) {
  const active = new Map<string, ActiveStream>();
  const scheduler = deps.scheduler ?? timerScheduler;

  return {
    start(
      streamId: string,
      windowId: number,
      request: ChatRequest,
      deliver: (events: ChatStreamEvent[]) => void,
      /** Sees every event before coalescing (history checkpoints). */
      observe?: (event: ChatStreamEvent) => void,
    ): void {
      if (active.has(streamId)) throw appError('validation', 'That reply is already streaming.');
      const controller = new AbortController();
      const coalescer = createEventCoalescer(deliver, scheduler);
      const done = deps.client
        .streamChat(request, {
          signal: controller.signal,
          onEvent: (e) => {
            observe?.(e);
            coalescer.push(e);
          },
        })
        .then(
          () => undefined,
          (error: unknown) => {
            // The client reports failures as an `error` event before rejecting; log the rest.
            deps.log.debug('stream ended with error', { streamId, error: describeError(error) });
          },
        )
        .finally(() => {
          coalescer.close();
          active.delete(streamId);
        });
      active.set(streamId, { windowId, controller, done });
    },

    /** Aborts the HTTP request at once. Returns false when the stream is unknown or already over. */
    cancel(streamId: string, windowId: number): boolean {
      const stream = active.get(streamId);
      if (!stream || stream.windowId !== windowId) return false;
      stream.controller.abort();
      return true;
    },

    /** Aborts every stream of a window (it closed or reloaded). */
    cancelWindow(windowId: number): void {
      for (const stream of active.values()) {
        if (stream.windowId === windowId) stream.controller.abort();
      }
    },

    /** Aborts every stream (shutdown). */
    cancelAll(): void {
      for (const stream of active.values()) stream.controller.abort();
    },

    /** Resolves when every running stream has ended (shutdown, tests). */
    async settle(): Promise<void> {
      await Promise.all([...active.values()].map((s) => s.done));
    },

    get activeCount(): number {
      return active.size;
    },
  };
}

export type ChatSessions = ReturnType<typeof createChatSessions>;
