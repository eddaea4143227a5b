import { describeError } from '../../../../common/redact';
import type { Scheduler } from '../../shared/scheduler';
import type { ReplyPersisted } from '../types';
import { loadDoc, persistDoc, replyKey, type StoreCore } from './store-core';

/**
 * Throttled checkpoints of replies being streamed.
 *
 * `checkpoint()` is called on every delta (hundreds a second) and only records the latest text. A write
 * starts at most once per interval after the previous write started (default 400 ms), so while text
 * keeps arriving a delta waits at most one interval plus one write before it is on disk — within the
 * 500 ms the history promises — and a slow disk never has more than one checkpoint write queued.
 * The first delta after a quiet spell is written at once if the last write is an interval old.
 *
 * Several replies may stream into one conversation at once (issue 18: a compare starts 2–4 sibling
 * replies). They share one file and one queue; each reply keeps its own interval, and every write
 * carries the newest text of all of them.
 */
interface ReplyState {
  conversationId: string;
  messageId: string;
  /** The newest text received, written or not. */
  latest: { content: string; reasoning: string } | null;
  /** `latest` has not been handed to a write yet. */
  dirty: boolean;
  lastWriteStartMs: number;
  cancelTimer: (() => void) | null;
  writing: Promise<void> | null;
  closed: boolean;
}

export interface ReplyCheckpointsDeps {
  core: StoreCore;
  scheduler: Scheduler;
  intervalMs: number;
  onPersisted: (event: ReplyPersisted) => void;
}

export function createReplyCheckpoints(deps: ReplyCheckpointsDeps) {
  const { core, scheduler, intervalMs } = deps;
  const replies = new Map<string, ReplyState>();
  const nowMs = () => core.now().getTime();

  const arm = (state: ReplyState) => {
    if (state.cancelTimer || state.writing || state.closed || !state.dirty) return;
    const delay = Math.max(0, state.lastWriteStartMs + intervalMs - nowMs());
    state.cancelTimer = scheduler.schedule(() => {
      state.cancelTimer = null;
      write(state);
    }, delay);
  };

  const write = (state: ReplyState) => {
    const text = state.latest;
    if (!text || !state.dirty || state.closed) return;
    state.dirty = false;
    state.lastWriteStartMs = nowMs();
    const { conversationId, messageId } = state;
    state.writing = core.queue
      .run(conversationId, async () => {
        // A finish, truncation or delete queued before this write has already settled the message.
        if (state.closed) return false;
        const doc = await loadDoc(core, conversationId);
        const message = doc.messages.find((m) => m.id === messageId);
        if (message?.status !== 'streaming') return false;
        message.content = text.content;
        message.reasoning = text.reasoning;
        // Sibling replies streaming into the same conversation (a compare) share this file: each
        // write carries every one's newest text, so none of them is older on disk than this write.
        for (const other of replies.values()) {
          if (other === state || other.closed || other.conversationId !== conversationId || !other.latest)
            continue;
          const sibling = doc.messages.find((m) => m.id === other.messageId);
          if (sibling?.status !== 'streaming') continue;
          sibling.content = other.latest.content;
          sibling.reasoning = other.latest.reasoning;
        }
        await persistDoc(core, doc, 'saveReplyCheckpoint', [
          { kind: 'reply-checkpointed', conversationId, messageId },
        ]);
        return true;
      })
      .then(
        (written) => {
          if (!written) return;
          deps.onPersisted({
            conversationId,
            messageId,
            contentLength: text.content.length,
            reasoningLength: text.reasoning.length,
            final: false,
          });
        },
        (error: unknown) => {
          core.log.warn('reply checkpoint failed; retrying at the next interval', {
            conversationId,
            error: describeError(error),
          });
          // Try again at the next interval, with whatever text is newest by then.
          state.dirty = true;
        },
      )
      .finally(() => {
        state.writing = null;
        arm(state);
      });
  };

  /**
   * Stops checkpointing a reply (it is being finished, truncated or deleted) and hands back the newest
   * text received — possibly newer than any write, or held by a write that will now be skipped — so a
   * finish that does not repeat the text still saves all of it.
   */
  const stop = (conversationId: string, messageId: string): { content: string; reasoning: string } | null => {
    const key = replyKey(conversationId, messageId);
    const state = replies.get(key);
    if (!state) return null;
    state.closed = true;
    state.cancelTimer?.();
    state.cancelTimer = null;
    replies.delete(key);
    return state.latest;
  };

  return {
    start(conversationId: string, messageId: string): void {
      replies.set(replyKey(conversationId, messageId), {
        conversationId,
        messageId,
        latest: null,
        dirty: false,
        lastWriteStartMs: nowMs(),
        cancelTimer: null,
        writing: null,
        closed: false,
      });
    },

    checkpoint(
      conversationId: string,
      messageId: string,
      text: { content: string; reasoning: string },
    ): boolean {
      const state = replies.get(replyKey(conversationId, messageId));
      if (!state) return false;
      state.latest = { content: text.content, reasoning: text.reasoning };
      state.dirty = true;
      arm(state);
      return true;
    },

    stop,

    stopConversation(conversationId: string, messageIds?: ReadonlySet<string>): void {
      for (const state of [...replies.values()]) {
        if (state.conversationId !== conversationId) continue;
        if (messageIds && !messageIds.has(state.messageId)) continue;
        stop(conversationId, state.messageId);
      }
    },

    /** Writes every pending checkpoint now and waits for all checkpoint writes to finish. */
    async flush(): Promise<void> {
      for (const state of replies.values()) {
        state.cancelTimer?.();
        state.cancelTimer = null;
        if (!state.writing) write(state);
      }
      await Promise.all([...replies.values()].map((s) => s.writing));
      // A write that was already running when flush began may have left newer text pending.
      for (const state of replies.values()) {
        if (state.dirty && !state.writing) {
          state.cancelTimer?.();
          state.cancelTimer = null;
          write(state);
        }
      }
      await Promise.all([...replies.values()].map((s) => s.writing));
    },

    closeAll(): void {
      for (const state of [...replies.values()]) stop(state.conversationId, state.messageId);
    },
  };
}

export type ReplyCheckpoints = ReturnType<typeof createReplyCheckpoints>;
