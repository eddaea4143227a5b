import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRng } from '../../../e2e/emulator/rng';
import { makeTempDir } from '../history/testing/test-support';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { backupPathsFor } from './backup-paths';
import { createBackupService } from './backup-service';
import { parseManifest } from './manifest';
import { addConversation, openHistory } from './testing/backup-fixture';
import { unusedRestoreTargets } from './testing/restore-targets';

/**
 * A crash during a backup, with real process deaths: a child process backs up a data directory again
 * and again (testing/backup-crash-child.ts) and is killed with SIGKILL at a random moment, 30 times.
 * After each kill, a new service (as at the next start) must list as complete exactly the snapshots
 * whose every file is there with the bytes its manifest names — including every one the child reported
 * complete — and never one cut short; `init()` then removes those, and the live history opens clean.
 * The child is bundled once with Vite, as in the history's crash-safety test, so each start is fast.
 */
const ITERATIONS = 30;

let work: { dir: string; cleanup: () => Promise<void> };
let childScript: string;

beforeAll(async () => {
  work = await makeTempDir('switchboard-backup-crash-');
  const bundleDir = join(import.meta.dirname, '../../../node_modules/.cache/switchboard-backup-crash-child');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(import.meta.dirname, 'testing/backup-crash-child.ts'),
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'backup-crash-child.mjs', format: 'es' } },
    },
    ssr: { target: 'node' },
  });
  childScript = join(bundleDir, 'backup-crash-child.mjs');
  const { history } = await openHistory(work.dir);
  for (let i = 0; i < 40; i++) await addConversation(history, `Conversation ${i}`, `topic ${i} `.repeat(200));
  await history.close();
}, 120_000);

afterAll(() => work.cleanup());

/**
 * Kills the child `delayMs` after it is ready, or (`afterFirst`) after its first complete snapshot —
 * so some runs finish snapshots however slow the machine is, and the kill lands in a later one.
 */
function runChild(
  dir: string,
  delayMs: number,
  afterFirst: boolean,
): Promise<{ completed: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [childScript, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const completed: string[] = [];
    let stderr = '';
    let buffer = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const [kind, id] = buffer.slice(0, newline).split(' ');
        buffer = buffer.slice(newline + 1);
        if (kind === 'ready' && !afterFirst) setTimeout(() => child.kill('SIGKILL'), delayMs);
        else if (kind === 'complete' && id) {
          completed.push(id);
          if (afterFirst && completed.length === 1) setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ completed, stderr }));
  });
}

/** A service as at the next start: nothing remembered from the child. */
const freshService = (dataDir: string) =>
  createBackupService({
    dataDir,
    log: createMemoryLogger('backups'),
    history: {
      get: () => null,
      list: () => ({ items: [], total: 0 }),
      remove: async () => ({ undoToken: '' }),
    },
    restorer: {
      streaming: () => false,
      restoreConversationFile: () => Promise.reject(new Error('not in this test')),
    },
    ...unusedRestoreTargets(),
  });

/** True when the snapshot's manifest is valid and every object is there with the bytes it names. */
async function reallyComplete(dataDir: string, id: string): Promise<boolean> {
  const paths = backupPathsFor(dataDir);
  const text = await fs.readFile(paths.manifest(id), 'utf8').catch(() => null);
  const manifest = text === null ? null : parseManifest(text);
  if (!manifest) return false;
  for (const file of manifest.files) {
    const bytes = await fs.readFile(paths.object(file.sha256)).catch(() => null);
    if (!bytes || bytes.length !== file.size) return false;
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return false;
  }
  return true;
}

it('a backup killed at any moment leaves no snapshot offered as complete that is not', async () => {
  const rng = createRng(20);
  let cutShort = 0;
  let reported = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const { completed, stderr } = await runChild(work.dir, Math.floor(rng() * 400), i % 2 === 1);
    expect(stderr).toBe('');
    reported += completed.length;
    const service = freshService(work.dir);
    const listed = await service.list();
    for (const backup of listed) expect(backup.complete).toBe(await reallyComplete(work.dir, backup.id));
    // Every snapshot the child finished is complete, unless retention had removed it since.
    for (const id of completed)
      expect(listed.find((b) => b.id === id)?.complete ?? 'removed').not.toBe(false);
    cutShort += listed.filter((b) => !b.complete).length;
    await service.init();
    expect((await service.list()).every((b) => b.complete)).toBe(true);
  }
  // The kills did land in the middle of backups, and backups did finish between them.
  expect(cutShort).toBeGreaterThan(0);
  expect(reported).toBeGreaterThan(0);
  // A backup never writes in the live history: it opens with nothing quarantined.
  const history = await openHistory(work.dir);
  expect(history.history.quarantined()).toEqual([]);
  expect(history.history.list({ limit: 100 }).total).toBe(40);
  await history.history.close();
}, 180_000);
