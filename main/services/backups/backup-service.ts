import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type {
  BackupConversation,
  BackupKind,
  BackupRestoreResult,
  BackupSummary,
} from '../../../common/backup-types';
import type { ConversationSummary } from '../../../common/conversation-types';
import { AppFailure, appError } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings-types';
import type { ConversationRestorer, HistoryStore } from '../history';
import { type LedgerCopy, type LedgerMergeTarget, mergeLedger, readLedgerCopy } from '../ledger/ledger-merge';
import type { Logger } from '../log/logger';
import { type Scheduler, timerScheduler } from '../shared/scheduler';
import { createSerialQueue } from '../shared/serial-queue';
import { type BackupFs, nodeBackupFs } from './backup-fs';
import { type BackupPaths, backupPathsFor, parseSnapshotId } from './backup-paths';
import {
  DEFAULT_SCRYPT_WORK_FACTOR,
  decryptArchive,
  encryptArchive,
  packSnapshot,
  unpackArchive,
} from './encrypted-copy';
import { type Manifest, parseManifest } from './manifest';
import { parseBackedUpSettings, type SettingsRestoreTarget } from './restore-settings';
import { chooseKept, DEFAULT_RETENTION, type RetentionPolicy } from './retention';
import { type CopiedFile, writeSnapshot } from './snapshot-writer';
import { conversationIdOfPath, isBackedUp, LEDGER_FILE, SETTINGS_FILE } from './sources';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The first check for a due daily snapshot, after start. */
const START_DELAY_MS = 60_000;

/** What the updates service needs of backups: one snapshot before an update is applied. */
export interface SnapshotBeforeUpdate {
  /** Resolves once a complete `pre-update` snapshot is on disk; rejects (with a message) otherwise. */
  snapshotBeforeUpdate(): Promise<BackupSummary>;
}

export interface BackupServiceOptions {
  /** userData (app) or the harness data directory: settings.json, history/, ledger/ and backups/. */
  dataDir: string;
  log: Logger;
  /** The open history: summaries for the list, and moving conversations a restore does not have to the trash. */
  history: Pick<HistoryStore, 'get' | 'list' | 'remove'>;
  /** The store's way to put a conversation file back (main/services/history/store/restore-file.ts). */
  restorer: ConversationRestorer;
  /** The live settings: a whole restore puts the snapshot's back (`replaceAll`, listeners told). */
  settings: SettingsRestoreTarget;
  /** The live spending ledger: a whole restore adds the snapshot's entries it lacks, drops none. */
  ledger: LedgerMergeTarget;
  fs?: BackupFs;
  now?: () => Date;
  scheduler?: Scheduler;
  retention?: RetentionPolicy;
  /** scrypt work factor of encrypted copies (log2 N); tests lower it. Default 18, age's own. */
  scryptWorkFactor?: number;
}

export interface BackupService extends SnapshotBeforeUpdate {
  /** Removes snapshots cut short by a crash or a full disk, and objects no snapshot names. */
  init(): Promise<void>;
  /** Every snapshot, newest first; incomplete ones say so and are never restorable. */
  list(): Promise<BackupSummary[]>;
  backUpNow(): Promise<BackupSummary>;
  /** A daily snapshot when the last automatic one is more than 24 hours old; null when none was due. */
  backUpIfDue(): Promise<BackupSummary | null>;
  /**
   * Checks soon after start (not during it: the first window and the history load come first), then
   * every hour while the app runs (`stop` ends it).
   */
  startSchedule(firstCheckAfterMs?: number): void;
  stop(): void;
  conversations(backupId: string): Promise<BackupConversation[]>;
  /**
   * The whole snapshot back, after a `pre-restore` snapshot of the current state (the undo): its
   * conversations and settings replace the live ones, its spending ledger is merged into the live one.
   */
  restore(backupId: string): Promise<BackupRestoreResult>;
  /**
   * One conversation of a snapshot back (it replaces the live one of the same id, or comes back if
   * deleted); settings and the ledger are left as they are.
   */
  restoreConversation(backupId: string, conversationId: string): Promise<ConversationSummary>;
  /**
   * Writes the snapshot as one age file encrypted with `passphrase` into `folder` (one main's folder
   * dialog chose); resolves to the file's name.
   */
  exportEncrypted(backupId: string, folder: string, passphrase: string): Promise<{ fileName: string }>;
  /**
   * Opens an encrypted copy (a file main's open dialog chose, maybe made on another computer): every
   * object checked, then kept as a snapshot here, restorable like any other.
   */
  importEncrypted(file: string, passphrase: string): Promise<BackupSummary>;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What could not be done (errors.backups.*: the sentence names it in each language). */
type FailedAction = 'backup' | 'encryptedCopy' | 'openedBackup';

function failure(error: unknown, action: FailedAction): AppFailure {
  if (error instanceof AppFailure) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return appError('internal', { id: 'errors.backups.diskFull', values: { action } });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return appError('internal', { id: 'errors.backups.notWritable', values: { action } });
  }
  return appError('internal', {
    id: 'errors.backups.failed',
    // i18n-ignore: an error code, or the log's word for none
    values: { action, code: code ?? 'unexpected error' },
  });
}

function notRestorable(): AppFailure {
  return appError('validation', { id: 'errors.backups.damaged' });
}

/**
 * Backups (issue 20): snapshots of the history, settings and spending ledger in `<dataDir>/backups`,
 * never the key. See README.md in this folder for the layout, the schedule and the guarantees.
 *
 * Every operation that writes or removes in backups/ (a snapshot, the clean-up, retention, a restore)
 * runs in one line, so pruning never races a running backup, and a restore's pre-restore snapshot is
 * never pruned before the restore has finished.
 */
export function createBackupService(options: BackupServiceOptions): BackupService {
  const fs = options.fs ?? nodeBackupFs;
  const now = options.now ?? (() => new Date());
  const scheduler = options.scheduler ?? timerScheduler;
  const retention = options.retention ?? DEFAULT_RETENTION;
  const paths: BackupPaths = backupPathsFor(options.dataDir);
  const log = options.log;
  const line = createSerialQueue();
  const copied = new Map<string, CopiedFile>();
  /** The snapshot being written: its folder has no manifest yet, and it is not cut short. */
  let inProgress: string | null = null;
  /** Snapshots whose objects were all found (exist, right size) this session. */
  const checked = new Set<string>();
  /**
   * Objects found at their size this session: snapshots share most objects, so each is checked once
   * (10,000 conversations in 20 snapshots: 10,000 `stat`s, not 200,000). Forgotten when pruned.
   */
  const objectsSeen = new Map<string, number>();
  let cancelTimer: (() => void) | null = null;

  const readManifest = async (id: string): Promise<Manifest | null> => {
    let text: Buffer;
    try {
      text = await fs.readFile(paths.manifest(id));
    } catch {
      return null;
    }
    const manifest = parseManifest(text.toString('utf8'));
    return manifest && manifest.id === id ? manifest : null;
  };

  /** A manifest whose every object is there at its size (cheap: one stat each, once per session). */
  const completeManifest = async (id: string): Promise<Manifest | null> => {
    const manifest = await readManifest(id);
    if (!manifest) return null;
    if (checked.has(id)) return manifest;
    for (const file of manifest.files) {
      if (!isBackedUp(file.path)) return null;
      if (objectsSeen.get(file.sha256) === file.size) continue;
      if ((await fs.stat(paths.object(file.sha256)))?.size !== file.size) return null;
      objectsSeen.set(file.sha256, file.size);
    }
    checked.add(id);
    return manifest;
  };

  const snapshotIds = async () =>
    (await fs.list(paths.snapshots))
      .filter((e) => e.isDirectory && parseSnapshotId(e.name) !== null)
      .map((e) => e.name);

  /**
   * Renamed out of the list first (one step), then removed: a removal cut short by a crash leaves a
   * `<id>.removing` folder (removed next time), never a half-removed snapshot listed as incomplete.
   */
  const removeSnapshot = async (id: string) => {
    const doomed = `${paths.snapshotDir(id)}.removing`;
    await fs.rename(paths.snapshotDir(id), doomed);
    checked.delete(id);
    await fs.remove(doomed);
  };

  const summaryOf = (manifest: Manifest, kind: BackupKind = manifest.kind): BackupSummary => ({
    id: manifest.id,
    kind,
    createdAt: manifest.createdAt,
    conversationCount: manifest.conversations.length,
    totalBytes: manifest.totalBytes,
    complete: true,
  });

  const listNow = async (): Promise<BackupSummary[]> => {
    const complete: Manifest[] = [];
    const incomplete: BackupSummary[] = [];
    for (const id of await snapshotIds()) {
      if (id === inProgress) continue;
      const manifest = await completeManifest(id);
      if (manifest) {
        complete.push(manifest);
        continue;
      }
      const named = parseSnapshotId(id);
      if (named) incomplete.push({ id, ...named, conversationCount: 0, totalBytes: 0, complete: false });
    }
    const kinds = chooseKept(complete, retention);
    return [...complete.map((m) => summaryOf(m, kinds.get(m.id) ?? m.kind)), ...incomplete].sort(
      (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
    );
  };

  /** Removes snapshots left incomplete, those retention no longer keeps, then unnamed objects. */
  const tidy = async () => {
    const keptManifests: Manifest[] = [];
    const all: Manifest[] = [];
    for (const entry of await fs.list(paths.snapshots))
      if (entry.name.endsWith('.removing')) await fs.remove(`${paths.snapshots}/${entry.name}`);
    for (const id of await snapshotIds()) {
      if (id === inProgress) continue;
      const manifest = await completeManifest(id);
      if (manifest) all.push(manifest);
      else {
        log.warn('an incomplete backup was removed', { backupId: id });
        await removeSnapshot(id);
      }
    }
    const kept = chooseKept(all, retention);
    for (const manifest of all) {
      if (kept.has(manifest.id)) keptManifests.push(manifest);
      else await removeSnapshot(manifest.id);
    }
    // Objects are removed only after the manifests that named them, so a crash here leaves extra
    // objects (removed next time), never a manifest naming a removed one.
    const named = new Set(keptManifests.flatMap((m) => m.files.map((f) => f.sha256)));
    for (const entry of await fs.list(paths.objects)) {
      // Anything else in objects/ is unnamed: an object of a removed snapshot, or the temporary file
      // of an object write cut off by a crash (write-file-atomic's `<name>.<digits>`).
      if (named.has(entry.name)) continue;
      objectsSeen.delete(entry.name);
      await fs.remove(`${paths.objects}/${entry.name}`);
    }
    for (const [path, file] of copied) if (!named.has(file.sha256)) copied.delete(path);
  };

  const takeSnapshot = async (kind: BackupKind): Promise<BackupSummary> => {
    const started = Date.now();
    try {
      const manifest = await writeSnapshot(
        {
          fs,
          dataDir: options.dataDir,
          paths,
          now,
          copied,
          onStarted: (id) => {
            inProgress = id;
          },
          summary: (id) => {
            const s = options.history.get(id);
            return s ? { id, title: s.title, updatedAt: s.updatedAt, messageCount: s.messageCount } : null;
          },
        },
        kind,
      );
      checked.add(manifest.id);
      log.info('backup written', {
        backupId: manifest.id,
        files: manifest.files.length,
        ms: Date.now() - started,
      });
      return summaryOf(manifest);
    } catch (error) {
      log.error('a backup could not be written', { kind, error: describeError(error) });
      // What was read this time may not be in objects/ (the write failed): copy everything again.
      copied.clear();
      throw failure(error, 'backup');
    } finally {
      inProgress = null;
    }
  };

  /** Inside the line only. */
  const snapshotThenTidy = async (kind: BackupKind) => {
    const summary = await takeSnapshot(kind);
    await tidy().catch((error: unknown) =>
      log.warn('old backups could not be removed', { error: describeError(error) }),
    );
    return summary;
  };
  const snapshotAndTidy = (kind: BackupKind) => line.run(() => snapshotThenTidy(kind));

  /** The bytes of an object, checked against its hash; null when missing or changed. */
  const readObject = async (sha256: string): Promise<Buffer | null> => {
    try {
      const bytes = await fs.readFile(paths.object(sha256));
      return sha256Hex(bytes) === sha256 ? bytes : null;
    } catch {
      return null;
    }
  };

  const restorable = async (backupId: string): Promise<Manifest> => {
    if (parseSnapshotId(backupId) === null) throw notRestorable();
    const manifest = await completeManifest(backupId);
    if (!manifest) throw notRestorable();
    return manifest;
  };

  const refuseWhileStreaming = () => {
    if (options.restorer.streaming()) {
      throw appError('validation', { id: 'errors.backups.replyStreaming' });
    }
  };

  const filesOf = (manifest: Manifest) => {
    const byPath = new Map(manifest.files.map((f) => [f.path, f]));
    return {
      attachment: async (sha256: string) => {
        const file = byPath.get(`history/attachments/${sha256}`);
        return file ? readObject(file.sha256) : null;
      },
      legacyImage: async (conversationId: string, messageId: string, imageId: string) => {
        const file = byPath.get(`history/images/${conversationId}/${messageId}/${imageId}`);
        return file ? readObject(file.sha256) : null;
      },
    };
  };

  /** The bytes of a snapshot's file at `path`; null when it has none; refused when it is damaged. */
  const fileOf = async (manifest: Manifest, path: string): Promise<Buffer | null> => {
    const file = manifest.files.find((f) => f.path === path);
    if (!file) return null;
    const bytes = await readObject(file.sha256);
    if (!bytes) throw notRestorable();
    return bytes;
  };

  /**
   * A snapshot's settings, held to the settings store's schema. No settings file means none had been
   * saved (or an unreadable one had been moved aside): the defaults were in use, as the store reads
   * it, so the defaults come back — and a pre-restore snapshot taken on a fresh data folder undoes a
   * restore there too. A damaged file, or one a newer version wrote, refuses the whole restore: a
   * restore brings back one moment or nothing (its conversations can still come back one at a time).
   */
  const settingsOf = async (manifest: Manifest): Promise<Settings> => {
    const bytes = await fileOf(manifest, SETTINGS_FILE);
    if (!bytes) return DEFAULT_SETTINGS;
    const parsed = parseBackedUpSettings(bytes.toString('utf8'));
    if (!parsed.ok) throw parsed.error;
    return parsed.settings;
  };

  /** A snapshot's ledger entries (a line that is not an entry, such as a torn last one, skipped). */
  const ledgerOf = async (manifest: Manifest, backupId: string): Promise<LedgerCopy | null> => {
    const bytes = await fileOf(manifest, LEDGER_FILE);
    if (!bytes) return null;
    const copy = await readLedgerCopy(bytes.toString('utf8'));
    if (copy.skippedLines > 0)
      log.warn('ledger lines in a backup that are not entries were skipped', {
        backupId,
        count: copy.skippedLines,
      });
    return copy;
  };

  const restoreOne = async (manifest: Manifest, sha256: string) => {
    const bytes = await readObject(sha256);
    if (!bytes) throw notRestorable();
    return options.restorer.restoreConversationFile(bytes.toString('utf8'), filesOf(manifest));
  };

  return {
    async init() {
      await line.run(() =>
        tidy().catch((error: unknown) =>
          log.warn('the backups folder could not be tidied', { error: describeError(error) }),
        ),
      );
    },

    list: () => listNow(),

    backUpNow: () => snapshotAndTidy('manual'),

    snapshotBeforeUpdate: () => snapshotAndTidy('pre-update'),

    backUpIfDue() {
      // Decided inside the line, so two checks due at once never take two daily snapshots.
      return line.run(async () => {
        const last = (await listNow()).find((b) => b.complete && (b.kind === 'daily' || b.kind === 'weekly'));
        if (last && now().getTime() - Date.parse(last.createdAt) < DAY_MS) return null;
        return snapshotThenTidy('daily');
      });
    },

    startSchedule(firstCheckAfterMs = START_DELAY_MS) {
      const check = () => {
        void this.backUpIfDue().catch((error: unknown) =>
          log.warn('the daily backup could not be written', { error: describeError(error) }),
        );
        cancelTimer = scheduler.schedule(check, HOUR_MS);
      };
      cancelTimer = scheduler.schedule(check, firstCheckAfterMs);
    },

    stop() {
      cancelTimer?.();
      cancelTimer = null;
    },

    async conversations(backupId) {
      const manifest = await restorable(backupId);
      return manifest.conversations;
    },

    restore(backupId) {
      return line.run(async () => {
        refuseWhileStreaming();
        const manifest = await restorable(backupId);
        const conversationFiles = manifest.files.filter((f) => conversationIdOfPath(f.path) !== null);
        // Every conversation file is checked before anything changes: a damaged backup changes nothing.
        for (const file of conversationFiles) if (!(await readObject(file.sha256))) throw notRestorable();
        // So are its settings and ledger, and the live ledger must be known to merge into it.
        const settings = await settingsOf(manifest);
        const ledger = await ledgerOf(manifest, backupId);
        if (ledger && !(await options.ledger.loaded())) {
          throw appError('internal', { id: 'errors.backups.ledgerUnreadable' });
        }
        // Holds the settings and ledger as they are now too: restoring it puts these settings back.
        const undo = await takeSnapshot('pre-restore');
        const restoredIds = new Set<string>();
        let spendingEntriesAdded = 0;
        try {
          for (const file of conversationFiles) {
            const restored = await restoreOne(manifest, file.sha256);
            restoredIds.add(restored.id);
          }
          // Through the store: saved atomically, and its listeners told (main's language follows).
          await options.settings.replaceAll(settings);
          // Merged, never replaced: an older ledger would forget money spent and loosen the limits.
          if (ledger) spendingEntriesAdded = (await mergeLedger(options.ledger, ledger)).added;
        } catch (error) {
          log.error('a restore stopped part-way', { backupId, error: describeError(error) });
          const reason = error instanceof AppFailure ? `${error.message} ` : '';
          // The cause's own sentence (English) leads, as before; the rest is in the window's language.
          throw appError('internal', { id: 'errors.backups.restoreStopped', values: { reason } });
        }
        // Conversations the snapshot did not have go to the trash (restorable there for 30 days).
        let movedToTrash = 0;
        for (const summary of options.history.list({ limit: Number.MAX_SAFE_INTEGER }).items) {
          if (restoredIds.has(summary.id)) continue;
          await options.history.remove(summary.id);
          movedToTrash++;
        }
        await tidy().catch((error: unknown) =>
          log.warn('old backups could not be removed', { error: describeError(error) }),
        );
        log.info('backup restored', {
          backupId,
          restored: restoredIds.size,
          movedToTrash,
          spendingEntriesAdded,
        });
        return {
          restored: restoredIds.size,
          movedToTrash,
          spendingEntriesAdded,
          undoBackupId: undo.id,
        };
      });
    },

    exportEncrypted(backupId, folder, passphrase) {
      return line.run(async () => {
        await restorable(backupId);
        const fileName = `switchboard-backup-${backupId}.age`;
        try {
          const archive = await packSnapshot(fs, paths, backupId);
          const encrypted = await encryptArchive(
            archive,
            passphrase,
            options.scryptWorkFactor ?? DEFAULT_SCRYPT_WORK_FACTOR,
          );
          await fs.writeDurably(join(folder, fileName), encrypted);
        } catch (error) {
          log.error('an encrypted copy could not be written', { backupId, error: describeError(error) });
          throw failure(error, 'encryptedCopy');
        }
        return { fileName };
      });
    },

    importEncrypted(file, passphrase) {
      return line.run(async () => {
        let bytes: Buffer;
        try {
          bytes = await fs.readFile(file);
        } catch {
          throw appError('validation', { id: 'errors.backups.fileUnreadable' });
        }
        const unpacked = unpackArchive(await decryptArchive(bytes, passphrase));
        if (!unpacked) {
          throw appError('validation', { id: 'errors.backups.notABackup' });
        }
        const { manifest, manifestText, objects } = unpacked;
        try {
          await fs.makeDir(paths.objects);
          for (const [sha256, object] of objects) {
            if ((await fs.stat(paths.object(sha256)))?.size !== object.length)
              await fs.writeDurably(paths.object(sha256), object);
          }
          // The manifest last, as for a snapshot taken here: until it is written this one is incomplete.
          await fs.makeDir(paths.snapshotDir(manifest.id));
          await fs.writeDurably(paths.manifest(manifest.id), manifestText);
        } catch (error) {
          throw failure(error, 'openedBackup');
        }
        checked.delete(manifest.id);
        log.info('encrypted copy opened', { backupId: manifest.id, files: manifest.files.length });
        return summaryOf(manifest);
      });
    },

    restoreConversation(backupId, conversationId) {
      return line.run(async () => {
        const manifest = await restorable(backupId);
        const file = manifest.files.find((f) => conversationIdOfPath(f.path) === conversationId);
        if (!file) {
          throw appError('validation', { id: 'errors.backups.conversationNotInBackup' });
        }
        return restoreOne(manifest, file.sha256);
      });
    },
  };
}
