import type { ChatRequest, ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { appError } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import type { Logger } from '../log/logger';
import type { StreamChatOptions } from '../openrouter/options';
import { type Scheduler, timerScheduler } from '../shared/scheduler';
import { createEventCoalescer } from './event-coalescer';

/** The part of the OpenRouter client this service needs. */
export interface ChatStreamer {
  streamChat(
    request: ChatRequest,
    opts: Pick<StreamChatOptions, 'signal' | 'onEvent' | 'onReplyData'>,
  ): Promise<ChatResult>;
}

/** What a caller of `start` may see besides the events. */
export interface StreamHooks {
  /** Sees every event before coalescing (history checkpoints). */
  observe?: (event: ChatStreamEvent) => void;
  /** The reply's data that never crosses IPC (image bytes, reasoning_details), once, before `done`. */
  onReplyData?: StreamChatOptions['onReplyData'];
  /**
   * The stream failed (after its `error` event). `generationId` is the id OpenRouter gave the request,
   * when the client knew it (a failure that carries `generationId`), so final figures can be fetched.
   */
  onFailed?: (failure: { generationId: string | null }) => void;
}

/** The generation id a stream failure carries, if any (the client sets it once the stream had one). */
export function generationIdOfFailure(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('generationId' in error)) return null;
  const id = (error as { generationId: unknown }).generationId;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
}

export interface ChatSessionsDeps {
  client: ChatStreamer;
  log: Logger;
  scheduler?: Scheduler;
}

/**
 * A reply main is fetching from OpenRouter for one window, until its request ends. (Not the renderer's
 * `ActiveStream`, which is the reply a window shows as it arrives.)
 */
interface RunningReply {
  windowId: number;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs chat streams on behalf of windows: one AbortController per stream, events coalesced per frame,
 * every stream ends with exactly one `done` or `error` event delivered to the window that started it.
 */
export function createChatSessions(deps: ChatSessionsDeps) {
  const running = new Map<string, RunningReply>();
  const scheduler = deps.scheduler ?? timerScheduler;

  return {
    start(
      streamId: string,
      windowId: number,
      request: ChatRequest,
      deliver: (events: ChatStreamEvent[]) => void,
      hooks: StreamHooks = {},
    ): void {
      if (running.has(streamId)) throw appError('validation', { id: 'errors.chat.replyAlreadyStreaming' });
      const controller = new AbortController();
      const coalescer = createEventCoalescer(deliver, scheduler);
      const done = deps.client
        .streamChat(request, {
          signal: controller.signal,
          onEvent: (e) => {
            hooks.observe?.(e);
            coalescer.push(e);
          },
          ...(hooks.onReplyData ? { onReplyData: hooks.onReplyData } : {}),
        })
        .then(
          () => undefined,
          (error: unknown) => {
            // The client reports failures as an `error` event before rejecting; log the rest.
            deps.log.debug('stream ended with error', { streamId, error: describeError(error) });
            hooks.onFailed?.({ generationId: generationIdOfFailure(error) });
          },
        )
        .finally(() => {
          coalescer.close();
          running.delete(streamId);
        });
      running.set(streamId, { windowId, controller, done });
    },

    /** Aborts the HTTP request at once. Returns false when the stream is unknown or already over. */
    cancel(streamId: string, windowId: number): boolean {
      const stream = running.get(streamId);
      if (!stream || stream.windowId !== windowId) return false;
      stream.controller.abort();
      return true;
    },

    /** Aborts every stream of a window (it closed or reloaded). */
    cancelWindow(windowId: number): void {
      for (const stream of running.values()) {
        if (stream.windowId === windowId) stream.controller.abort();
      }
    },

    /** Aborts every stream (shutdown). */
    cancelAll(): void {
      for (const stream of running.values()) stream.controller.abort();
    },

    /** Resolves when every running stream has ended (shutdown, tests). */
    async settle(): Promise<void> {
      await Promise.all([...running.values()].map((s) => s.done));
    },

    get activeCount(): number {
      return running.size;
    },
  };
}

export type ChatSessions = ReturnType<typeof createChatSessions>;
