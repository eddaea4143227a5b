import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo } from '../../common/ipc/contract';
import { describeError } from '../../common/redact';
import type { Settings } from '../../common/settings-types';
import type { UpdatesUnavailableReason } from '../../common/update-types';
import { createAttachmentIntake } from '../services/attachments';
import { createBackupService } from '../services/backups/backup-service';
import { createCatalogCache } from '../services/chat/catalog-cache';
import { createChatSessions } from '../services/chat/chat-sessions';
import { createConversationChat } from '../services/chat/conversation-chat';
import { createConversationOptions } from '../services/chat/conversation-options';
import { createFinalFigures } from '../services/chat/final-figures';
import { keysToRefuse } from '../services/chat/key-guard';
import { createReplyCosts, defaultWorstCaseUsd, upgradingLedger } from '../services/chat/reply-costs';
import { createRequestOptionsResolver } from '../services/chat/request-options';
import { createCostEstimator, createKeyInfoMemory, rememberingKeyInfo } from '../services/estimate';
import {
  createHistoryStoreWithRestorer,
  readImportFile,
  writeExportFile,
  writeImageFile,
} from '../services/history';
import { createLocaleService, type SystemLanguages } from '../services/i18n/locale-service';
import { createCalendar } from '../services/ledger/calendar';
import { createLedgerStore } from '../services/ledger/ledger-store';
import { createSpending } from '../services/ledger/spending';
import { createSpendingLimits } from '../services/ledger/spending-limits';
import { knownSecrets } from '../services/log/known-secrets';
import type { Logger } from '../services/log/logger';
import { sanitiseErrorsIn } from '../services/log/sanitise-errors';
import { createKeyInfoReader, createOpenRouterClient } from '../services/openrouter/client';
import { createSettingsStore } from '../services/settings/settings-store';
import { type Scheduler, timerScheduler } from '../services/shared/scheduler';
import { createUpdateService } from '../services/updates/update-service';
import type { SnapshotBeforeUpdate, UpdaterAdapter } from '../services/updates/updater-adapter';
import type { CiphertextStore } from '../services/vault/ciphertext-store';
import { createKeyVault } from '../services/vault/key-vault';
import type { SecretCipher } from '../services/vault/secret-cipher';
import type { BackupDialogs } from './backup-handlers';
import { type ConfirmAndOpenLink, createChatHandlers, type FileDialogs, withProblems } from './chat-handlers';
import { createKeyEntryHandlers } from './key-entry-window-handlers';
import { createKeyIntake, type KeyIntakeAdapters } from './key-intake';
import { createKeyOriginConsent } from './key-origin-consent';
import type { AskPerson } from './questions';
import type { YoungGeneration } from './young-generation';

/**
 * The composition root shared by the Electron app and the browser harness: the same services and
 * handlers, only the adapters differ (safeStorage vs a test cipher, dialogs vs auto-answers).
 */
/** Issue 20: the updater, and what backs up before an update is applied. */
export interface UpdateAdapters {
  /** electron-updater in a packaged app, a fake in the harness; null where updates are not checked. */
  updater: UpdaterAdapter | null;
  unavailableReason?: UpdatesUnavailableReason;
  /**
   * The backup before applying an update; default: the backups service's `snapshotBeforeUpdate`.
   * When it rejects, the update is not installed and "Restart to update" says the backup failed.
   */
  snapshotBeforeUpdate?: SnapshotBeforeUpdate;
  /** The automatic checks' timers (default: real timers). */
  scheduler?: Scheduler;
}

export interface ServiceAdapters {
  /** Main's small young generation (young-generation.ts); the full search-index build runs as bulk work. */
  youngGeneration?: YoungGeneration;
  appInfo: Omit<AppInfo, 'openRouterOrigin'>;
  openRouterBaseUrl: string;
  /** userData (app) or the harness data directory: settings.json and history/ live here. */
  dataDir: string;
  cipher: SecretCipher;
  ciphertextStore: CiphertextStore;
  log: (scope: string) => Logger;
  /** Confirms with the person and opens an https URL in the system browser. */
  openExternal: ConfirmAndOpenLink;
  /**
   * Asks the person a question from main (questions.ts): a main-process dialog in the app, configured
   * answers in the harness. Resolves true only on an explicit yes.
   */
  ask: AskPerson;
  platform: NodeJS.Platform;
  /** Issue 20: take a daily backup while the app runs (default true; tests and the harness turn it off). */
  scheduleBackups?: boolean;
  /** Issue 20: the folder and file dialogs of encrypted backup copies (absent: not offered). */
  backupDialogs?: BackupDialogs;
  fetch?: typeof fetch;
  /** Where exports go and imports come from: main-process file dialogs (or the harness's stand-ins). */
  dialogs: FileDialogs;
  /** Key intake: the clipboard, the system browser, the key-entry window, the launch environment. */
  /** Updates (issue 20); absent: not checked (tests, and the app when unpackaged). */
  updates?: UpdateAdapters;
  /**
   * Languages (issue 20): the system's preferred languages (Electron's `app.getPreferredSystemLanguages()`)
   * and whether the pseudo-locale may be chosen. Absent: no system languages (English), no pseudo-locale.
   */
  i18n?: { systemLanguages: SystemLanguages; pseudoAllowed: boolean };
  keyIntake: Pick<
    KeyIntakeAdapters,
    | 'clipboard'
    | 'consumeUserActivation'
    | 'openSignInPage'
    | 'openKeySettingsPage'
    | 'openKeyWindow'
    | 'closeKeyWindow'
    | 'env'
  >;
}

export function composeServices(adapters: ServiceAdapters) {
  const launchOrigin = new URL(adapters.openRouterBaseUrl).origin;
  const openRouter = {
    baseUrl: adapters.openRouterBaseUrl,
    log: adapters.log('openrouter'),
    ...(adapters.fetch ? { fetch: adapters.fetch } : {}),
  };
  // GET /key for the key it is given, reading none of its own: the vault verifies through it, and a
  // new key's label is read with it before the key may replace a kept one.
  // Every /key answer is remembered for its key (a fingerprint, not the key), so cost estimates can say
  // what the key has left without asking OpenRouter per keystroke (issue 16).
  const keyInfoMemory = createKeyInfoMemory();
  const keyInfoOf = rememberingKeyInfo(createKeyInfoReader(openRouter), keyInfoMemory);
  const vault = createKeyVault({
    cipher: adapters.cipher,
    store: adapters.ciphertextStore,
    log: adapters.log('vault'),
    verify: keyInfoOf,
    platform: adapters.platform,
    launchOrigin,
  });
  // The client reads the key from the vault at call time, *for its own origin*: a stored key bound to
  // another origin is refused there (a typed `key_origin_mismatch`, no request) unless the person
  // agreed for this launch.
  const client = createOpenRouterClient({ ...openRouter, getKey: () => vault.keyFor(launchOrigin) });
  const keyOriginConsent = createKeyOriginConsent({ vault, ask: adapters.ask, log: adapters.log('vault') });
  const settings = createSettingsStore({ dir: adapters.dataDir, log: adapters.log('settings') });
  // Issue 20: the language main's menu, dialogs and pages use and the windows are told; re-resolved
  // whenever Settings change (the glue rebuilds the menu and tells the windows on `locale.onChange`).
  const locale = createLocaleService({
    setting: () => settings.get().language,
    systemLanguages: adapters.i18n?.systemLanguages ?? (() => []),
    pseudoAllowed: adapters.i18n?.pseudoAllowed ?? false,
    log: adapters.log('i18n'),
  });
  settings.onChange(() => locale.refresh());
  const { history, restorer: historyRestorer } = createHistoryStoreWithRestorer({
    dir: join(adapters.dataDir, 'history'),
    log: adapters.log('history'),
    // A Markdown export's own words (speakers, headings) in the interface language of the moment.
    text: locale.text(),
    ...(adapters.youngGeneration ? { bulkWork: adapters.youngGeneration.bulkWork } : {}),
  });
  // Issue 20: snapshots of the history, settings and ledger in <dataDir>/backups (never the key); a
  // restore puts conversation files back through the history's restorer, so its caches and search follow.
  const backups = createBackupService({
    dataDir: adapters.dataDir,
    log: adapters.log('backups'),
    history,
    restorer: historyRestorer,
    // A whole restore replaces the settings through their store (listeners told: the language
    // follows) and merges the snapshot's ledger into the live one (entries added, none removed). The
    // ledger store is made below; a restore only runs after composition.
    settings,
    ledger: {
      loaded: () => ledger.loaded(),
      get: (messageId) => ledger.get(messageId),
      recordMany: (entries, opts) => ledger.recordMany(entries, opts),
    },
  });
  const sessions = createChatSessions({ client, log: adapters.log('chat') });
  // Issue 20: updates, checked at start and daily unless Settings says not; installed only after a
  // backup snapshot and never while a reply streams (the sessions' running replies).
  const updates = createUpdateService({
    updater: adapters.updates?.updater ?? null,
    unavailableReason: adapters.updates?.unavailableReason ?? 'not-packaged',
    automaticChecks: () => settings.get().checkForUpdatesAutomatically,
    activeReplies: { count: () => sessions.activeCount, settle: () => sessions.settle() },
    // A complete `pre-update` snapshot, or no install (the backups service rejects when it fails).
    snapshotBeforeUpdate:
      adapters.updates?.snapshotBeforeUpdate ??
      (async () => {
        await backups.snapshotBeforeUpdate();
      }),
    scheduler: adapters.updates?.scheduler ?? timerScheduler,
    log: adapters.log('updates'),
  });
  // Issue 16: the spending ledger (<dataDir>/ledger), the limits checked before every send, and each
  // reply's cost recorded there. Days and months are the system's local time.
  const ledger = createLedgerStore({ dir: join(adapters.dataDir, 'ledger'), log: adapters.log('ledger') });
  const calendar = createCalendar();
  const spending = createSpending({ ledger, calendar, now: Date.now });
  const replyCosts = createReplyCosts({
    ledger,
    limits: createSpendingLimits({
      entries: () => ledger.all(),
      // A stored bad limit is listed in Settings' problems and replaced by "no limit" (settings-store).
      limits: () => settings.get().spending,
      now: Date.now,
      calendar,
    }),
    prices: async (id) => (await client.listModels()).models.find((m) => m.id === id) ?? null,
    // A plain send is checked against the estimate the composer shows (main/services/estimate);
    // regenerate and edit, whose context differs from the stored transcript, against the rough one.
    worstCaseUsd: async (request, model) =>
      request.send
        ? (await costEstimator.estimate({ ...request.send, model: request.model })).highUsd
        : defaultWorstCaseUsd(request, model),
    now: Date.now,
    log: adapters.log('ledger'),
  });
  // Usage of replies whose stream ended without it, from GET /generation (1 s, 3 s, 10 s after); the
  // ledger's estimate for the reply is replaced by it too.
  const finalFigures = createFinalFigures({
    client,
    history: upgradingLedger(history, replyCosts),
    scheduler: timerScheduler,
    log: adapters.log('chat'),
  });
  // Issue 15: the provider list, endpoints and account models (cached briefly), each conversation's
  // options, and the request options resolved from them, Settings and the composer per request.
  const catalog = createCatalogCache({ client });
  const conversationOptions = createConversationOptions({
    history,
    knownProviders: () => catalog.knownProviders(),
  });
  const requestOptions = createRequestOptionsResolver({
    settings: () => settings.get(),
    settingsProblems: () => settings.problems(),
    conversationOptions: (id) => conversationOptions.forRequest(id),
    listModels: () => client.listModels(),
    knownProviders: () => catalog.knownProviders(),
    log: adapters.log('chat'),
  });
  // Issue 17: the composer's attachments, held in main's memory until their message is sent; the
  // files the person picks in "Attach files" are read here (sized first, so a huge file is not read).
  const attachments = createAttachmentIntake({
    files: {
      size: async (path) => (await stat(path)).size,
      read: async (path) => new Uint8Array(await readFile(path)),
    },
    log: adapters.log('attachments'),
  });
  const chat = createConversationChat({
    requestOptions,
    attachments,
    modelInfo: async (id) => (await client.listModels()).models.find((m) => m.id === id) ?? null,
    finalFigures,
    replyCosts,
    history,
    sessions,
    settings: () => settings.get(),
    noteModelUsed: (model) => settings.noteModelUsed(model),
    log: adapters.log('chat'),
    // A message holding the current key, a key entered this session or a key-shaped string is refused.
    knownKeys: () => keysToRefuse(vault.currentKey(), knownSecrets.list()),
  });
  // Issue 16: what the next message could cost, from the context the chat service would send.
  const costEstimator = createCostEstimator({
    transcript: (id) => history.transcript(id),
    settings: () => settings.get(),
    conversationOptions: (id) => conversationOptions.forRequest(id),
    listModels: () => client.listModels(),
    keyLimitRemainingUsd: () => keyInfoMemory.limitRemainingFor(vault.currentKey()),
    // Attachments count too (issue 17): the composer's staged files, and stored text files' text.
    staged: (sha) => attachments.get(sha),
    storedBytes: (sha) => history.attachmentBytes(sha),
  });
  const keyIntake = createKeyIntake({
    ...adapters.keyIntake,
    openRouterBaseUrl: adapters.openRouterBaseUrl,
    vault,
    // The new key's label before it may replace a kept one (the key is passed, not read from the vault).
    verifyCandidate: keyInfoOf,
    ask: adapters.ask,
    log: adapters.log,
    text: locale.text(),
  });
  const handlers = createChatHandlers({
    appInfo: { ...adapters.appInfo, openRouterOrigin: launchOrigin },
    vault,
    models: client,
    settings,
    catalog,
    conversationOptions,
    history,
    chat,
    attachments,
    // A window asks for totals as soon as a reply's `done` reaches it, while that reply's ledger entry
    // may still be being worked out and written: answer after the entries in progress are written.
    spending: {
      summary: async (days: Parameters<typeof spending.summary>[0]) => {
        await replyCosts.settle();
        return spending.summary(days);
      },
      conversation: async (conversationId: string) => {
        await replyCosts.settle();
        return spending.conversation(conversationId);
      },
      csv: async (days: Parameters<typeof spending.csv>[0]) => {
        await replyCosts.settle();
        return spending.csv(days);
      },
    },
    estimator: costEstimator,
    keyIntake,
    files: {
      ...adapters.dialogs,
      writeExport: writeExportFile,
      readImport: readImportFile,
      writeImage: writeImageFile,
    },
    sessions,
    openExternal: adapters.openExternal,
    backups,
    backupDialogs: adapters.backupDialogs ?? null,
    updates,
    locale,
  });
  const keyEntryHandlers = createKeyEntryHandlers({
    vault,
    keyIntake,
    encryptionAvailable: () => adapters.cipher.isAvailable(),
    locale,
  });

  /**
   * Recent replies whose figures /generation had not given before the last quit: ask again (a few,
   * from the last week: older ones are not going to be answered now).
   */
  const askAgainForFigures = () => {
    const weekAgo = Date.now() - 7 * 24 * 3_600_000;
    const unanswered = [...ledger.all()]
      // Cheap fields first: entries restored from the ledger snapshot build their full `entry` lazily.
      .filter((e) => e.accuracy === 'estimated' && e.ms > weekAgo && e.entry.generationId !== null)
      .slice(-20);
    for (const { entry } of unanswered)
      if (entry.generationId !== null)
        finalFigures.fetchLater({
          conversationId: entry.conversationId,
          messageId: entry.messageId,
          generationId: entry.generationId,
          notify: () => undefined,
        });
  };

  return {
    client,
    vault,
    settings,
    history,
    sessions,
    /** Issue 17: the composer's staged attachments (tests check a sent file left the staging). */
    attachments,
    keyIntake,
    handlers,
    keyEntryHandlers,
    /** Issue 16: `costEstimator.estimate` is the estimate the spending-limit check compares. */
    costEstimator,
    /**
     * The known-secret redaction (main/services/log/sanitise-errors.ts) for the handler tables: every
     * table is built with it and applies it on its one exit path, so every error a window receives —
     * answered, inside a result, or carried by an event, whether a handler emits it or main pushes it
     * through the table (chat stream batches, key status) — passes it, including paths added later.
     */
    sanitiseErrors: <T>(value: T): T => sanitiseErrorsIn(value),
    keyOriginConsent,
    /** Issue 20: backups (`snapshotBeforeUpdate` for the updates service; the harness and tests). */
    backups,
    /** Issue 20: the update service (the glue sends its status changes to the windows). */
    updates,
    /** Issue 20: the locale in effect (the glue rebuilds the menu and tells the windows when it changes). */
    locale,
    /** Issue 20: settings as the windows receive them (the glue pushes each change to every window). */
    settingsAsSent: (value: Settings) => withProblems(value, { catalog, settings }),
    /**
     * Loads everything from disk; call once before the first window opens. With `waitForKey: false`
     * it resolves once settings and history are ready while the stored key is still being read: the
     * OS keystore can take a while (or wait for the person to answer a prompt), and the window need
     * not wait for it — the key status it asks for does.
     */
    async init(opts: { waitForKey?: boolean } = {}): Promise<void> {
      const keyLoaded = vault.init();
      // Once the key is read: if it belongs to another origin, ask the person (once per launch).
      void keyOriginConsent.askOnce();
      // The ledger loads in the background (a year of heavy use is ~0.5 s of parsing, which yields to
      // IPC as it goes): the window need not wait; the Spending view and the limit check wait for it
      // (`ledger.loaded()`). An unreadable ledger is logged and left as it is (never replaced).
      void ledger
        .init()
        .then(askAgainForFigures)
        .catch((error: unknown) =>
          adapters
            .log('ledger')
            .error('the spending ledger could not be read', { error: describeError(error) }),
        );
      await Promise.all([settings.init(), history.init(), opts.waitForKey === false ? null : keyLoaded]);
      // The stored "Language" is known now (before the first window asks for it).
      locale.refresh();
      // Issue 20: snapshots cut short by a crash are removed; then one a day while the app runs.
      void backups.init().then(() => {
        if (adapters.scheduleBackups !== false) backups.startSchedule();
      });
      // Warm the most recent conversation (file read, schema JIT) in the background: it is the one
      // people open first, and a cold first read of a 2,000-message file costs ~100 ms.
      const recent = history.list({ limit: 1 }).items[0];
      if (recent) void history.messages(recent.id, { limit: 1 }).catch(() => undefined);
      // The first automatic update check waits a few seconds; then one a day (while the setting is on).
      updates.start();
    },
    /** Stops streams (their partial text is saved as cancelled) and flushes history to disk. */
    async shutdown(): Promise<void> {
      // No update is installed mid-shutdown; one the person asked for is installed at the end.
      updates.beginQuit();
      backups.stop();
      keyIntake.shutdown();
      sessions.cancelAll();
      await sessions.settle();
      finalFigures.stop();
      await replyCosts.settle();
      await ledger.settle();
      await history.close();
      // "Restart to update" pressed while a reply streamed: back up and install now that the history is
      // flushed (the shutdown stopped and saved the reply).
      await updates.finishQuit();
    },
  };
}

export type Services = ReturnType<typeof composeServices>;
