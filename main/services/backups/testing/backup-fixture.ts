import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createHistoryStoreWithRestorer, type HistoryStore } from '../../history';
import { attachmentOf, PDF_BYTES } from '../../history/testing/sample-attachments';
import { makeTempDir, sequentialIds } from '../../history/testing/test-support';
import { serializeEntry } from '../../ledger/ledger-file';
import type { LedgerMergeTarget } from '../../ledger/ledger-merge';
import { createLedgerStore, type LedgerStore } from '../../ledger/ledger-store';
import { ledgerEntry } from '../../ledger/testing/entries';
import { createMemoryLogger } from '../../log/testing/memory-logger';
import { createSettingsStore } from '../../settings/settings-store';
import type { BackupFs } from '../backup-fs';
import { nodeBackupFs } from '../backup-fs';
import { type BackupService, type BackupServiceOptions, createBackupService } from '../backup-service';

/** A key-shaped secret the vault file of the fixture holds: it must never reach a backup. */
// Built, not written out: no key-shaped literal sits in the source (the same value as before).
export const FIXTURE_KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;

/** The ledger line the fixture's data directory starts with (one finished reply, `r1`). */
export const FIXTURE_LEDGER_ENTRY = ledgerEntry({ messageId: 'r1', conversationId: 'c-old' });

/**
 * A data directory as the app leaves it — settings.json, the ledger, a vault file holding a key, and a
 * history opened with its restorer, the settings and ledger stores open too — and a backup service
 * over it. `fresh`: a data folder as a first start on another computer finds it (nothing in it). Tests
 * close it with `cleanup`.
 */
export async function backupFixture(extra: Partial<BackupServiceOptions> & { fresh?: boolean } = {}) {
  const { fresh = false, ...options } = extra;
  const temp = await makeTempDir('switchboard-backups-');
  const dataDir = temp.dir;
  if (!fresh) {
    await fs.writeFile(join(dataDir, 'settings.json'), '{"formatVersion":1,"settings":{"theme":"dark"}}\n');
    await fs.mkdir(join(dataDir, 'ledger'));
    await fs.writeFile(join(dataDir, 'ledger', 'ledger.jsonl'), serializeEntry(FIXTURE_LEDGER_ENTRY));
    // What electron-store's vault.json looks like to the backup: a file beside settings.json.
    await fs.writeFile(join(dataDir, 'vault.json'), JSON.stringify({ ciphertext: FIXTURE_KEY }));
  }
  const opened = await openHistory(dataDir);
  const settings = createSettingsStore({ dir: dataDir, log: createMemoryLogger('settings') });
  await settings.init();
  let ledger = await openLedger(dataDir);
  // The service reaches the ledger through this, so a test can swap the store (`replaceLedger`).
  const ledgerTarget: LedgerMergeTarget = {
    loaded: () => ledger.loaded(),
    get: (messageId) => ledger.get(messageId),
    recordMany: (entries, opts) => ledger.recordMany(entries, opts),
  };
  const log = createMemoryLogger('backups');
  const service = createBackupService({
    dataDir,
    log,
    history: opened.history,
    restorer: opened.restorer,
    settings,
    ledger: ledgerTarget,
    ...options,
  });
  await service.init();
  return {
    dataDir,
    history: opened.history,
    restorer: opened.restorer,
    settings,
    /** The live ledger store (a new one after `replaceLedger`). */
    ledger: () => ledger,
    /**
     * The ledger file replaced behind the app's back (lost, reset, another computer's) and read again
     * at the next start: a new store over `text`.
     */
    async replaceLedger(text: string) {
      await ledger.settle();
      await fs.mkdir(join(dataDir, 'ledger'), { recursive: true });
      await fs.rm(join(dataDir, 'ledger', 'snapshot.json'), { force: true });
      await fs.writeFile(join(dataDir, 'ledger', 'ledger.jsonl'), text);
      ledger = await openLedger(dataDir);
    },
    service,
    log,
    conversationFile: (id: string) => join(dataDir, 'history', 'conversations', `${id}.json`),
    async cleanup() {
      service.stop();
      await ledger.settle().catch(() => undefined);
      await opened.history.close().catch(() => undefined);
      await temp.cleanup();
    },
  };
}

async function openLedger(dataDir: string): Promise<LedgerStore> {
  const ledger = createLedgerStore({
    dir: join(dataDir, 'ledger'),
    log: createMemoryLogger('ledger'),
    snapshotDelayMs: null,
  });
  await ledger.init();
  return ledger;
}

/** Every entry of a ledger store, by reply, sorted (for "old ∪ new" comparisons). */
export function ledgerEntries(ledger: LedgerStore) {
  return [...ledger.all()]
    .map((loaded) => loaded.entry)
    .sort((a, b) => a.messageId.localeCompare(b.messageId));
}

export async function openHistory(dataDir: string) {
  const { history, restorer } = createHistoryStoreWithRestorer({
    dir: join(dataDir, 'history'),
    log: createMemoryLogger('history'),
    idFactory: sequentialIds('c'),
    sweepAttachments: false,
  });
  await history.init();
  return { history, restorer };
}

/** A conversation with a question, an attached PDF and a finished reply. */
export async function addConversation(history: HistoryStore, title: string, words: string) {
  const conversation = await history.create({ model: 'openai/gpt-4o', title });
  const user = await history.appendUserMessage(conversation.id, `Tell me about ${words}`, [
    attachmentOf('report.pdf', 'pdf', 'application/pdf', PDF_BYTES),
  ]);
  const reply = await history.beginReply(conversation.id, { model: 'openai/gpt-4o' });
  await history.finishReply(conversation.id, reply.id, {
    status: 'complete',
    content: `All about ${words}.`,
  });
  await history.flush();
  return { id: conversation.id, user, reply };
}

/** Every file under `dir`, relative paths (for "what is in backups/"). */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string, prefix: string) => {
    for (const entry of await fs.readdir(at, { withFileTypes: true }).catch(() => [])) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(at, entry.name), path);
      else out.push(path);
    }
  };
  await walk(dir, '');
  return out.sort();
}

/** The real file system, with writes failing with ENOSPC after `allowedWrites` of them. */
export function diskFillingAfter(allowedWrites: number): BackupFs & { writes: () => number } {
  let writes = 0;
  return {
    ...nodeBackupFs,
    writes: () => writes,
    async writeDurably(path, data) {
      if (++writes > allowedWrites) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
          code: 'ENOSPC',
        });
      }
      return nodeBackupFs.writeDurably(path, data);
    },
  };
}

export type { BackupService };
