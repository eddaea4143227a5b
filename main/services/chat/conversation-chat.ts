import { randomUUID } from 'node:crypto';
import type { Attachment } from '../../../common/attachment-types';
import type {
  ChatMessage,
  ChatRequest,
  ChatStreamEvent,
  ModelSummary,
  Usage,
} from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import { appError } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import type { RequestOptions } from '../../../common/request-options';
import type { Settings } from '../../../common/settings-types';
import type { AttachmentIntake } from '../attachments/types';
import type { ReplyFinal, TranscriptEntry } from '../history';
import type { Logger } from '../log/logger';
import { sanitiseAppError } from '../log/sanitise-errors';
import type { ReplyData } from '../openrouter/reply-data';
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
import type { ReplyCost, ReplyCosts } from './reply-costs';
import type { RequestOptionsResolver } from './request-options';

/** An attachment of a new user message: fresh from the composer (with bytes) or already stored. */
export interface AttachmentInput {
  attachment: Attachment;
  bytes?: Uint8Array;
}

/** What this module needs from the history store. */
export interface HistoryPort {
  transcript(conversationId: string): Promise<TranscriptEntry[]>;
  appendUserMessage(
    conversationId: string,
    content: string,
    attachments?: readonly AttachmentInput[],
  ): Promise<Message>;
  /** A stored attachment's bytes, checked against its hash; null when missing or damaged. */
  attachmentBytes(sha256: string): Promise<Uint8Array | null>;
  truncateFrom(conversationId: string, messageId: string): Promise<void>;
  beginReply(conversationId: string, opts: { model: string; messageId?: string }): Promise<Message>;
  checkpointReply(
    conversationId: string,
    messageId: string,
    text: { content: string; reasoning: string },
  ): void;
  finishReply(conversationId: string, messageId: string, final: ReplyFinal): Promise<unknown>;
}

/** Reply ids are chosen before the placeholder is written; random, and valid message ids. */
function newReplyId(): string {
  return `r${randomUUID().replaceAll('-', '')}`;
}

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
  /**
   * The request options, when they were resolved before a history write (regenerate and edit resolve
   * them before truncating, so a send they refuse — a broken provider routing — loses nothing).
   */
  resolved?: RequestOptions | undefined;
  /** The spending limits already admitted this reply (regenerate and edit check before truncating). */
  admitted?: ReplyCost | undefined;
  /** The new user message's attachments (issue 17). */
  attachments?: readonly AttachmentInput[] | undefined;
}

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
 * Sending, regenerating and edit-and-resend. The request starts as soon as the context is known, in
 * parallel with the durable writes of the person's message and the reply placeholder (two fsyncs that
 * would otherwise add ~10 ms to the time to first token). The reply's id is chosen here, so tokens
 * reach the window at once; checkpoints and the final write wait for the placeholder to be on disk,
 * and a failed write cancels the stream.
 *
 * Because the request goes out before anything is written, the key check (`guard`) runs first of
 * all: before the request, before the person's message is saved, and — for regenerate and edit —
 * before the later messages are truncated. A refused message changes nothing anywhere.
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

  const streamReply = async (
    conversationId: string,
    model: string,
    target: StreamTarget,
    newUserContent: string | null,
    choices: SendChoices = {},
  ): Promise<{ userMessage: Message | null; assistantMessage: Message }> => {
    const maxTokensOverride = choices.maxTokens;
    const [history, options] = await Promise.all([
      deps.history.transcript(conversationId),
      choices.resolved ?? resolveOptions(conversationId, model, choices.webSearch),
    ]).catch((error: unknown) => {
      choices.admitted?.abandon();
      throw error;
    });
    const settings = deps.settings();
    const newAttachments = choices.attachments ?? [];
    const context: readonly TranscriptEntry[] =
      newUserContent === null
        ? history
        : [
            ...history,
            {
              id: '',
              role: 'user',
              content: newUserContent,
              ...(newAttachments.length > 0 ? { attachments: newAttachments.map((a) => a.attachment) } : {}),
            },
          ];
    let contents: AttachmentContents;
    let pdfEngine: ReturnType<typeof pdfEngineFor>;
    // Everything below puts text on the wire; nothing above wrote anything.
    try {
      contents = await loadAttachmentContents(
        context,
        newAttachments.flatMap((a) => (a.bytes ? [{ attachment: a.attachment, bytes: a.bytes }] : [])),
        (sha) => deps.history.attachmentBytes(sha),
      );
      // Attached text files go upstream as text: the key check reads them like the messages (the
      // new message's own files first, each named if it holds a key).
      for (const a of newAttachments) {
        const bytes = contents.get(a.attachment.sha256);
        if (a.attachment.kind === 'text' && bytes)
          guard.checkAttachedFile(a.attachment.name, attachmentText(bytes));
      }
      guard.check({
        conversationId,
        systemPrompt: settings.systemPrompt,
        earlier: [...history, ...attachedTextEntries(history, contents)],
        newContent: newUserContent,
      });
      const kinds = attachmentKinds(context);
      const info = kinds.size > 0 && deps.modelInfo ? await deps.modelInfo(model).catch(() => null) : null;
      checkModelCanRead(model, info, kinds, settings.pdfEngine);
      pdfEngine = pdfEngineFor(kinds, settings.pdfEngine, info);
    } catch (error) {
      choices.admitted?.abandon();
      throw error;
    }
    const request: ChatRequest = {
      model,
      messages: buildContext(context, settings.systemPrompt, contents),
      ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
      // "Retry with N max tokens" overrides the setting for this one request.
      ...(maxTokensOverride !== undefined
        ? { maxTokens: maxTokensOverride }
        : settings.maxTokens !== null
          ? { maxTokens: settings.maxTokens }
          : {}),
      // Only what the person chose: with no choice this adds nothing (issue 15).
      ...options,
      ...(pdfEngine !== null ? { pdfEngine } : {}),
    };
    if (!request.messages.some((m) => m.role === 'user')) {
      choices.admitted?.abandon();
      throw appError('validation', 'There is no message to reply to.');
    }
    // The spending limits, last of the checks: nothing has been sent or written yet.
    const cost =
      choices.admitted ??
      (await deps.replyCosts?.admit({
        model,
        messages: request.messages,
        maxTokens: request.maxTokens,
        ...(newUserContent !== null
          ? {
              send: {
                conversationId,
                draft: newUserContent,
                webSearch: choices.webSearch,
                attachments: newAttachments.map((a) => a.attachment.sha256),
              },
            }
          : {}),
      }));

    const replyId = newReplyId();
    let reply: Message | null = null;
    const early: Array<() => void> = [];
    const whenPersisted = (fn: () => void) => (reply ? fn() : early.push(fn));
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
    track(conversationId, target.streamId, target.windowId);
    const observe = (e: ChatStreamEvent) => {
      if (e.type === 'done' || e.type === 'error') untrack(conversationId, target.streamId);
      if (e.type === 'usage' && e.usage.cost !== undefined) sawCost = true;
      if (e.type === 'done') {
        if (e.result.usage?.cost !== undefined) sawCost = true;
        whenPersisted(() => fetchFiguresLater(e.result.generationId));
      }
      whenPersisted(() => {
        const id = replyId;
        if (e.type === 'delta') {
          content += e.content;
          reasoning += e.reasoning;
          deps.history.checkpointReply(conversationId, id, { content, reasoning });
        } else if (e.type === 'done') {
          cost?.done(e.result);
          const referenced = new Set(e.result.images.map((i) => i.id));
          void deps.history
            .finishReply(conversationId, id, {
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
            .catch((error: unknown) =>
              deps.log.error('could not save reply', { error: describeError(error) }),
            );
        } else if (e.type === 'error') {
          cost?.failed({ content: e.partialContent, reasoning: e.partialReasoning, status: e.error.status });
          void deps.history
            .finishReply(conversationId, id, {
              status: e.error.code === 'cancelled' ? 'cancelled' : 'error',
              content: e.partialContent,
              reasoning: e.partialReasoning,
              // Upstream text was redacted by shape and the request's key; the known candidates too
              // before it is written to disk.
              error: e.error.code === 'cancelled' ? null : sanitiseAppError(e.error),
            })
            .catch((error: unknown) =>
              deps.log.error('could not save reply', { error: describeError(error) }),
            );
        }
      });
    };

    deps.sessions.start(
      target.streamId,
      target.windowId,
      request,
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
    let userMessage: Message | null = null;
    // Let fetch put the request on the wire before the writes below take the event loop: undici
    // sends it within the current turn's microtasks, and the serialising and fs callbacks of two
    // durable writes would otherwise run first (~0.4 ms of time to first token, measured).
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      if (newUserContent !== null) {
        userMessage = await deps.history.appendUserMessage(conversationId, newUserContent, newAttachments);
        // In the history folder now: the composer's copies can go.
        for (const a of newAttachments) if (a.bytes) deps.attachments?.discard(a.attachment.sha256);
      }
      reply = await deps.history.beginReply(conversationId, { model, messageId: replyId });
    } catch (error) {
      deps.sessions.cancel(target.streamId, target.windowId);
      cost?.abandon();
      throw error;
    }
    cost?.started(conversationId, replyId);
    for (const fn of early.splice(0)) fn();
    void deps.noteModelUsed(model).catch(() => undefined);
    return { userMessage, assistantMessage: reply };
  };

  /**
   * The message to regenerate from or edit, after checking what would be sent in its place: the
   * messages before it (and the edited text). Truncating is a history write, so it must come after.
   */
  const prepareReplace = async (conversationId: string, messageId: string, newContent: string | null) => {
    if (newContent !== null) {
      // The edited text alone can be refused before reading anything.
      guard.check({ conversationId, systemPrompt: '', earlier: [], newContent });
    }
    const messages = await deps.history.transcript(conversationId);
    const index = messages.findIndex((m) => m.id === messageId);
    const message = messages[index];
    if (!message) throw appError('validation', 'That message no longer exists.');
    guard.check({
      conversationId,
      systemPrompt: deps.settings().systemPrompt,
      earlier: messages.slice(0, index),
      newContent,
    });
    return { message, earlier: messages.slice(0, index) };
  };

  /**
   * The spending limits for a reply that replaces messages: checked against the context it would send,
   * before the truncation (a refused send leaves the conversation as it was).
   */
  const admitReplacement = async (
    model: string,
    context: readonly TranscriptEntry[],
    maxTokens: number | undefined,
  ): Promise<ReplyCost | undefined> => {
    if (!deps.replyCosts) return undefined;
    const settings = deps.settings();
    return deps.replyCosts.admit({
      model,
      messages: buildContext(context, settings.systemPrompt),
      maxTokens: maxTokens ?? settings.maxTokens ?? undefined,
    });
  };

  /** The composer's attachments by hash, in order; one that is no longer staged stops the send. */
  const stagedAttachments = (hashes: readonly string[]): AttachmentInput[] => {
    const items = [...new Set(hashes)].map((sha) => {
      const staged = deps.attachments?.get(sha) ?? null;
      if (!staged) {
        throw appError(
          'attachment_refused',
          'An attachment is no longer ready to send (it was removed, or Switchboard restarted). Attach it again, then send.',
        );
      }
      if (staged.pendingResize) {
        throw appError(
          'attachment_refused',
          `${staged.attachment.name} is too large for the models' image limits and has not been resized yet. Wait for it to be resized, or remove it, then send.`,
        );
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
      const { userMessage, assistantMessage } = await streamReply(
        input.conversationId,
        input.model,
        target,
        input.content,
        { webSearch: input.webSearch, attachments: stagedAttachments(input.attachments ?? []) },
      );
      return { userMessage: userMessage as Message, assistantMessage };
    },

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
      const { message, earlier } = await prepareReplace(input.conversationId, input.fromMessageId, null);
      if (message.role !== 'assistant') throw appError('validation', 'Only a reply can be regenerated.');
      // Before the truncation: a refused send must leave the reply it would have replaced.
      const resolved = await resolveOptions(input.conversationId, input.model, input.webSearch);
      const admitted = await admitReplacement(input.model, earlier, input.maxTokens);
      try {
        await deps.history.truncateFrom(input.conversationId, input.fromMessageId);
      } catch (error) {
        admitted?.abandon();
        throw error;
      }
      const { assistantMessage } = await streamReply(input.conversationId, input.model, target, null, {
        maxTokens: input.maxTokens,
        resolved,
        admitted,
      });
      return { assistantMessage };
    },

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
      const { message, earlier } = await prepareReplace(input.conversationId, input.messageId, input.content);
      if (message.role !== 'user') throw appError('validation', 'Only your own messages can be edited.');
      // Before the truncation: a refused send must leave the messages it would have replaced.
      const resolved = await resolveOptions(input.conversationId, input.model, input.webSearch);
      // The edited message keeps its files (already in the history folder).
      const kept: AttachmentInput[] = (message.attachments ?? []).map((attachment) => ({ attachment }));
      const admitted = await admitReplacement(
        input.model,
        [...earlier, { id: '', role: 'user', content: input.content }],
        undefined,
      );
      try {
        await deps.history.truncateFrom(input.conversationId, input.messageId);
      } catch (error) {
        admitted?.abandon();
        throw error;
      }
      const { userMessage, assistantMessage } = await streamReply(
        input.conversationId,
        input.model,
        target,
        input.content,
        { resolved, admitted, attachments: kept },
      );
      return { userMessage: userMessage as Message, assistantMessage };
    },
  };
}

export type ConversationChat = ReturnType<typeof createConversationChat>;
