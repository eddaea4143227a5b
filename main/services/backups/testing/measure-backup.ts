/**
 * Snapshot time and space on a synthetic history (bench/history/generate.ts): the first snapshot (every
 * file copied), a second one of the unchanged history (nothing copied: only a manifest), and one after
 * 10 conversations changed. A printed measurement, not a test.
 *
 *   npx tsx main/services/backups/testing/measure-backup.ts [--conversations 10000 --messages 200000]
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { generateHistory } from '../../../../bench/history/generate';
import { createHistoryStoreWithRestorer } from '../../history';
import { makeTempDir } from '../../history/testing/test-support';
import { createMemoryLogger } from '../../log/testing/memory-logger';
import { backupPathsFor } from '../backup-paths';
import { createBackupService } from '../backup-service';
import { unusedRestoreTargets } from './restore-targets';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

async function duBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await fs.stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const temp = await makeTempDir('switchboard-backup-measure-');
  try {
    const conversations = arg('conversations', 10_000);
    const messages = arg('messages', 200_000);
    const generated = await generateHistory({
      dir: join(temp.dir, 'history'),
      conversations,
      messages,
      seed: 7,
    });
    const { history, restorer } = createHistoryStoreWithRestorer({
      dir: join(temp.dir, 'history'),
      log: createMemoryLogger('history'),
      buildSearchIndex: false,
      sweepAttachments: false,
    });
    await history.init();
    await history.flush();
    const service = createBackupService({
      dataDir: temp.dir,
      log: createMemoryLogger('backups'),
      history,
      restorer,
      ...unusedRestoreTargets(),
    });
    const timed = async (label: string) => {
      const started = performance.now();
      const summary = await service.backUpNow();
      const ms = performance.now() - started;
      console.log(
        `${label}: ${ms.toFixed(0)} ms, backups/ now ${mb(await duBytes(backupPathsFor(temp.dir).root))} (snapshot holds ${mb(summary.totalBytes)} in ${summary.conversationCount} conversations)`,
      );
    };
    console.log(
      `history: ${generated.conversations} conversations, ${generated.messages} messages, ${mb(await duBytes(join(temp.dir, 'history')))} on disk`,
    );
    await timed('first snapshot');
    await timed('unchanged history');
    for (const c of history.list({ limit: 10 }).items) await history.rename(c.id, `${c.title} (changed)`);
    await history.flush();
    await timed('10 conversations changed');
    const started = performance.now();
    await createBackupService({
      dataDir: temp.dir,
      log: createMemoryLogger('backups'),
      history,
      restorer,
      ...unusedRestoreTargets(),
    }).list();
    console.log(
      `list at the next start (every object checked once): ${(performance.now() - started).toFixed(0)} ms`,
    );
    await history.close();
  } finally {
    await temp.cleanup();
  }
}

void main();
