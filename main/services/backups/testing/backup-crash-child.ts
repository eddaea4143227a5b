/**
 * Child process for backup-crash.test.ts: backs up the data directory it is given, again and again,
 * until the parent kills it with SIGKILL. Every conversation is renamed before each snapshot, so every
 * snapshot writes dozens of new objects before its manifest (a kill often lands among them).
 *
 * stdout protocol, one line each: `ready` once the history is open, then `complete <backupId>` after
 * each snapshot's manifest is on disk (stdout to a pipe is synchronous on Linux and macOS, so a line
 * printed is a line the parent gets, even if the process dies right after).
 *
 * Usage: node backup-crash-child.mjs <dataDir>
 */
import { join } from 'node:path';
import { createHistoryStoreWithRestorer } from '../../history';
import { createLogger } from '../../log/logger';
import { createBackupService } from '../backup-service';
import { unusedRestoreTargets } from './restore-targets';

async function main() {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: backup-crash-child <dataDir>');
  const log = createLogger('backup-crash-child', () => undefined);
  const { history, restorer } = createHistoryStoreWithRestorer({
    dir: join(dataDir, 'history'),
    log,
    buildSearchIndex: false,
    sweepAttachments: false,
  });
  await history.init();
  const service = createBackupService({ dataDir, log, history, restorer, ...unusedRestoreTargets() });
  process.stdout.write('ready\n');
  const ids = history.list({ limit: 1000 }).items.map((c) => c.id);
  for (let n = 0; ; n++) {
    for (const id of ids) await history.rename(id, `Renamed ${n}`);
    const summary = await service.backUpNow();
    process.stdout.write(`complete ${summary.id}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
