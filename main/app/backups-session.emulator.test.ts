/**
 * Issue 20, backups, through the composed services, the real OpenRouter client and the emulator — the
 * issue's "done when": a backup, a deletion and a restore bring a conversation back exactly (the JSON
 * file's bytes), and the pre-restore snapshot taken first is restorable too (it undoes the restore).
 * The key never reaches backups/. (The service's own cases: main/services/backups/*.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
import { openEmulatorSession } from './testing/emulator-session';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

type Session = Awaited<ReturnType<typeof openEmulatorSession>>;

async function conversationWithReply(s: Session, content: string) {
  const conversation = await s.services.handlers.createConversation({ model: 'openai/gpt-4o' }, s.ctx);
  await s.services.handlers.sendMessage(
    { streamId: randomUUID(), conversationId: conversation.id, content, model: 'openai/gpt-4o' },
    s.ctx,
  );
  await s.services.sessions.settle();
  await s.services.history.flush();
  return conversation.id;
}

async function everyFileUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

it('a backup, a deletion and a restore bring a conversation back byte for byte; the pre-restore snapshot undoes it', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-backups-emu-'));
  dirs.push(dataDir);
  const s = await openEmulatorSession(emulator, { dataDir, scheduleBackups: false });
  const fileOf = (id: string) => join(dataDir, 'history', 'conversations', `${id}.json`);

  const kept = await conversationWithReply(s, 'Tell me about walruses');
  const keptBytes = await readFile(fileOf(kept));
  const backup = await s.services.handlers.backUpNow(undefined, s.ctx);
  expect(backup).toMatchObject({ kind: 'manual', conversationCount: 1, complete: true });
  expect((await s.services.handlers.listBackups(undefined, s.ctx)).backups).toEqual([backup]);

  // After the backup: the conversation is deleted, another one is written.
  await s.services.handlers.deleteConversation({ conversationId: kept }, s.ctx);
  const later = await conversationWithReply(s, 'And about otters?');
  const laterBytes = await readFile(fileOf(later));

  const restored = await s.services.handlers.restoreBackup({ backupId: backup.id }, s.ctx);
  expect(restored).toMatchObject({ restored: 1, movedToTrash: 1 });
  expect(await readFile(fileOf(kept))).toEqual(keptBytes);
  const list = await s.services.handlers.listConversations({ limit: 50 }, s.ctx);
  expect(list.items.map((c) => c.id)).toEqual([kept]);
  const page = await s.services.handlers.loadMessages({ conversationId: kept, limit: 50 }, s.ctx);
  expect(page.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  const found = await s.services.handlers.searchHistory({ query: 'walruses' }, s.ctx);
  expect(found.hits.map((h) => h.conversationId)).toContain(kept);

  // The snapshot taken first is listed, complete, and restoring it undoes the restore.
  const listed = (await s.services.handlers.listBackups(undefined, s.ctx)).backups;
  expect(listed).toContainEqual(
    expect.objectContaining({
      id: restored.undoBackupId,
      kind: 'pre-restore',
      conversationCount: 1,
      complete: true,
    }),
  );
  const undone = await s.services.handlers.restoreBackup({ backupId: restored.undoBackupId }, s.ctx);
  expect(undone).toMatchObject({ restored: 1, movedToTrash: 1 });
  expect(await readFile(fileOf(later))).toEqual(laterBytes);
  expect((await s.services.handlers.listConversations({ limit: 50 }, s.ctx)).items.map((c) => c.id)).toEqual([
    later,
  ]);

  // One conversation back from the first backup, beside the other.
  const picked = await s.services.handlers.listBackupConversations({ backupId: backup.id }, s.ctx);
  expect(picked.conversations.map((c) => c.id)).toEqual([kept]);
  await s.services.handlers.restoreBackupConversation({ backupId: backup.id, conversationId: kept }, s.ctx);
  expect(await readFile(fileOf(kept))).toEqual(keptBytes);
  expect((await s.services.handlers.listConversations({ limit: 50 }, s.ctx)).total).toBe(2);

  // Never the key: not in any file under backups/.
  for (const path of await everyFileUnder(join(dataDir, 'backups'))) {
    const text = (await readFile(path)).toString('latin1');
    expect(text).not.toContain(emulator.defaultKey);
    expect(text).not.toContain('sk-or-');
  }
  await s.services.shutdown();

  // After a restart every snapshot is still listed complete.
  const again = await openEmulatorSession(emulator, { dataDir, scheduleBackups: false });
  const afterRestart = (await again.services.handlers.listBackups(undefined, again.ctx)).backups;
  expect(afterRestart.map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore', 'pre-restore']);
  expect(afterRestart.every((b) => b.complete)).toBe(true);
  await again.services.shutdown();
}, 60_000);
