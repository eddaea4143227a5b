import type { Usage } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import { describeError } from '../../../common/redact';
import type { Logger } from '../log/logger';
import type { Scheduler } from '../shared/scheduler';

/** What OpenRouter's generation record says of a finished request (`GET /generation?id=`). */
export interface GenerationFigures {
  usage: Usage;
  provider: string | null;
  model: string | null;
  finishReason: string | null;
  cancelled: boolean;
}

/** The part of the OpenRouter client this needs; null means "not known yet, ask again later". */
export interface GenerationLookup {
  fetchGeneration(generationId: string, signal?: AbortSignal): Promise<GenerationFigures | null>;
}

export interface FinalFiguresDeps {
  client: GenerationLookup;
  history: {
    updateReplyUsage(
      conversationId: string,
      messageId: string,
      figures: { usage: Usage; provider: string | null },
    ): Promise<Message | null>;
  };
  scheduler: Scheduler;
  log: Logger;
  /**
   * Waits before each attempt. OpenRouter records a generation's figures a little after the stream
   * ends, so the first attempt is not immediate. Default 1 s, 3 s, 10 s.
   */
  delaysMs?: readonly number[];
}

export interface FinalFiguresRequest {
  conversationId: string;
  messageId: string;
  generationId: string;
  /** Tells the window that streamed the reply (it may have closed: the emit is then a no-op). */
  notify: (figures: { usage: Usage; provider: string | null }) => void;
}

/**
 * Final figures for replies whose stream ended without usage (cancelled, dropped, an error after
 * text, or `done` without a usage chunk): the person paid for those tokens, so the reply shows them.
 * A few attempts spaced by the scheduler; `null` (not recorded yet) tries again, a definite answer or
 * an error stops. Log lines carry ids and counts only (never a key, never text).
 */
export function createFinalFigures(deps: FinalFiguresDeps) {
  const delays = deps.delaysMs ?? [1_000, 3_000, 10_000];
  const pending = new Set<() => void>();
  let stopped = false;

  const attempt = async (request: FinalFiguresRequest, index: number, controller: AbortController) => {
    let figures: GenerationFigures | null;
    try {
      figures = await deps.client.fetchGeneration(request.generationId, controller.signal);
    } catch (error) {
      deps.log.warn('final figures of a reply could not be fetched', {
        conversationId: request.conversationId,
        attempt: index + 1,
        error: describeError(error),
      });
      return;
    }
    if (stopped) return;
    if (figures === null) {
      if (index + 1 < delays.length) schedule(request, index + 1);
      else
        deps.log.info('final figures of a reply were not recorded in time; the reply keeps none', {
          conversationId: request.conversationId,
          attempts: delays.length,
        });
      return;
    }
    const update = { usage: figures.usage, provider: figures.provider };
    try {
      const message = await deps.history.updateReplyUsage(request.conversationId, request.messageId, update);
      if (!message) return; // the reply was deleted or replaced meanwhile
    } catch (error) {
      deps.log.warn('final figures of a reply could not be saved', {
        conversationId: request.conversationId,
        error: describeError(error),
      });
      return;
    }
    deps.log.info('final figures of a reply fetched', {
      conversationId: request.conversationId,
      attempt: index + 1,
      completionTokens: figures.usage.completionTokens,
    });
    request.notify(update);
  };

  const schedule = (request: FinalFiguresRequest, index: number) => {
    const controller = new AbortController();
    const cancel = deps.scheduler.schedule(() => {
      // Still pending while the request runs, so stop() aborts it too.
      void attempt(request, index, controller).finally(() => pending.delete(stop));
    }, delays[index] ?? 0);
    const stop = () => {
      cancel();
      controller.abort();
    };
    pending.add(stop);
  };

  return {
    /** Starts fetching the reply's final figures in the background. */
    fetchLater(request: FinalFiguresRequest): void {
      if (stopped || delays.length === 0) return;
      schedule(request, 0);
    },
    /** Stops every pending attempt (shutdown). */
    stop(): void {
      stopped = true;
      for (const stop of pending) stop();
      pending.clear();
    },
    get pendingCount(): number {
      return pending.size;
    },
  };
}

export type FinalFigures = ReturnType<typeof createFinalFigures>;
