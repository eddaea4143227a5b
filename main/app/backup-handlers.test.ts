/**
 * Settings → Backups through the composed services (issue 20): the contract refuses ids that are not
 * a snapshot's (no path can be named), answers carry dates, counts and sizes but no path of the
 * person's system, and an unknown or incomplete snapshot is refused with a message saying what to do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatContract } from '../../common/ipc/contract';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function composed() {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-backup-handlers-'));
  dirs.push(dataDir);
  const services = composeServices(testServiceAdapters({ dataDir, scheduleBackups: false }));
  await services.init();
  const ctx = { windowId: 1, emit: () => true } as unknown as Parameters<
    typeof services.handlers.backUpNow
  >[1];
  return { dataDir, services, ctx };
}

describe('backup calls', () => {
  it('the contract takes only snapshot ids: no path, no traversal, no extra fields', () => {
    const ok = '2026-03-01T10-00-00-000Z-manual-0a0b0c';
    expect(chatContract.restoreBackup.request.safeParse({ backupId: ok }).success).toBe(true);
    for (const backupId of ['../../vault.json', '/etc/passwd', `${ok}/../x`, 'manual', '']) {
      expect(chatContract.restoreBackup.request.safeParse({ backupId }).success).toBe(false);
    }
    expect(chatContract.restoreBackup.request.safeParse({ backupId: ok, path: '/tmp' }).success).toBe(false);
    expect(
      chatContract.restoreBackupConversation.request.safeParse({ backupId: ok, conversationId: '../c' })
        .success,
    ).toBe(false);
  });

  it('answers with dates, counts and sizes, never a path of the data folder', async () => {
    const { dataDir, services, ctx } = await composed();
    await services.history.create({ model: null, title: 'Walruses' });
    const summary = await services.handlers.backUpNow(undefined, ctx);
    const list = await services.handlers.listBackups(undefined, ctx);
    expect(chatContract.listBackups.response.safeParse(list).success).toBe(true);
    expect(list.backups).toEqual([summary]);
    expect(summary).toMatchObject({ conversationCount: 1, complete: true });
    expect(summary.totalBytes).toBeGreaterThan(0);
    const conversations = await services.handlers.listBackupConversations({ backupId: summary.id }, ctx);
    expect(conversations.conversations.map((c) => c.title)).toEqual(['Walruses']);
    expect(JSON.stringify([list, conversations])).not.toContain(dataDir);
    await services.shutdown();
  });

  it('an unknown snapshot is refused with what to do', async () => {
    const { services, ctx } = await composed();
    await expect(
      services.handlers.restoreBackup({ backupId: '2026-03-01T10-00-00-000Z-manual-0a0b0c' }, ctx),
    ).rejects.toMatchObject({
      error: {
        code: 'validation',
        message: 'That backup is incomplete or damaged, so it cannot be restored. Choose another backup.',
      },
    });
    await services.shutdown();
  });
});
