/**
 * Settings → Backups through the composed services (issue 20): the contract refuses ids that are not
 * a snapshot's (no path can be named), answers carry dates, counts and sizes but no path of the
 * person's system, and an unknown or incomplete snapshot is refused with a message saying what to do.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatContract } from '../../common/ipc/contract';
import type { BackupDialogs } from './backup-handlers';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function composed(backupDialogs?: BackupDialogs) {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-backup-handlers-'));
  dirs.push(dataDir);
  const services = composeServices(
    testServiceAdapters({ dataDir, scheduleBackups: false, ...(backupDialogs ? { backupDialogs } : {}) }),
  );
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

  it('an encrypted copy goes where the folder dialog points and is opened from the file the open dialog picks', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'switchboard-synced-'));
    dirs.push(folder);
    let picked: string | null = null;
    const asked: string[] = [];
    const dialogs: BackupDialogs = {
      chooseBackupFolder: async () => {
        asked.push('folder');
        return folder;
      },
      chooseEncryptedBackupFile: async () => {
        asked.push('file');
        return picked;
      },
    };
    const here = await composed(dialogs);
    await here.services.history.create({ model: null, title: 'Walruses' });
    const summary = await here.services.handlers.backUpNow(undefined, here.ctx);
    // A short passphrase is refused before the dialog opens.
    await expect(
      here.services.handlers.saveEncryptedBackup({ backupId: summary.id, passphrase: 'short' }, here.ctx),
    ).rejects.toMatchObject({ error: { code: 'validation' } });
    expect(asked).toEqual([]);
    const saved = await here.services.handlers.saveEncryptedBackup(
      { backupId: summary.id, passphrase: 'correct horse battery staple' },
      here.ctx,
    );
    expect(saved).toEqual({ saved: true, fileName: `switchboard-backup-${summary.id}.age` });
    expect(await readdir(folder)).toEqual([saved.fileName]);
    await here.services.shutdown();

    const there = await composed(dialogs);
    expect(
      await there.services.handlers.openEncryptedBackup(
        { passphrase: 'correct horse battery staple' },
        there.ctx,
      ),
    ).toEqual({ cancelled: true, backup: null });
    picked = join(folder, saved.fileName ?? '');
    const opened = await there.services.handlers.openEncryptedBackup(
      { passphrase: 'correct horse battery staple' },
      there.ctx,
    );
    expect(opened).toEqual({ cancelled: false, backup: { ...summary, kind: 'manual' } });
    expect(JSON.stringify(opened)).not.toContain(folder);
    await there.services.shutdown();
  }, 30_000);
});
