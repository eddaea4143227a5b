import { randomUUID } from 'node:crypto';
import type { ChatRequest, ChatStreamEvent, Usage } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import { describeError } from '../../../common/redact';
import type { ReplyFinal } from '../history';
import type { Logger } from '../log/logger';
import { sanitiseAppError } from '../log/sanitise-errors';
import type { ReplyData } from '../openrouter/reply-data';
import type { ChatSessions } from './chat-sessions';
import type { FinalFigures } from './final-figures';
import type { ReplyCost } from './reply-costs';

/** Where one reply's stream goes: its stream id, its window, and how its events reach the window. */
export interface StreamTarget {
  streamId: string;
  windowId: number;
  /** Delivers coalesced events for the assistant message to the window. */
  deliver: (conversationId: string, messageId: string, events: ChatStreamEvent[]) => void;
  /** Tells the window a reply's final figures, fetched after its stream ended (if it is still open). */
  deliverUsage?: (figures: {
    conversationId: string;
    messageId: string;
    usage: Usage;
    provider: string | null;
  }) => void;
}

/** What a reply's stream writes to the history as it arrives and when it ends. */
export interface ReplyWrites {
  checkpointReply(
    conversationId: string,
    messageId: string,
    text: { content: string; reasoning: string },
  ): void;
  finishReply(conversationId: string, messageId: string, final: ReplyFinal): Promise<unknown>;
}

export interface ReplyColumnDeps {
  history: ReplyWrites;
  sessions: ChatSessions;
  log: Logger;
  finalFigures?: Pick<FinalFigures, 'fetchLater'> | undefined;
  /** The stream has ended (done or error): the conversation no longer needs to cancel it. */
  onEnded: () => void;
}

/** Reply ids are chosen before the placeholder is written; random, and valid message ids. */
function newReplyId(): string {
  return `r${randomUUID().replaceAll('-', '')}`;
}

/**
 * One reply streaming from OpenRouter: a single send has one, a compare one per column. Its id is
 * chosen before its placeholder is written, so tokens reach the window at once; its checkpoints, final
 * write and ledger entries wait for `placed` (the placeholder is on disk). Each column ends on its own:
 * an error or a cancel is written to its own reply only.
 */
export function startReplyColumn(
  deps: ReplyColumnDeps,
  input: {
    conversationId: string;
    model: string;
    target: StreamTarget;
    request: ChatRequest;
    cost: ReplyCost | undefined;
  },
) {
  const { conversationId, model, target, cost } = input;
  const replyId = newReplyId();
  let placed = false;
  const early: Array<() => void> = [];
  const whenPersisted = (fn: () => void) => (placed ? fn() : early.push(fn));
  let content = '';
  let reasoning = '';
  let replyData: ReplyData | null = null;
  /** The stream reported what the reply cost (`usage.cost`): nothing to ask for afterwards. */
  let sawCost = false;
  /**
   * Asks OpenRouter for the figures a stream ended without — no usage, or usage without a (numeric)
   * cost — after the reply is written, so the ledger and the usage line get the billed amount.
   */
  const fetchFiguresLater = (generationId: string | null) => {
    if (sawCost || generationId === null || !deps.finalFigures) return;
    deps.finalFigures.fetchLater({
      conversationId,
      messageId: replyId,
      generationId,
      notify: (figures) => target.deliverUsage?.({ conversationId, messageId: replyId, ...figures }),
    });
  };
  const saveFailed = (error: unknown) =>
    deps.log.error('could not save reply', { error: describeError(error) });
  const observe = (e: ChatStreamEvent) => {
    if (e.type === 'done' || e.type === 'error') deps.onEnded();
    if (e.type === 'usage' && e.usage.cost !== undefined) sawCost = true;
    if (e.type === 'done') {
      if (e.result.usage?.cost !== undefined) sawCost = true;
      whenPersisted(() => fetchFiguresLater(e.result.generationId));
    }
    whenPersisted(() => {
      if (e.type === 'delta') {
        content += e.content;
        reasoning += e.reasoning;
        deps.history.checkpointReply(conversationId, replyId, { content, reasoning });
      } else if (e.type === 'done') {
        cost?.done(e.result);
        const referenced = new Set(e.result.images.map((i) => i.id));
        void deps.history
          .finishReply(conversationId, replyId, {
            status: 'complete',
            content: e.result.content,
            reasoning: e.result.reasoning,
            usage: e.result.usage,
            finishReason: e.result.finishReason,
            generationId: e.result.generationId,
            model: e.result.model ?? model,
            error: null,
            provider: e.result.provider,
            citations: e.result.citations,
            // The bytes of the images the result names (the client checked them), written as files.
            images: (replyData?.images ?? []).filter((i) => referenced.has(i.id)),
            reasoningDetails: replyData?.reasoningDetails ?? [],
            fileAnnotations: replyData?.fileAnnotations ?? [],
          })
          .catch(saveFailed);
      } else if (e.type === 'error') {
        cost?.failed({ content: e.partialContent, reasoning: e.partialReasoning, status: e.error.status });
        void deps.history
          .finishReply(conversationId, replyId, {
            status: e.error.code === 'cancelled' ? 'cancelled' : 'error',
            content: e.partialContent,
            reasoning: e.partialReasoning,
            // Upstream text was redacted by shape and the request's key; the known candidates too
            // before it is written to disk.
            error: e.error.code === 'cancelled' ? null : sanitiseAppError(e.error),
          })
          .catch(saveFailed);
      }
    });
  };

  deps.sessions.start(
    target.streamId,
    target.windowId,
    input.request,
    (events) => target.deliver(conversationId, replyId, events),
    {
      observe,
      onReplyData: (data) => {
        replyData = data;
      },
      // Cancelled, dropped, or an error after text: the request may still have been billed.
      onFailed: ({ generationId }) =>
        whenPersisted(() => {
          cost?.failedGeneration(generationId);
          fetchFiguresLater(generationId);
        }),
    },
  );

  return {
    replyId,
    model,
    /** The placeholder is on disk: what arrived meanwhile is written now, in order. */
    placed(reply: Message): void {
      placed = true;
      cost?.started(conversationId, reply.id);
      for (const fn of early.splice(0)) fn();
    },
    /** A history write failed: the request stops, its limit hold is given back. */
    abandon(): void {
      deps.sessions.cancel(target.streamId, target.windowId);
      cost?.abandon();
    },
  };
}

export type ReplyColumn = ReturnType<typeof startReplyColumn>;
