import { z } from 'zod';
import {
  AttachmentRefSchema,
  AttachOutcomeSchema,
  MAX_ATTACHMENT_BASE64_CHARS,
  Sha256Schema,
  StagedAttachmentSchema,
} from '../attachment-types';
import {
  BackupConversationSchema,
  BackupIdSchema,
  BackupListSchema,
  BackupRestoreResultSchema,
  BackupSummarySchema,
} from '../backup-types';
import { ChatStreamEventSchema, ModelListSchema, ReplyImageSchema, UsageSchema } from '../chat-types';
import {
  ConversationIdSchema,
  ConversationSummarySchema,
  ExportFormatSchema,
  ImportResultSchema,
  MessageIdSchema,
  MessageSchema,
  QuarantineNoticeSchema,
  SearchResultSchema,
} from '../conversation-types';
import { ModelEndpointsSchema, ProviderInfoSchema } from '../endpoints-types';
import { LocaleStateSchema } from '../i18n/locales';
import {
  KeyChoiceSchema,
  KeyStoredSchema,
  SignInProgressSchema,
  TypedKeyResultSchema,
  TypedKeySubmissionSchema,
} from '../key-intake-types';
import { KeyInfoSchema, KeyStatusSchema } from '../key-status';
import { OptionProblemSchema } from '../option-problems';
import { ConversationOptionsSchema, ModelIdSchema } from '../request-options';
import { SettingsPatchSchema, SettingsSchema } from '../settings-types';
import { CostEstimateSchema, SpendingSummarySchema } from '../spending-types';
import { UpdateStatusSchema } from '../update-types';
import { defineContract, event, invoke } from './define';

/**
 * The chat window's IPC contract: every channel the chat renderer can use, with the schemas main
 * validates against. Nothing here can carry the key towards the renderer: no response schema has a
 * field for it (KeyStatus holds only a masked preview).
 */

const NoArgs = z.undefined();

/** Chosen by the renderer so events can never arrive for a stream it does not know yet. */
export const StreamIdSchema = z.uuid();

export const ChatEventBatchSchema = z.object({
  streamId: StreamIdSchema,
  conversationId: ConversationIdSchema,
  /** The assistant message being written. */
  messageId: MessageIdSchema,
  /** Coalesced to about one batch per animation frame by main. */
  events: z.array(ChatStreamEventSchema).min(1),
});
export type ChatEventBatch = z.infer<typeof ChatEventBatchSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Where requests go (display only; the renderer cannot change it). */
  openRouterOrigin: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** One image of a stored reply; main finds its file from these ids, the page never names a path. */
export const ReplyImageRefSchema = z
  .object({
    conversationId: ConversationIdSchema,
    messageId: MessageIdSchema,
    imageId: ReplyImageSchema.shape.id,
  })
  .strict();
export type ReplyImageRef = z.infer<typeof ReplyImageRefSchema>;

/** A reply's final figures, fetched from OpenRouter after its stream ended without them. */
export const ReplyUsageSchema = z.object({
  conversationId: ConversationIdSchema,
  messageId: MessageIdSchema,
  usage: UsageSchema,
  provider: z.string().nullable(),
});
export type ReplyUsage = z.infer<typeof ReplyUsageSchema>;

/**
 * Settings as stored, plus what was wrong in the stored file: each bad value is listed and replaced
 * by its default (so it is never sent) until the person fixes it in Settings.
 */
export const SettingsWithProblemsSchema = SettingsSchema.extend({ problems: z.array(OptionProblemSchema) });
export type SettingsWithProblems = z.infer<typeof SettingsWithProblemsSchema>;

/** A conversation's options (issue 15), plus what was wrong in its stored copy (never sent). */
export const ConversationOptionsResultSchema = ConversationOptionsSchema.extend({
  problems: z.array(OptionProblemSchema),
});
export type ConversationOptionsResult = z.infer<typeof ConversationOptionsResultSchema>;

/** The staged attachments (by sha256, in order) a message carries; absent: none. */
const AttachmentsToSend = z.array(Sha256Schema).max(10).optional();

/** Turns web search on for this one request (using Settings' engine and limits); absent: off. */
const WebSearchForThisRequest = z.boolean().optional();

export const chatContract = defineContract('chat', {
  getAppInfo: invoke(NoArgs, AppInfoSchema),

  getKeyStatus: invoke(NoArgs, KeyStatusSchema),
  verifyKey: invoke(NoArgs, KeyInfoSchema),
  removeKey: invoke(NoArgs, KeyStatusSchema),
  onKeyStatus: event(KeyStatusSchema),

  /**
   * Ways in for a key that never pass through this window: main runs the OAuth sign-in, reads the
   * clipboard itself, or opens the separate key-entry window. Only status and progress come back.
   */
  startSignIn: invoke(KeyChoiceSchema, SignInProgressSchema),
  cancelSignIn: invoke(NoArgs, z.object({ cancelled: z.boolean() })),
  onSignInProgress: event(SignInProgressSchema),
  importKeyFromClipboard: invoke(KeyChoiceSchema, KeyStoredSchema.extend({ clipboardCleared: z.boolean() })),
  openKeyWindow: invoke(NoArgs, z.object({ opened: z.boolean() })),
  /** `OPENROUTER_API_KEY` found at launch: a masked preview, until accepted or dismissed. */
  getEnvKeyOffer: invoke(NoArgs, z.object({ preview: z.string() }).nullable()),
  acceptEnvKey: invoke(KeyChoiceSchema, KeyStoredSchema),
  dismissEnvKey: invoke(NoArgs, z.object({ dismissed: z.boolean() })),
  /** "Key exposed?": removes the key and opens OpenRouter's key settings to revoke it. */
  reportKeyExposed: invoke(NoArgs, KeyStatusSchema),

  listModels: invoke(z.object({ refresh: z.boolean().optional() }).strict().optional(), ModelListSchema),

  getSettings: invoke(NoArgs, SettingsWithProblemsSchema),
  /** Saves the patch; the result lists the stored problems that remain (a field set here is fixed). */
  updateSettings: invoke(SettingsPatchSchema, SettingsWithProblemsSchema),
  /**
   * Issue 20: the whole settings again (as `getSettings` answers) after every saved change — made in
   * any window or by a restore — pushed to every chat window, so each follows the theme and the rest
   * at once. Settings never hold the key.
   */
  onSettingsChanged: event(SettingsWithProblemsSchema),

  /** The providers serving one model (price, context, quantization, uptime), to pick from. */
  listModelEndpoints: invoke(z.object({ modelId: ModelIdSchema }).strict(), ModelEndpointsSchema),
  /**
   * The ids of the models the account's own privacy and provider settings allow (`/models/user`);
   * null when the key may not ask, and then nothing is said before sending.
   */
  listAccountModelIds: invoke(NoArgs, z.object({ modelIds: z.array(z.string()).nullable() })),
  /** OpenRouter's providers (slug and name), to pick from and to check stored slugs against. */
  listProviders: invoke(NoArgs, z.object({ providers: z.array(ProviderInfoSchema) })),

  /** A conversation's own reasoning, provider, fallback and web-search choices (defaults when none). */
  getConversationOptions: invoke(
    z.object({ conversationId: ConversationIdSchema }).strict(),
    ConversationOptionsResultSchema,
  ),
  /** Changes some of a conversation's options; fields left out keep their value. */
  setConversationOptions: invoke(
    z
      .object({ conversationId: ConversationIdSchema, options: ConversationOptionsSchema.partial().strict() })
      .strict(),
    ConversationOptionsResultSchema,
  ),

  listConversations: invoke(
    z
      .object({ offset: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(500) })
      .strict(),
    z.object({ items: z.array(ConversationSummarySchema), total: z.number().int().nonnegative() }),
  ),
  createConversation: invoke(
    z.object({ model: z.string().max(200).nullable() }).strict(),
    ConversationSummarySchema,
  ),
  renameConversation: invoke(
    z.object({ conversationId: ConversationIdSchema, title: z.string().trim().min(1).max(200) }).strict(),
    ConversationSummarySchema,
  ),
  deleteConversation: invoke(
    z.object({ conversationId: ConversationIdSchema }).strict(),
    z.object({ undoToken: z.string() }),
  ),
  restoreConversation: invoke(
    z.object({ undoToken: z.string().max(200) }).strict(),
    ConversationSummarySchema,
  ),
  /** Conversations whose files could not be read; they were moved aside, not deleted. */
  listQuarantined: invoke(NoArgs, z.array(QuarantineNoticeSchema)),
  /** A page of messages, newest last; pass `before` to page backwards. */
  loadMessages: invoke(
    z
      .object({
        conversationId: ConversationIdSchema,
        before: MessageIdSchema.optional(),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    z.object({ messages: z.array(MessageSchema), hasMore: z.boolean() }),
  ),

  /** Full-text search across every conversation, with highlighted snippets. */
  searchHistory: invoke(
    z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).optional() }).strict(),
    SearchResultSchema,
  ),
  /**
   * Exports one conversation (or all, when `conversationId` is absent) to a file the person picks in
   * a main-process save dialog; the page never gets a file path to write to.
   */
  exportHistory: invoke(
    z.object({ conversationId: ConversationIdSchema.optional(), format: ExportFormatSchema }).strict(),
    z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  ),
  /** Imports a Switchboard JSON export the person picks in a main-process open dialog. */
  importHistory: invoke(NoArgs, ImportResultSchema.extend({ cancelled: z.boolean() })),

  /**
   * Appends the person's message and streams the reply. Main builds the request from the stored
   * conversation (with the system prompt and parameters from settings), so the renderer never
   * re-sends history and cannot rewrite it.
   */
  sendMessage: invoke(
    z
      .object({
        streamId: StreamIdSchema,
        conversationId: ConversationIdSchema,
        content: z.string().max(1_000_000),
        model: z.string().min(1).max(200),
        webSearch: WebSearchForThisRequest,
        attachments: AttachmentsToSend,
      })
      .strict()
      .refine((r) => r.content.trim() !== '' || (r.attachments?.length ?? 0) > 0, {
        message: 'A message needs text or an attachment.',
      }),
    z.object({ userMessage: MessageSchema, assistantMessage: MessageSchema }),
  ),
  /**
   * A new version of a reply (issue 18): a sibling of `fromMessageId` under the same message, shown as
   * the conversation's branch; the earlier version stays, reachable with the version buttons.
   */
  regenerate: invoke(
    z
      .object({
        streamId: StreamIdSchema,
        conversationId: ConversationIdSchema,
        fromMessageId: MessageIdSchema,
        model: z.string().min(1).max(200),
        /** Overrides the Max tokens setting for this one request ("Retry with N max tokens"). */
        maxTokens: z.number().int().positive().max(1_000_000).optional(),
        webSearch: WebSearchForThisRequest,
      })
      .strict(),
    z.object({ assistantMessage: MessageSchema }),
  ),
  /**
   * A new version of the person's message (issue 18): a sibling of `messageId` with the new text (and
   * the same attachments), and a reply to it; the earlier version and its replies stay.
   */
  editAndResend: invoke(
    z
      .object({
        streamId: StreamIdSchema,
        conversationId: ConversationIdSchema,
        messageId: MessageIdSchema,
        content: z.string().min(1).max(1_000_000),
        model: z.string().min(1).max(200),
        webSearch: WebSearchForThisRequest,
      })
      .strict(),
    z.object({ userMessage: MessageSchema, assistantMessage: MessageSchema }),
  ),
  cancelChat: invoke(z.object({ streamId: StreamIdSchema }).strict(), z.object({ cancelled: z.boolean() })),
  /**
   * Shows the branch that holds `messageId` (issue 18): the conversation's visible path becomes the
   * way from its first message through `messageId` down to the newest reply under it. The window then
   * reloads the messages. Used by "Previous version"/"Next version", "Continue with this" and search.
   */
  switchBranch: invoke(
    z.object({ conversationId: ConversationIdSchema, messageId: MessageIdSchema }).strict(),
    z.object({ leafId: MessageIdSchema }),
  ),
  /**
   * Compare (issue 18): one prompt to 2–4 models at once. Main appends the person's message once and
   * starts one request per column, each reply a sibling under that message with its own stream id
   * (cancel one with `cancelChat`); the first column's reply is shown as the conversation's branch
   * until "Continue with this" picks another (`switchBranch`). Refused as a whole, before anything is
   * sent or written, when any column would be (key, limits, a model that cannot read the attachments).
   */
  compareModels: invoke(
    z
      .object({
        conversationId: ConversationIdSchema,
        content: z.string().max(1_000_000),
        attachments: AttachmentsToSend,
        webSearch: WebSearchForThisRequest,
        columns: z
          .array(z.object({ streamId: StreamIdSchema, model: z.string().min(1).max(200) }).strict())
          .min(2)
          .max(4),
      })
      .strict()
      .refine((r) => r.content.trim() !== '' || (r.attachments?.length ?? 0) > 0, {
        message: 'A message needs text or an attachment.',
      })
      .refine((r) => new Set(r.columns.map((c) => c.streamId)).size === r.columns.length, {
        message: 'Each column needs its own stream id.',
      }),
    z.object({ userMessage: MessageSchema, replies: z.array(MessageSchema).min(2).max(4) }),
  ),
  onChatEvents: event(ChatEventBatchSchema),
  /**
   * Final usage and provider of a reply whose stream ended without them (cancelled, dropped), fetched
   * by main from OpenRouter's generation record after the stream ended.
   */
  onReplyUsage: event(ReplyUsageSchema),

  /** An image of a stored reply, as a data URL (main checks the file's bytes are the image type first). */
  getReplyImage: invoke(ReplyImageRefSchema, z.object({ dataUrl: z.string() })),
  /** Saves an image of a reply to a file the person picks in a main-process save dialog. */
  saveReplyImage: invoke(
    ReplyImageRefSchema,
    z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  ),

  /**
   * Attachments (issue 17). "Attach files": main's open dialog; the chosen files are read, recognised
   * by their bytes and kept by main until sent. The page never learns where they were.
   */
  attachFiles: invoke(NoArgs, AttachOutcomeSchema),
  /**
   * A dropped or pasted file (the page already holds its bytes), or an image the page resized
   * (`replaces`: the staged original). Refused with `attachment_refused` and a reason.
   */
  stageAttachment: invoke(
    z
      .object({
        name: z.string().max(1000),
        dataBase64: z.string().min(1).max(MAX_ATTACHMENT_BASE64_CHARS),
        replaces: Sha256Schema.optional(),
      })
      .strict(),
    StagedAttachmentSchema,
  ),
  /** Removes a chip: main forgets the staged file (a stored one is never touched). */
  discardAttachment: invoke(
    z.object({ sha256: Sha256Schema }).strict(),
    z.object({ discarded: z.boolean() }),
  ),
  /** An image attachment as a data URL (main checks the bytes are that image type and hash first). */
  getAttachmentImage: invoke(AttachmentRefSchema, z.object({ dataUrl: z.string() })),
  /** Saves an attachment to a file the person picks in a main-process save dialog. */
  saveAttachment: invoke(
    AttachmentRefSchema,
    z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  ),

  /** Spending (issue 16): the ledger's totals over the last 30 or 90 days, per day and per model. */
  getSpending: invoke(
    z.object({ days: z.union([z.literal(30), z.literal(90)]) }).strict(),
    SpendingSummarySchema,
  ),
  /** One conversation's total (the conversation header); `estimated` when some replies are estimates. */
  getConversationSpending: invoke(
    z.object({ conversationId: ConversationIdSchema }).strict(),
    z.object({
      totalUsd: z.number().nonnegative(),
      replies: z.number().int().nonnegative(),
      estimated: z.boolean(),
    }),
  ),
  /** Saves the ledger (the last `days` days, or all of it) as CSV to a file picked in a main-process dialog. */
  exportSpendingCsv: invoke(
    z.object({ days: z.number().int().min(1).max(3660).optional() }).strict(),
    z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  ),

  /**
   * Backups (issue 20): snapshots of the history, settings and ledger in main's data folder (never the
   * key), named by opaque ids; the window never gets a path. Restore takes a snapshot of the current
   * state first (`undoBackupId`), so a restore can be undone; refused while a reply streams.
   */
  listBackups: invoke(NoArgs, BackupListSchema),
  backUpNow: invoke(NoArgs, BackupSummarySchema),
  restoreBackup: invoke(z.object({ backupId: BackupIdSchema }).strict(), BackupRestoreResultSchema),
  listBackupConversations: invoke(
    z.object({ backupId: BackupIdSchema }).strict(),
    z.object({ conversations: z.array(BackupConversationSchema) }),
  ),
  restoreBackupConversation: invoke(
    z.object({ backupId: BackupIdSchema, conversationId: ConversationIdSchema }).strict(),
    ConversationSummarySchema,
  ),
  /**
   * A snapshot as one file encrypted with the person's passphrase (age), saved into a folder they pick
   * in main's folder dialog (a synced folder, say); `fileName` is its name only.
   */
  saveEncryptedBackup: invoke(
    z.object({ backupId: BackupIdSchema, passphrase: z.string().min(1).max(1024) }).strict(),
    z.object({ saved: z.boolean(), fileName: z.string().nullable() }),
  ),
  /** Opens an encrypted copy the person picks in main's open dialog (maybe from another computer). */
  openEncryptedBackup: invoke(
    z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    z.object({ cancelled: z.boolean(), backup: BackupSummarySchema.nullable() }),
  ),
  /**
   * What the next message could cost (prompt tokens of the whole context that would be sent, and the
   * reply's range up to Max tokens), for paid models; `conversationId` null for a new conversation.
   */
  estimateCost: invoke(
    z
      .object({
        conversationId: ConversationIdSchema.nullable(),
        model: z.string().min(1).max(200),
        draft: z.string().max(1_000_000),
        webSearch: WebSearchForThisRequest,
        attachments: AttachmentsToSend,
      })
      .strict(),
    CostEstimateSchema,
  ),

  /** Opens an https link in the system browser after the person confirms in a main-process dialog. */
  openExternal: invoke(z.object({ url: z.string().max(4096) }).strict(), z.object({ opened: z.boolean() })),

  /** Updates (issue 20): where the update service is (checking, downloading, ready, waiting…). */
  getUpdateStatus: invoke(NoArgs, UpdateStatusSchema),
  /** "Check for updates" in Settings: checks now (and downloads in the background), whatever the setting. */
  checkForUpdates: invoke(NoArgs, UpdateStatusSchema),
  /**
   * "Restart to update": main backs up, then quits and installs — or, while a reply streams, answers
   * `waiting-for-replies` and installs when the replies end (or at quit).
   */
  restartToUpdate: invoke(NoArgs, UpdateStatusSchema),
  onUpdateStatus: event(UpdateStatusSchema),

  /**
   * Languages (issue 20): the locale the window shows its text in, resolved by main from Settings →
   * "Language" and the system's preferred languages; pushed again whenever it changes (no restart).
   */
  getLocale: invoke(NoArgs, LocaleStateSchema),
  onLocaleChanged: event(LocaleStateSchema),
});

export type ChatContract = typeof chatContract;

/**
 * The key-entry window's contract: the only window that ever holds a typed key. It can submit the
 * key or cancel; it has no chat, no markdown, no other bridge.
 */
export const keyEntryContract = defineContract('keyEntry', {
  getKeyEntryContext: invoke(
    NoArgs,
    z.object({ backend: z.string(), persistenceIsWeak: z.boolean(), encryptionAvailable: z.boolean() }),
  ),
  submit: invoke(TypedKeySubmissionSchema, TypedKeyResultSchema),
  cancel: invoke(NoArgs, z.object({ closed: z.boolean() })),
  /** The locale to show this window's text in (issue 20); the window lives briefly, so no change event. */
  getLocale: invoke(NoArgs, LocaleStateSchema),
});

export type KeyEntryContract = typeof keyEntryContract;
