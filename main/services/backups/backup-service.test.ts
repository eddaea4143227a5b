import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings-types';
import { serializeConversationFile } from '../history';
import { PDF_BYTES, sha256Of } from '../history/testing/sample-attachments';
import { PNG_BYTES } from '../history/testing/sample-images';
import { createManualClock } from '../history/testing/test-support';
import { serializeEntry } from '../ledger/ledger-file';
import { ledgerEntry } from '../ledger/testing/entries';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createSettingsStore } from '../settings/settings-store';
import { backupPathsFor } from './backup-paths';
import { createBackupService } from './backup-service';
import { parseManifest } from './manifest';
import {
  addConversation,
  backupFixture,
  diskFillingAfter,
  FIXTURE_KEY,
  FIXTURE_LEDGER_ENTRY,
  filesUnder,
  ledgerEntries,
  openHistory,
} from './testing/backup-fixture';
import { unusedRestoreTargets } from './testing/restore-targets';

type Fixture = Awaited<ReturnType<typeof backupFixture>>;
let fixture: Fixture | null = null;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = null;
});
const open = async (extra: Parameters<typeof backupFixture>[0] = {}) => {
  fixture = await backupFixture(extra);
  return fixture;
};

const objectNames = async (dataDir: string) => filesUnder(backupPathsFor(dataDir).objects);

describe('snapshots', () => {
  it('store each distinct file once: a second snapshot of an unchanged history adds no object', async () => {
    const f = await open();
    await addConversation(f.history, 'Walruses', 'walruses');
    await addConversation(f.history, 'Otters', 'otters');
    const first = await f.service.backUpNow();
    const afterFirst = await objectNames(f.dataDir);
    const second = await f.service.backUpNow();
    expect(await objectNames(f.dataDir)).toEqual(afterFirst);
    expect(second.id).not.toBe(first.id);
    // Two conversations, one PDF named by both, settings, ledger, index: each once.
    const manifest = parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(first.id), 'utf8'));
    const distinct = new Set(manifest?.files.map((file) => file.sha256));
    expect(afterFirst).toHaveLength(distinct.size);
    expect(manifest?.files.map((file) => file.path)).toContain(`history/attachments/${sha256Of(PDF_BYTES)}`);
    expect(first).toMatchObject({ kind: 'manual', conversationCount: 2, complete: true });
  });

  it('a changed conversation adds one object (its new bytes); the others are shared', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    await addConversation(f.history, 'Otters', 'otters');
    await f.service.backUpNow();
    const before = new Set(await objectNames(f.dataDir));
    await f.history.rename(a.id, 'Walruses and seals');
    await f.history.flush();
    await f.service.backUpNow();
    const added = (await objectNames(f.dataDir)).filter((name) => !before.has(name));
    // The renamed conversation's file and the index that lists it.
    expect(added).toHaveLength(2);
    expect(added).toContain(sha256Of(await fs.readFile(f.conversationFile(a.id))));
  });

  it('never hold the key: no vault file, no sk-or- string anywhere under backups/', async () => {
    const f = await open();
    await addConversation(f.history, 'Walruses', 'walruses');
    const summary = await f.service.backUpNow();
    const root = backupPathsFor(f.dataDir).root;
    const vaultHash = sha256Of(await fs.readFile(join(f.dataDir, 'vault.json')));
    const manifest = parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(summary.id), 'utf8'));
    expect(manifest?.files.map((file) => file.path)).not.toContain('vault.json');
    expect(manifest?.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['settings.json', 'ledger/ledger.jsonl', 'history/index.json']),
    );
    for (const path of await filesUnder(root)) {
      const bytes = await fs.readFile(join(root, path));
      expect(bytes.toString('latin1')).not.toContain('sk-or-');
      expect(bytes.toString('latin1')).not.toContain(FIXTURE_KEY.slice(20));
      expect(path.endsWith(vaultHash)).toBe(false);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'are owner-only: files 0600, folders 0700, whatever the umask',
    async () => {
      const previous = process.umask(0o022);
      try {
        const f = await open();
        await addConversation(f.history, 'Walruses', 'walruses');
        await f.service.backUpNow();
        const root = backupPathsFor(f.dataDir).root;
        const modes: string[] = [];
        const walk = async (dir: string) => {
          modes.push(`${dir}:${((await fs.stat(dir)).mode & 0o777).toString(8)}`);
          for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) await walk(path);
            else modes.push(`${path}:${((await fs.stat(path)).mode & 0o777).toString(8)}`);
          }
        };
        await walk(root);
        expect(modes.length).toBeGreaterThan(5);
        for (const line of modes) expect(line).toMatch(/:(600|700)$/);
      } finally {
        process.umask(previous);
      }
    },
  );

  it('a ledger line being appended is left for the next snapshot (the copy ends at a whole line)', async () => {
    const f = await open();
    await f.ledger().settle();
    await fs.appendFile(join(f.dataDir, 'ledger', 'ledger.jsonl'), '{"messageId":"r2","cos');
    const summary = await f.service.backUpNow();
    const manifest = parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(summary.id), 'utf8'));
    const ledger = manifest?.files.find((file) => file.path === 'ledger/ledger.jsonl');
    const copy = await fs.readFile(backupPathsFor(f.dataDir).object(ledger?.sha256 ?? ''), 'utf8');
    expect(copy).toBe(serializeEntry(FIXTURE_LEDGER_ENTRY));
  });
});

describe('incomplete snapshots', () => {
  it('a snapshot without its manifest is listed incomplete, never restorable, and removed by init', async () => {
    const f = await open();
    await addConversation(f.history, 'Walruses', 'walruses');
    const summary = await f.service.backUpNow();
    await fs.rm(backupPathsFor(f.dataDir).manifest(summary.id));
    expect(await f.service.list()).toEqual([expect.objectContaining({ id: summary.id, complete: false })]);
    await expect(f.service.restore(summary.id)).rejects.toThrow(/incomplete or damaged/);
    await expect(f.service.conversations(summary.id)).rejects.toThrow(/incomplete or damaged/);
    await f.service.init();
    expect(await f.service.list()).toEqual([]);
    expect(await objectNames(f.dataDir)).toEqual([]);
  });

  it('a manifest changed on disk (checksum) or naming a missing object is incomplete', async () => {
    const f = await open();
    await addConversation(f.history, 'Walruses', 'walruses');
    const edited = await f.service.backUpNow();
    const path = backupPathsFor(f.dataDir).manifest(edited.id);
    await fs.writeFile(
      path,
      (await fs.readFile(path, 'utf8')).replace('"conversationCount"', '"x"').replace('Walruses', 'Walrusez'),
    );
    const fresh = await backupFixtureList(f);
    expect(fresh.find((b) => b.id === edited.id)?.complete).toBe(false);

    const missing = await f.service.backUpNow();
    const manifest = parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(missing.id), 'utf8'));
    const conversation = manifest?.files.find((file) => file.path.startsWith('history/conversations/'));
    await fs.rm(backupPathsFor(f.dataDir).object(conversation?.sha256 ?? ''));
    const listed = await backupFixtureList(f);
    expect(listed.find((b) => b.id === missing.id)?.complete).toBe(false);
  });

  it('a full disk rejects with a clear message and leaves no complete-looking snapshot', async () => {
    const failing = diskFillingAfter(2);
    const f = await open({ fs: failing });
    await addConversation(f.history, 'Walruses', 'walruses');
    await expect(f.service.backUpNow()).rejects.toThrow(
      'Switchboard could not finish the backup because the disk is full. Free some disk space, then try again. Your conversations were not changed.',
    );
    expect(failing.writes()).toBeGreaterThan(2);
    const listed = await f.service.list();
    expect(listed.every((b) => !b.complete)).toBe(true);
    expect(listed).toHaveLength(1);
    // The live history is as it was.
    expect(f.history.list({ limit: 10 }).total).toBe(1);
  });
});

/** The list as a fresh service (no per-session checks remembered) sees it. */
async function backupFixtureList(f: Fixture) {
  const { createBackupService } = await import('./backup-service');
  const { createMemoryLogger } = await import('../log/testing/memory-logger');
  return createBackupService({
    dataDir: f.dataDir,
    log: createMemoryLogger('backups'),
    history: f.history,
    restorer: f.restorer,
    ...unusedRestoreTargets(),
  }).list();
}

describe('retention and pruning', () => {
  it('keeps the last 5 manual snapshots and removes the objects only the removed ones named', async () => {
    let time = Date.parse('2026-03-01T10:00:00Z');
    const tick = () => {
      time += 60_000;
      return new Date(time);
    };
    const f = await open({ now: tick });
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const first = await f.service.backUpNow();
    const firstBytes = sha256Of(await fs.readFile(f.conversationFile(a.id)));
    await f.history.rename(a.id, 'Renamed once');
    await f.history.flush();
    for (let i = 0; i < 5; i++) await f.service.backUpNow();
    const listed = await f.service.list();
    expect(listed).toHaveLength(5);
    expect(listed.map((b) => b.id)).not.toContain(first.id);
    // The first title's bytes were named only by the first snapshot.
    expect(await objectNames(f.dataDir)).not.toContain(firstBytes);
    expect(await objectNames(f.dataDir)).toContain(sha256Of(await fs.readFile(f.conversationFile(a.id))));
  });

  it('a daily snapshot is taken when the last is more than 24 hours old, and not before', async () => {
    let time = Date.parse('2026-03-01T10:00:00Z');
    const f = await open({ now: () => new Date(time) });
    expect(await f.service.backUpIfDue()).toMatchObject({ kind: 'daily' });
    time += 23 * 3_600_000;
    expect(await f.service.backUpIfDue()).toBeNull();
    time += 2 * 3_600_000;
    expect(await f.service.backUpIfDue()).toMatchObject({ kind: 'daily' });
    // A manual one does not count as the day's.
    await f.service.backUpNow();
    time += 25 * 3_600_000;
    expect(await f.service.backUpIfDue()).toMatchObject({ kind: 'daily' });
  });
});

describe('schedule and concurrency', () => {
  it('checks a minute after start, then hourly: one daily snapshot per 24 hours while the app runs', async () => {
    const clock = createManualClock(Date.parse('2026-03-01T10:00:00Z'));
    const f = await open({ now: clock.now, scheduler: clock.scheduler });
    const dailies = async () => (await f.service.list()).filter((b) => b.kind === 'daily');
    f.service.startSchedule();
    expect(await dailies()).toEqual([]);
    clock.advance(60_000);
    await vi.waitFor(async () => expect(await dailies()).toHaveLength(1));
    for (let hour = 1; hour <= 23; hour++) clock.advance(3_600_000);
    expect(await dailies()).toHaveLength(1);
    clock.advance(2 * 3_600_000);
    await vi.waitFor(async () => expect(await dailies()).toHaveLength(2));
    // Queued behind every check the timers started: when it answers, they have all run.
    expect(await f.service.backUpIfDue()).toBeNull();
    expect(await dailies()).toHaveLength(2);
    f.service.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('backups, a restore and the pruning asked for at once run one at a time: every snapshot complete', async () => {
    const f = await open({ retention: { daily: 1, weekly: 0, preUpdate: 1, preRestore: 1, manual: 2 } });
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const first = await f.service.backUpNow();
    await f.history.rename(a.id, 'Renamed');
    const results = await Promise.all([
      f.service.backUpNow(),
      f.service.snapshotBeforeUpdate(),
      f.service.restore(first.id),
      f.service.backUpNow(),
      f.service.backUpIfDue(),
    ]);
    expect(results.every((r) => r !== null)).toBe(true);
    const fresh = await backupFixtureList(f);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((b) => b.complete)).toBe(true);
    // Every object is named by a kept snapshot, and every kept snapshot's objects are there.
    const named = new Set<string>();
    for (const b of fresh) {
      const manifest = parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(b.id), 'utf8'));
      for (const file of manifest?.files ?? []) named.add(file.sha256);
    }
    expect(new Set(await objectNames(f.dataDir))).toEqual(named);
  });
});

describe('restore', () => {
  it('a backup, a deletion and a restore bring the conversation back byte for byte, and search finds it', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const original = await fs.readFile(f.conversationFile(a.id));
    const backup = await f.service.backUpNow();
    await f.history.remove(a.id);
    await fs.rm(join(f.dataDir, 'history', 'attachments'), { recursive: true });
    const result = await f.service.restore(backup.id);
    expect(result).toMatchObject({ restored: 1, movedToTrash: 0 });
    expect(await fs.readFile(f.conversationFile(a.id))).toEqual(original);
    expect(f.history.get(a.id)?.title).toBe('Walruses');
    // Its attachment came back from the backup, hash-checked.
    expect(await f.history.attachmentBytes(sha256Of(PDF_BYTES))).toEqual(PDF_BYTES);
    expect((await f.history.search('walruses')).hits.map((h) => h.conversationId)).toContain(a.id);
  });

  it('takes a pre-restore snapshot first, which restores the state before the restore', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const backup = await f.service.backUpNow();
    await f.history.rename(a.id, 'Changed after the backup');
    const later = await addConversation(f.history, 'Otters', 'otters');
    await f.history.flush();
    const changedBytes = await fs.readFile(f.conversationFile(a.id));
    const laterBytes = await fs.readFile(f.conversationFile(later.id));

    const result = await f.service.restore(backup.id);
    expect(result.movedToTrash).toBe(1);
    expect(f.history.get(later.id)).toBeNull();
    expect(f.history.get(a.id)?.title).toBe('Walruses');
    expect(await f.service.list()).toContainEqual(
      expect.objectContaining({
        id: result.undoBackupId,
        kind: 'pre-restore',
        conversationCount: 2,
        complete: true,
      }),
    );

    await f.service.restore(result.undoBackupId);
    expect(await fs.readFile(f.conversationFile(a.id))).toEqual(changedBytes);
    expect(await fs.readFile(f.conversationFile(later.id))).toEqual(laterBytes);
    expect(f.history.get(later.id)?.title).toBe('Otters');
  });

  it('restores one conversation of a snapshot, leaving the others as they are', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const b = await addConversation(f.history, 'Otters', 'otters');
    const original = await fs.readFile(f.conversationFile(a.id));
    const backup = await f.service.backUpNow();
    expect((await f.service.conversations(backup.id)).map((c) => c.title).sort()).toEqual([
      'Otters',
      'Walruses',
    ]);
    await f.history.remove(a.id);
    await f.history.rename(b.id, 'Otters, renamed');
    const restored = await f.service.restoreConversation(backup.id, a.id);
    expect(restored.title).toBe('Walruses');
    expect(await fs.readFile(f.conversationFile(a.id))).toEqual(original);
    expect(f.history.get(b.id)?.title).toBe('Otters, renamed');
    await expect(f.service.restoreConversation(backup.id, 'nope')).rejects.toThrow(/not in this backup/);
  });

  it('brings back the reply images saved before format 2 (beside the conversation, not content-addressed)', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    await f.history.close();
    // An older conversation: its reply's image in images/<id>/<messageId>/1.png, named without a hash.
    const file = JSON.parse(await fs.readFile(f.conversationFile(a.id), 'utf8'));
    const reply = file.messages.find((m: { id: string }) => m.id === a.reply.id);
    reply.images = [{ id: '1.png', mimeType: 'image/png', byteLength: PNG_BYTES.length }];
    await fs.writeFile(f.conversationFile(a.id), serializeConversationFile(file));
    const imagePath = join(f.dataDir, 'history', 'images', a.id, a.reply.id, '1.png');
    await fs.mkdir(join(imagePath, '..'), { recursive: true });
    await fs.writeFile(imagePath, PNG_BYTES);
    const { history, restorer } = await openHistory(f.dataDir);
    const service = createBackupService({
      dataDir: f.dataDir,
      log: createMemoryLogger('b'),
      history,
      restorer,
      ...unusedRestoreTargets(),
    });
    try {
      const backup = await service.backUpNow();
      await history.remove(a.id);
      // Deleting moved the image folder into the trash with the conversation.
      await expect(fs.stat(imagePath)).rejects.toThrow();
      await service.restoreConversation(backup.id, a.id);
      expect(await fs.readFile(imagePath)).toEqual(Buffer.from(PNG_BYTES));
      expect((await history.replyImage(a.id, a.reply.id, '1.png')).bytes).toEqual(PNG_BYTES);
    } finally {
      await history.close();
    }
  });

  it('is refused while a reply is streaming, and changes nothing', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const backup = await f.service.backUpNow();
    await f.history.appendUserMessage(a.id, 'And seals?');
    await f.history.beginReply(a.id, { model: 'openai/gpt-4o' });
    await f.settings.update({ theme: 'light' });
    await f.replaceLedger('');
    const before = (await f.service.list()).length;
    await expect(f.service.restore(backup.id)).rejects.toThrow(
      'A reply is still being written, so nothing was restored. Wait for it to finish (or stop it), then restore again.',
    );
    await expect(f.service.restoreConversation(backup.id, a.id)).rejects.toThrow(/still being written/);
    expect((await f.service.list()).length).toBe(before);
    // Neither the settings nor the ledger were touched.
    expect(f.settings.get().theme).toBe('light');
    expect(f.ledger().size).toBe(0);
  });

  it('a damaged conversation object refuses the restore before anything changes', async () => {
    const f = await open();
    const a = await addConversation(f.history, 'Walruses', 'walruses');
    const backup = await f.service.backUpNow();
    const manifest = parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(backup.id), 'utf8'));
    const file = manifest?.files.find((entry) => entry.path === `history/conversations/${a.id}.json`);
    const objectPath = backupPathsFor(f.dataDir).object(file?.sha256 ?? '');
    const bytes = await fs.readFile(objectPath);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41; // same size, other bytes
    await fs.writeFile(objectPath, bytes);
    await f.history.rename(a.id, 'Renamed');
    await expect(f.service.restore(backup.id)).rejects.toThrow(/incomplete or damaged/);
    expect(f.history.get(a.id)?.title).toBe('Renamed');
    expect((await f.service.list()).filter((b) => b.kind === 'pre-restore')).toEqual([]);
  });
});

describe('restore: settings and the spending ledger', () => {
  /** The settings as a start reads them from the data folder's settings.json. */
  const settingsOnDisk = async (dataDir: string) => {
    const store = createSettingsStore({ dir: dataDir, log: createMemoryLogger('settings') });
    return store.init();
  };

  it('puts the snapshot’s settings back (listeners told), merges the ledger (old ∪ new), and the pre-restore snapshot undoes the settings', async () => {
    const f = await open();
    await addConversation(f.history, 'Walruses', 'walruses');
    await f.settings.update({ theme: 'light', language: 'de', systemPrompt: 'Be brief.', temperature: 0.3 });
    const r2 = ledgerEntry({ messageId: 'r2', costUsd: 0.02 });
    await f.ledger().record(r2);
    const backup = await f.service.backUpNow();
    const backedUp = f.settings.get();

    // After the backup: settings changed; the ledger lost r1 and r2 (a reset data folder), then more was spent.
    await f.settings.update({ theme: 'dark', language: 'fr', systemPrompt: 'Changed.', temperature: null });
    const changed = f.settings.get();
    const r3 = ledgerEntry({ messageId: 'r3', costUsd: 0.5 });
    await f.replaceLedger(serializeEntry(r3));
    const r4 = ledgerEntry({ messageId: 'r4', costUsd: 0.25 });
    await f.ledger().record(r4);
    const told: string[] = [];
    f.settings.onChange((settings) => told.push(`${settings.theme}/${settings.language}`));

    const result = await f.service.restore(backup.id);
    expect(result).toMatchObject({ restored: 1, spendingEntriesAdded: 2 });
    expect(f.settings.get()).toEqual(backedUp);
    expect(await settingsOnDisk(f.dataDir)).toEqual(backedUp);
    expect(told).toEqual(['light/de']);
    // Nothing live dropped: the entries spent since stay, the backup's missing ones are added.
    expect(ledgerEntries(f.ledger())).toEqual([FIXTURE_LEDGER_ENTRY, r2, r3, r4]);
    // …on disk too (a start reads them back).
    await f.replaceLedger(await fs.readFile(join(f.dataDir, 'ledger', 'ledger.jsonl'), 'utf8'));
    expect(ledgerEntries(f.ledger())).toEqual([FIXTURE_LEDGER_ENTRY, r2, r3, r4]);

    // The snapshot taken first holds the settings as they were: restoring it puts them back.
    const undone = await f.service.restore(result.undoBackupId);
    expect(undone).toMatchObject({ spendingEntriesAdded: 0 });
    expect(f.settings.get()).toEqual(changed);
    expect(told).toEqual(['light/de', 'dark/fr']);
    expect(ledgerEntries(f.ledger())).toEqual([FIXTURE_LEDGER_ENTRY, r2, r3, r4]);

    // Restoring one conversation leaves the settings and the ledger as they are.
    await f.service.restoreConversation(backup.id, (await f.service.conversations(backup.id))[0]?.id ?? '');
    expect(f.settings.get()).toEqual(changed);
  });

  it('a ledger line that is not an entry (a torn last line, a damaged one) is skipped; the others merge', async () => {
    const f = await open();
    const r2 = ledgerEntry({ messageId: 'r2' });
    const r3 = ledgerEntry({ messageId: 'r3' });
    await f.ledger().settle();
    // Written behind the store's back, as another version or a hand edit might: a bad line between two.
    await fs.appendFile(
      join(f.dataDir, 'ledger', 'ledger.jsonl'),
      `${serializeEntry(r2)}{"messageId":"bad","costUsd":"lots"}\n${serializeEntry(r3)}`,
    );
    const backup = await f.service.backUpNow();
    await f.replaceLedger('');
    const result = await f.service.restore(backup.id);
    expect(result.spendingEntriesAdded).toBe(3);
    expect(ledgerEntries(f.ledger())).toEqual([FIXTURE_LEDGER_ENTRY, r2, r3]);
    expect(f.log.lines.join('\n')).toMatch(
      /ledger lines in a backup that are not entries were skipped.*count.*1/,
    );
  });

  for (const [label, text, message] of [
    ['not JSON', '{"formatVersion":1,"settings":{"theme":"da', /settings in that backup are damaged/],
    ['a value the schema refuses', '{"formatVersion":1,"settings":{"theme":"purple"}}', /are damaged/],
    ['no settings object', '{"formatVersion":1}', /are damaged/],
    ['a newer format', '{"formatVersion":2,"settings":{"theme":"light"}}', /saved by a newer version/],
    [
      'a setting this version does not know',
      '{"formatVersion":1,"settings":{"theme":"light","lasers":true}}',
      /newer version/,
    ],
  ] as const) {
    it(`a snapshot whose settings file has ${label} is refused whole, before anything changes`, async () => {
      const f = await open();
      const a = await addConversation(f.history, 'Walruses', 'walruses');
      await fs.writeFile(join(f.dataDir, 'settings.json'), text);
      const backup = await f.service.backUpNow();
      await f.history.rename(a.id, 'Renamed');
      await f.settings.update({ theme: 'light' });
      const before = f.settings.get();
      await expect(f.service.restore(backup.id)).rejects.toThrow(message);
      await expect(f.service.restore(backup.id)).rejects.toThrow(/nothing was restored/);
      expect(f.history.get(a.id)?.title).toBe('Renamed');
      expect(f.settings.get()).toEqual(before);
      expect((await f.service.list()).filter((b) => b.kind === 'pre-restore')).toEqual([]);
      // Its conversations can still come back one at a time.
      await f.service.restoreConversation(backup.id, a.id);
      expect(f.history.get(a.id)?.title).toBe('Walruses');
    });
  }

  it('a snapshot without a settings file (none saved yet) brings back the defaults, so undo works on a fresh folder', async () => {
    const f = await open({ fresh: true });
    await addConversation(f.history, 'Walruses', 'walruses');
    const backup = await f.service.backUpNow();
    expect(
      parseManifest(await fs.readFile(backupPathsFor(f.dataDir).manifest(backup.id), 'utf8'))?.files.map(
        (file) => file.path,
      ),
    ).not.toContain('settings.json');
    await f.settings.update({ theme: 'light', language: 'es' });
    await f.service.restore(backup.id);
    expect(f.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(await settingsOnDisk(f.dataDir)).toEqual(DEFAULT_SETTINGS);
  });

  it('a settings file saved before some settings existed restores them as their defaults', async () => {
    const f = await open();
    // The fixture's settings.json holds the theme only (an older version's file).
    const backup = await f.service.backUpNow();
    await f.settings.update({ theme: 'light', language: 'ja', stickyProvider: true });
    await f.service.restore(backup.id);
    expect(f.settings.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });
});
