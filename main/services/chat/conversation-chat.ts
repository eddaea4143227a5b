import type { Attachment } from '../../../common/attachment-types';
import type { ChatMessage, ChatRequest, ModelSummary } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import { appError } from '../../../common/errors';
import type { RequestOptions } from '../../../common/request-options';
import type { Settings } from '../../../common/settings-types';
import type { AttachmentIntake } from '../attachments/types';
import type { TranscriptEntry } from '../history';
import type { Logger } from '../log/logger';
import type { ChatSessions } from './chat-sessions';
import type { FinalFigures } from './final-figures';
import { createKeyGuard } from './key-guard';
import {
  type AttachmentContents,
  attachedTextEntries,
  attachmentKinds,
  attachmentText,
  checkMessageLimits,
  checkModelCanRead,
  loadAttachmentContents,
  outgoingAttachments,
  pdfEngineFor,
} from './outgoing-attachments';
import { type ReplyColumn, type ReplyWrites, type StreamTarget, startReplyColumn } from './reply-column';
import type { ReplyCost, ReplyCosts } from './reply-costs';
import type { RequestOptionsResolver } from './request-options';

/** An attachment of a new user message: fresh from the composer (with bytes) or already stored. */
export interface AttachmentInput {
  attachment: Attachment;
  bytes?: Uint8Array;
}

/** What this module needs from the history store. */
export interface HistoryPort extends ReplyWrites {
  /** The conversation's visible path: its first message down to the branch's newest (issue 18). */
  transcript(conversationId: string): Promise<TranscriptEntry[]>;
  /** The message's parent is `parentId` when given (null: a first message), else the visible path's end. */
  appendUserMessage(
    conversationId: string,
    content: string,
    attachments?: readonly AttachmentInput[],
    opts?: { parentId?: string | null },
  ): Promise<Message>;
  /** A stored attachment's bytes, checked against its hash; null when missing or damaged. */
  attachmentBytes(sha256: string): Promise<Uint8Array | null>;
  /**
   * The placeholder of a reply under `parentId` (default: the visible path's end); `activate` (default
   * true) makes it the branch shown.
   */
  beginReply(
    conversationId: string,
    opts: { model: string; messageId?: string; parentId?: string; activate?: boolean },
  ): Promise<Message>;
}

export type { StreamTarget };

export interface ConversationChatDeps {
  history: HistoryPort;
  sessions: ChatSessions;
  settings: () => Settings;
  noteModelUsed: (model: string) => Promise<void>;
  log: Logger;
  /**
   * The current key first, then keys seen this session (main only): a message holding any of them,
   * or anything shaped like a key, is refused before it is sent or saved (key-guard.ts).
   */
  knownKeys: () => readonly string[];
  /** Fetches final figures for replies that ended without usage (final-figures.ts); absent in some tests. */
  finalFigures?: Pick<FinalFigures, 'fetchLater'>;
  /**
   * The person's request options for this request (reasoning, providers, fallbacks, session, web
   * search; request-options.ts). Absent (some tests): none, the request as before issue 15.
   */
  requestOptions?: RequestOptionsResolver;
  /**
   * The spending limits and the ledger (reply-costs.ts): checked before anything is sent or written,
   * and told how each reply ended. Absent (some tests): no limits, nothing recorded.
   */
  replyCosts?: Pick<ReplyCosts, 'admit'>;
  /** The composer's staged attachments (issue 17); absent (some tests): a send with attachments fails. */
  attachments?: Pick<AttachmentIntake, 'get' | 'discard'>;
  /**
   * The model's metadata from the models cache (its `input_modalities` decide what it can read, and the
   * PDF engine); null when unknown. Absent (some tests): unknown.
   */
  modelInfo?: (model: string) => Promise<ModelSummary | null>;
}

/** How one request was asked for, beyond its messages. */
interface SendChoices {
  /** The composer's "Web search" toggle, for this request only. */
  webSearch?: boolean | undefined;
  /** "Retry with N max tokens" overrides the setting for this one request. */
  maxTokens?: number | undefined;
  /** A plain send: the composer's estimate beside Send is the figure the limit checks (reply-costs.ts). */
  estimateAsDraft?: boolean;
}

/**
 * What one request (a send, a new version, or a compare of 2–4 models) is made of. The shared part —
 * the messages, the key check, the attachments — is worked out once; each column adds its model.
 */
interface ReplyPlan {
  /** The person's new message (send, edit, compare), or null (regenerate). */
  newUser: {
    content: string;
    attachments: readonly AttachmentInput[];
    /** Edit: the edited message's parent (null: it was the first), so the new text is its sibling. */
    parentId?: string | null | undefined;
  } | null;
  /**
   * The visible path the request continues (regenerate and edit: the messages before the one they
   * make a new version of). Absent: the whole visible path.
   */
  earlier?: readonly TranscriptEntry[];
  /** Regenerate: the parent of the reply it makes a new version of. */
  replyParentId?: string;
  columns: ReadonlyArray<{ model: string; target: StreamTarget }>;
  choices: SendChoices;
}

/**
 * The request context sent to OpenRouter: the system prompt, then every user message and every
 * assistant reply that has text. Failed replies without text are shown to the person but are not
 * part of what the model sees.
 */
export function buildContext(
  messages: readonly TranscriptEntry[],
  systemPrompt: string,
  contents: AttachmentContents = new Map(),
): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (systemPrompt.trim()) out.push({ role: 'system', content: systemPrompt });
  for (const m of messages) {
    if (m.role === 'assistant' && m.content === '') continue;
    const message: ChatMessage = { role: m.role, content: m.content };
    // Reasoning models continue their thought from these; sent back exactly as received.
    if (m.role === 'assistant' && m.reasoningDetails && m.reasoningDetails.length > 0)
      message.reasoningDetails = [...m.reasoningDetails];
    // The PDF parses OpenRouter returned: sent back so the same file is not parsed (and paid) again.
    if (m.role === 'assistant' && m.fileAnnotations && m.fileAnnotations.length > 0)
      message.fileAnnotations = [...m.fileAnnotations];
    if (m.attachments && m.attachments.length > 0) {
      const { attachments, missing } = outgoingAttachments(m.attachments, contents);
      if (attachments.length > 0) message.attachments = attachments;
      if (missing.length > 0) message.missingAttachments = missing;
    }
    out.push(message);
  }
  return out;
}

/**
 * Sending, regenerating, edit-and-resend and Compare. The request starts as soon as the context is
 * known, in parallel with the durable writes of the person's message and the reply placeholder (two
 * fsyncs that would otherwise add ~10 ms to the time to first token). The reply's id is chosen here, so
 * tokens reach the window at once; checkpoints and the final write wait for the placeholder to be on
 * disk, and a failed write cancels the stream (reply-column.ts).
 *
 * Conversations are trees (issue 18): regenerate and edit add a new version beside the old one (a
 * sibling), never removing anything; Compare adds one reply per model under one message. Because the
 * request goes out before anything is written, the key check (`guard`) runs first of all: before the
 * request and before anything is saved. A refused message changes nothing anywhere.
 */
export function createConversationChat(deps: ConversationChatDeps) {
  const guard = createKeyGuard({ knownKeys: deps.knownKeys });
  /** Streams per conversation, so deleting a conversation stops its reply (and its billing) at once. */
  const streaming = new Map<string, Map<string, number>>();
  const track = (conversationId: string, streamId: string, windowId: number) => {
    let streams = streaming.get(conversationId);
    if (!streams) {
      streams = new Map();
      streaming.set(conversationId, streams);
    }
    streams.set(streamId, windowId);
  };
  const untrack = (conversationId: string, streamId: string) => {
    const streams = streaming.get(conversationId);
    streams?.delete(streamId);
    if (streams?.size === 0) streaming.delete(conversationId);
  };

  const resolveOptions = async (
    conversationId: string,
    model: string,
    webSearch: boolean | undefined,
  ): Promise<RequestOptions> =>
    (await deps.requestOptions?.({ conversationId, model, webSearch: webSearch === true })) ?? {};

  /**
   * Streams one reply per column (a send, a new version: one; a compare: 2–4). Every check runs before
   * anything is sent or written: the key check over the messages and attached text (once), then per
   * column its request options, whether its model reads the attachments, and the spending limits (all
   * columns admitted, or none). Then every request starts at once, and the person's message (once) and
   * each column's placeholder are written, the first column's as the branch shown.
   */
  const streamReplies = async (
    conversationId: string,
    plan: ReplyPlan,
  ): Promise<{ userMessage: Message | null; replies: Message[] }> => {
    const { newUser, columns, choices } = plan;
    const admitted: ReplyCost[] = [];
    const abandonAdmitted = () => {
      for (const cost of admitted.splice(0)) cost.abandon();
    };
    const [history, optionsPerColumn] = await Promise.all([
      plan.earlier ?? deps.history.transcript(conversationId),
      Promise.all(columns.map((c) => resolveOptions(conversationId, c.model, choices.webSearch))),
    ]);
    const settings = deps.settings();
    const newAttachments = newUser?.attachments ?? [];
    const context: readonly TranscriptEntry[] =
      newUser === null
        ? history
        : [
            ...history,
            {
              id: '',
              role: 'user',
              content: newUser.content,
              ...(newAttachments.length > 0 ? { attachments: newAttachments.map((a) => a.attachment) } : {}),
            },
          ];
    // Everything below puts text on the wire; nothing above wrote anything.
    const contents = await loadAttachmentContents(
      context,
      newAttachments.flatMap((a) => (a.bytes ? [{ attachment: a.attachment, bytes: a.bytes }] : [])),
      (sha) => deps.history.attachmentBytes(sha),
    );
    // Attached text files go upstream as text: the key check reads them like the messages (the new
    // message's own files first, each named if it holds a key).
    for (const a of newAttachments) {
      const bytes = contents.get(a.attachment.sha256);
      if (a.attachment.kind === 'text' && bytes)
        guard.checkAttachedFile(a.attachment.name, attachmentText(bytes));
    }
    guard.check({
      conversationId,
      systemPrompt: settings.systemPrompt,
      earlier: [...history, ...attachedTextEntries(history, contents)],
      newContent: newUser?.content ?? null,
    });
    const messages = buildContext(context, settings.systemPrompt, contents);
    if (!messages.some((m) => m.role === 'user'))
      throw appError('validation', { id: 'errors.chat.nothingToReplyTo' });
    const kinds = attachmentKinds(context);
    const requests: ChatRequest[] = [];
    for (const [i, { model }] of columns.entries()) {
      const info = kinds.size > 0 && deps.modelInfo ? await deps.modelInfo(model).catch(() => null) : null;
      checkModelCanRead(model, info, kinds, settings.pdfEngine);
      const pdfEngine = pdfEngineFor(kinds, settings.pdfEngine, info);
      requests.push({
        model,
        messages,
        ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
        // "Retry with N max tokens" overrides the setting for this one request.
        ...(choices.maxTokens !== undefined
          ? { maxTokens: choices.maxTokens }
          : settings.maxTokens !== null
            ? { maxTokens: settings.maxTokens }
            : {}),
        // Only what the person chose: with no choice this adds nothing (issue 15).
        ...optionsPerColumn[i],
        ...(pdfEngine !== null ? { pdfEngine } : {}),
      });
    }
    // The spending limits, last of the checks: each admitted column holds its worst case, so a limit
    // that admits one column but not two refuses the compare before anything is sent or written.
    const costs: Array<ReplyCost | undefined> = [];
    try {
      for (const request of requests) {
        const cost = await deps.replyCosts?.admit({
          model: request.model,
          messages: request.messages,
          maxTokens: request.maxTokens,
          ...(choices.estimateAsDraft && newUser !== null
            ? {
                send: {
                  conversationId,
                  draft: newUser.content,
                  webSearch: choices.webSearch,
                  attachments: newAttachments.map((a) => a.attachment.sha256),
                },
              }
            : {}),
        });
        if (cost) admitted.push(cost);
        costs.push(cost);
      }
    } catch (error) {
      abandonAdmitted();
      throw error;
    }

    const started: ReplyColumn[] = [];
    /** The stream id being started, if this request tracked it (untracked again if it cannot start). */
    let starting: string | null = null;
    try {
      for (const [i, { model, target }] of columns.entries()) {
        // Tracked before it starts (a reply can end within `start`); a stream id already running is
        // another request's, and stays tracked when this one is refused.
        const running = streaming.get(conversationId)?.has(target.streamId) ?? false;
        track(conversationId, target.streamId, target.windowId);
        starting = running ? null : target.streamId;
        started.push(
          startReplyColumn(
            {
              history: deps.history,
              sessions: deps.sessions,
              log: deps.log,
              finalFigures: deps.finalFigures,
              onEnded: () => untrack(conversationId, target.streamId),
            },
            { conversationId, model, target, request: requests[i] as ChatRequest, cost: costs[i] },
          ),
        );
      }
    } catch (error) {
      // A stream that could not start (its id already streaming): none of them goes ahead.
      for (const column of started) column.abandon();
      for (const cost of costs.slice(started.length)) cost?.abandon();
      if (starting !== null) untrack(conversationId, starting);
      throw error;
    }
    let userMessage: Message | null = null;
    const replies: Message[] = [];
    // Let fetch put the requests on the wire before the writes below take the event loop: undici
    // sends each within the current turn's microtasks, and the serialising and fs callbacks of the
    // durable writes would otherwise run first (~0.4 ms of time to first token, measured).
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      if (newUser !== null) {
        userMessage = await deps.history.appendUserMessage(
          conversationId,
          newUser.content,
          newAttachments,
          ...(newUser.parentId !== undefined ? [{ parentId: newUser.parentId }] : []),
        );
        // In the history folder now: the composer's copies can go.
        for (const a of newAttachments) if (a.bytes) deps.attachments?.discard(a.attachment.sha256);
      }
      const parentId = userMessage?.id ?? plan.replyParentId;
      for (const [i, column] of started.entries()) {
        replies.push(
          await deps.history.beginReply(conversationId, {
            model: column.model,
            messageId: column.replyId,
            ...(parentId !== undefined ? { parentId } : {}),
            // A compare shows its first column as the branch until "Continue with this" picks another.
            activate: i === 0,
          }),
        );
      }
    } catch (error) {
      for (const column of started) column.abandon();
      throw error;
    }
    for (const [i, column] of started.entries()) column.placed(replies[i] as Message);
    for (const model of new Set(columns.map((c) => c.model)))
      void deps.noteModelUsed(model).catch(() => undefined);
    return { userMessage, replies };
  };

  /**
   * The message a new version is made of, on the visible path, after checking what would be sent in
   * its place (the messages before it, and the edited text).
   */
  const prepareVersion = async (conversationId: string, messageId: string, newContent: string | null) => {
    if (newContent !== null) {
      // The edited text alone can be refused before reading anything.
      guard.check({ conversationId, systemPrompt: '', earlier: [], newContent });
    }
    const messages = await deps.history.transcript(conversationId);
    const index = messages.findIndex((m) => m.id === messageId);
    const message = messages[index];
    if (!message) throw appError('validation', { id: 'errors.chat.messageNotShown' });
    const earlier = messages.slice(0, index);
    guard.check({ conversationId, systemPrompt: deps.settings().systemPrompt, earlier, newContent });
    // The visible path is a chain: the message before this one on it is its parent.
    return { message, earlier, parentId: earlier.at(-1)?.id ?? null };
  };

  /** The composer's attachments by hash, in order; one that is no longer staged stops the send. */
  const stagedAttachments = (hashes: readonly string[]): AttachmentInput[] => {
    const items = [...new Set(hashes)].map((sha) => {
      const staged = deps.attachments?.get(sha) ?? null;
      if (!staged) {
        throw appError('attachment_refused', { id: 'errors.chat.attachmentNotReady' });
      }
      if (staged.pendingResize) {
        throw appError('attachment_refused', {
          id: 'errors.chat.attachmentNotResized',
          values: { name: staged.attachment.name },
        });
      }
      return { attachment: staged.attachment, bytes: staged.bytes };
    });
    checkMessageLimits(items.map((i) => i.attachment));
    return items;
  };

  return {
    /**
     * Throws `key_in_message` when a system prompt about to be saved holds a key: it would be sent
     * with every message and written to settings.json, which holds no secret.
     */
    refuseKeyInSystemPrompt(systemPrompt: string): void {
      guard.checkSystemPromptToSave(systemPrompt);
    },

    /**
     * Runs the key check over a conversation's messages when it is opened, off the path of its first
     * send (see KeyGuard.warm). Best effort: a failure here changes nothing, the send checks again.
     */
    async prepare(conversationId: string): Promise<void> {
      guard.warm(conversationId, await deps.history.transcript(conversationId));
    },

    /** Stops every reply streaming in a conversation (it is being deleted). */
    cancelConversation(conversationId: string): void {
      for (const [streamId, windowId] of streaming.get(conversationId) ?? []) {
        deps.sessions.cancel(streamId, windowId);
      }
      guard.forget(conversationId);
    },

    async send(
      input: {
        conversationId: string;
        content: string;
        model: string;
        webSearch?: boolean | undefined;
        attachments?: readonly string[] | undefined;
      },
      target: StreamTarget,
    ) {
      const { userMessage, replies } = await streamReplies(input.conversationId, {
        newUser: { content: input.content, attachments: stagedAttachments(input.attachments ?? []) },
        columns: [{ model: input.model, target }],
        choices: { webSearch: input.webSearch, estimateAsDraft: true },
      });
      return { userMessage: userMessage as Message, assistantMessage: replies[0] as Message };
    },

    /**
     * A new version of a reply on the visible path: a sibling under the same message, sent with the
     * messages before it, and shown as the branch. The earlier version stays.
     */
    async regenerate(
      input: {
        conversationId: string;
        fromMessageId: string;
        model: string;
        maxTokens?: number | undefined;
        webSearch?: boolean | undefined;
      },
      target: StreamTarget,
    ) {
      const { message, earlier, parentId } = await prepareVersion(
        input.conversationId,
        input.fromMessageId,
        null,
      );
      if (message.role !== 'assistant' || parentId === null)
        throw appError('validation', { id: 'errors.chat.regenerateReplyOnly' });
      const { replies } = await streamReplies(input.conversationId, {
        newUser: null,
        earlier,
        replyParentId: parentId,
        columns: [{ model: input.model, target }],
        choices: { webSearch: input.webSearch, maxTokens: input.maxTokens },
      });
      return { assistantMessage: replies[0] as Message };
    },

    /**
     * A new version of the person's message: a sibling with the new text and the same files, and a
     * reply to it. The earlier version and its replies stay.
     */
    async editAndResend(
      input: {
        conversationId: string;
        messageId: string;
        content: string;
        model: string;
        webSearch?: boolean | undefined;
      },
      target: StreamTarget,
    ) {
      const { message, earlier, parentId } = await prepareVersion(
        input.conversationId,
        input.messageId,
        input.content,
      );
      if (message.role !== 'user') throw appError('validation', { id: 'errors.chat.editOwnOnly' });
      // The edited message keeps its files (already in the history folder).
      const kept: AttachmentInput[] = (message.attachments ?? []).map((attachment) => ({ attachment }));
      const { userMessage, replies } = await streamReplies(input.conversationId, {
        newUser: { content: input.content, attachments: kept, parentId },
        earlier,
        columns: [{ model: input.model, target }],
        choices: { webSearch: input.webSearch },
      });
      return { userMessage: userMessage as Message, assistantMessage: replies[0] as Message };
    },

    /**
     * Compare (issue 18): one message to 2–4 models at once, each reply a sibling under it streaming to
     * its own column. Refused as a whole, before anything is sent or written, when any column would be.
     */
    async compare(
      input: {
        conversationId: string;
        content: string;
        webSearch?: boolean | undefined;
        attachments?: readonly string[] | undefined;
      },
      columns: ReadonlyArray<{ model: string; target: StreamTarget }>,
    ) {
      if (columns.length < 2) throw appError('validation', { id: 'errors.chat.compareNeedsTwo' });
      const { userMessage, replies } = await streamReplies(input.conversationId, {
        newUser: { content: input.content, attachments: stagedAttachments(input.attachments ?? []) },
        columns,
        choices: { webSearch: input.webSearch },
      });
      return { userMessage: userMessage as Message, replies };
    },
  };
}

export type ConversationChat = ReturnType<typeof createConversationChat>;
