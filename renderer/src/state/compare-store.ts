import type { ChatStreamEvent } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import type { AppError } from '../../../common/errors';
import { applyStreamEvents, endsStream } from './apply-stream-events';
import { createFramePacer } from './frame-pacer';
import { createKeyedStore, readOnlyKeyed } from './keyed-store';
import { createValueStore, readOnly } from './value-store';

/** The most columns one compare may have (the contract's limit), and the fewest. */
export const MAX_COMPARE_COLUMNS = 4;
export const MIN_COMPARE_COLUMNS = 2;

/** One column's model and, once sent, the stream that writes its reply. */
export interface CompareColumn {
  /** Stable across model changes and removals, so React keys and the reply store follow the column. */
  key: string;
  model: string;
  /** Set when the compare is sent: a fresh uuid per column (cancelChat stops this one column). */
  streamId: string | null;
}

/** A column's reply as it streams, with the times the window measured for it. */
export interface CompareReply {
  message: Message;
  /** `performance.now()`-style milliseconds: when Send was pressed, the first text, the end. */
  startedAt: number;
  firstTokenAt: number | null;
  endedAt: number | null;
}

export interface CompareState {
  open: boolean;
  /** What is compared: the composer's text, its staged attachments and its web-search choice. */
  prompt: string;
  attachments: readonly string[];
  webSearch: boolean;
  columns: readonly CompareColumn[];
  /** 'choosing' models, 'sending' (main has not answered), 'sent' (replies streaming or done). */
  phase: 'choosing' | 'sending' | 'sent';
  conversationId: string | null;
  /** A refusal of the whole compare (limit, key in the text, unsupported input) or of "Continue". */
  error: AppError | null;
  /** The column whose model the picker is choosing. */
  pickingColumn: string | null;
}

const CLOSED: CompareState = {
  open: false,
  prompt: '',
  attachments: [],
  webSearch: false,
  columns: [],
  phase: 'choosing',
  conversationId: null,
  error: null,
  pickingColumn: null,
};

/**
 * How many columns may re-render in one animation frame, and the time after which no further column
 * starts in it. With four streaming, each repaints at 30 Hz (less while repaints are costly), which keeps
 * a frame's renderer work within the 8 ms budget (bench/render, the Compare rows); with two, both repaint
 * every frame.
 */
export const COLUMNS_PER_FRAME = 2;
export const COLUMN_FRAME_BUDGET_MS = 4;

const nextFrame = (callback: () => void) => {
  requestAnimationFrame(() => callback());
};

/** True once a reply has stopped streaming (finished, failed or stopped). */
export function replyEnded(reply: CompareReply | undefined): boolean {
  return reply !== undefined && reply.endedAt !== null;
}

/**
 * The Compare view (issue 18): its columns in one value (changes on open, add, remove, send), and each
 * column's reply in its own keyed entry, so a stream batch re-renders only the column it writes to.
 * Text is applied at once (`reply`), but shown (`replies`) at most COLUMNS_PER_FRAME columns a frame; a
 * stream's start and end are shown at once.
 */
export function createCompareStore(options: { requestFrame?: (callback: () => void) => void } = {}) {
  const state = createValueStore<CompareState>(CLOSED);
  const replies = createKeyedStore<CompareReply>();
  const latest = new Map<string, CompareReply>();
  const pacer = createFramePacer({
    perFrame: COLUMNS_PER_FRAME,
    budgetMs: COLUMN_FRAME_BUDGET_MS,
    publish: (key) => {
      const reply = latest.get(key);
      if (reply) replies.set(key, reply);
    },
    requestFrame: options.requestFrame ?? nextFrame,
  });
  const setReply = (key: string, reply: CompareReply, now: boolean) => {
    latest.set(key, reply);
    if (!now) {
      pacer.mark(key);
      return;
    }
    pacer.drop(key);
    replies.set(key, reply);
  };
  let nextKey = 0;
  const newColumn = (model: string): CompareColumn => ({ key: `column-${++nextKey}`, model, streamId: null });
  const clearReplies = () => {
    for (const column of state.get().columns) {
      pacer.drop(column.key);
      latest.delete(column.key);
      replies.delete(column.key);
    }
  };
  const patch = (fn: (s: CompareState) => Partial<CompareState>) => state.update((s) => ({ ...s, ...fn(s) }));

  return {
    state: readOnly(state),
    replies: readOnlyKeyed(replies),
    get: state.get,
    subscribe: state.subscribe,
    /** A column's reply as applied so far (the view may show it up to a frame later). */
    reply: (key: string): CompareReply | undefined => latest.get(key),

    open(options: { prompt: string; attachments: readonly string[]; webSearch: boolean; models: string[] }) {
      clearReplies();
      state.set({
        ...CLOSED,
        open: true,
        prompt: options.prompt,
        attachments: options.attachments,
        webSearch: options.webSearch,
        columns: options.models.slice(0, MAX_COMPARE_COLUMNS).map(newColumn),
      });
    },
    close() {
      clearReplies();
      state.set(CLOSED);
    },
    addColumn(model: string) {
      patch((s) => ({
        columns: s.columns.length < MAX_COMPARE_COLUMNS ? [...s.columns, newColumn(model)] : s.columns,
      }));
    },
    removeColumn(key: string) {
      patch((s) => ({
        columns: s.columns.length > MIN_COMPARE_COLUMNS ? s.columns.filter((c) => c.key !== key) : s.columns,
      }));
    },
    startPicking(key: string) {
      patch(() => ({ pickingColumn: key }));
    },
    /** The picker's choice goes to the column it was opened for. */
    choosePicked(model: string) {
      patch((s) => ({
        columns: s.columns.map((c) => (c.key === s.pickingColumn ? { ...c, model } : c)),
        pickingColumn: null,
      }));
    },
    /** Send pressed: each column gets its stream id and an empty reply, timed from `now`. */
    sending(streamIds: readonly string[], now: number) {
      const s = state.get();
      const columns = s.columns.map((c, i) => ({ ...c, streamId: streamIds[i] ?? null }));
      for (const column of columns) {
        setReply(
          column.key,
          {
            message: {
              id: `pending-${column.key}`,
              role: 'assistant',
              content: '',
              reasoning: '',
              createdAt: new Date().toISOString(),
              model: column.model,
              status: 'streaming',
              error: null,
              usage: null,
              finishReason: null,
              generationId: null,
            },
            startedAt: now,
            firstTokenAt: null,
            endedAt: null,
          },
          true,
        );
      }
      state.set({ ...s, columns, phase: 'sending', error: null });
    },
    /** Main refused the whole compare: nothing was sent, the person can change models and try again. */
    refused(error: AppError) {
      clearReplies();
      patch((s) => ({
        phase: 'choosing',
        error,
        columns: s.columns.map((c) => ({ ...c, streamId: null })),
      }));
    },
    /** Main accepted: the replies' stored ids (in column order), in the conversation they belong to. */
    started(conversationId: string, stored: readonly Message[]) {
      const s = state.get();
      s.columns.forEach((column, i) => {
        const reply = latest.get(column.key);
        const message = stored[i];
        if (!reply || !message) return;
        // Events may have beaten main's answer: what they wrote stays, the stored id is taken.
        setReply(column.key, { ...reply, message: { ...reply.message, id: message.id } }, true);
      });
      state.set({ ...s, phase: 'sent', conversationId });
    },
    /** A batch of one column's stream; the times are taken on the first text and on the end. */
    applyEvents(
      streamId: string,
      messageId: string,
      events: readonly ChatStreamEvent[],
      now: number,
    ): boolean {
      const column = state.get().columns.find((c) => c.streamId === streamId);
      const reply = column ? latest.get(column.key) : undefined;
      if (!column || !reply) return false;
      const message = applyStreamEvents({ ...reply.message, id: messageId }, events);
      const wrote = events.some((e) => e.type === 'delta' && (e.content !== '' || e.reasoning !== ''));
      const ended = endsStream(events);
      // The times are taken as the events arrive, whenever the column is next drawn.
      setReply(
        column.key,
        {
          message,
          startedAt: reply.startedAt,
          firstTokenAt: reply.firstTokenAt ?? (wrote ? now : null),
          endedAt: reply.endedAt ?? (ended ? now : null),
        },
        ended,
      );
      return true;
    },
    failed(error: AppError) {
      patch(() => ({ error }));
    },
  };
}

export type CompareStore = ReturnType<typeof createCompareStore>;
