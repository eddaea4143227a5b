import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PDF_BYTES, sha256Of } from '../history/testing/sample-attachments';
import { makeTempDir } from '../history/testing/test-support';
import { ledgerEntry } from '../ledger/testing/entries';
import {
  addConversation,
  backupFixture,
  FIXTURE_KEY,
  FIXTURE_LEDGER_ENTRY,
  ledgerEntries,
} from './testing/backup-fixture';

type Fixture = Awaited<ReturnType<typeof backupFixture>>;
const opened: Fixture[] = [];
const temps: Array<{ cleanup: () => Promise<void> }> = [];
afterEach(async () => {
  for (const f of opened.splice(0)) await f.cleanup();
  for (const t of temps.splice(0)) await t.cleanup();
});
// A low scrypt work factor keeps the test fast; the app uses age's default (18).
const open = async (fresh = false) => {
  const f = await backupFixture({ scryptWorkFactor: 10, fresh });
  opened.push(f);
  return f;
};
const PASSPHRASE = 'correct horse battery staple';

describe('encrypted copies (age, passphrase)', () => {
  it('a copy made here restores on another computer: encrypt, open in a fresh data folder, restore byte for byte', async () => {
    const here = await open();
    const a = await addConversation(here.history, 'Walruses', 'walruses');
    const original = await fs.readFile(here.conversationFile(a.id));
    const backup = await here.service.backUpNow();
    const folder = await makeTempDir('switchboard-synced-folder-');
    temps.push(folder);
    const { fileName } = await here.service.exportEncrypted(backup.id, folder.dir, PASSPHRASE);
    expect(fileName).toBe(`switchboard-backup-${backup.id}.age`);
    const file = join(folder.dir, fileName);
    const encrypted = await fs.readFile(file);
    // An age file: its header, and none of what it holds in the clear.
    expect(encrypted.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
    for (const plain of ['Walruses', 'walruses', 'sk-or-', FIXTURE_KEY, '%PDF-']) {
      expect(encrypted.toString('latin1')).not.toContain(plain);
    }
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);

    const there = await open();
    await expect(there.service.importEncrypted(file, 'not the passphrase at all')).rejects.toThrow(
      'That passphrase does not open this file, or the file is not a Switchboard encrypted backup. Check the passphrase and the file, then try again.',
    );
    expect(await there.service.list()).toEqual([]);
    const imported = await there.service.importEncrypted(file, PASSPHRASE);
    expect(imported).toMatchObject({ id: backup.id, conversationCount: 1, complete: true });
    expect(await there.service.list()).toEqual([imported]);
    await there.service.restore(imported.id);
    expect(await fs.readFile(there.conversationFile(a.id))).toEqual(original);
    expect(await there.history.attachmentBytes(sha256Of(PDF_BYTES))).toEqual(PDF_BYTES);
  });

  it('restored in a fresh data folder, a copy brings back the settings and the spending ledger too', async () => {
    const here = await open();
    await addConversation(here.history, 'Walruses', 'walruses');
    await here.settings.update({ theme: 'light', language: 'ja', defaultModel: 'openai/gpt-4o' });
    const r2 = ledgerEntry({ messageId: 'r2', costUsd: 0.75 });
    await here.ledger().record(r2);
    const backup = await here.service.backUpNow();
    const folder = await makeTempDir('switchboard-synced-folder-');
    temps.push(folder);
    const { fileName } = await here.service.exportEncrypted(backup.id, folder.dir, PASSPHRASE);

    const there = await open(true);
    const told: string[] = [];
    there.settings.onChange((settings) => told.push(settings.language));
    const imported = await there.service.importEncrypted(join(folder.dir, fileName), PASSPHRASE);
    const result = await there.service.restore(imported.id);
    expect(result).toMatchObject({ restored: 1, spendingEntriesAdded: 2 });
    expect(there.settings.get()).toEqual(here.settings.get());
    expect(told).toEqual(['ja']);
    // A fresh ledger merged with the backup's is the backup's.
    expect(ledgerEntries(there.ledger())).toEqual([FIXTURE_LEDGER_ENTRY, r2]);
    expect(ledgerEntries(there.ledger())).toEqual(ledgerEntries(here.ledger()));
  });

  it('refuses a short passphrase, and an altered file, changing nothing', async () => {
    const here = await open();
    await addConversation(here.history, 'Walruses', 'walruses');
    const backup = await here.service.backUpNow();
    const folder = await makeTempDir('switchboard-synced-folder-');
    temps.push(folder);
    await expect(here.service.exportEncrypted(backup.id, folder.dir, 'short')).rejects.toThrow(
      /at least 12 characters/,
    );
    expect(await fs.readdir(folder.dir)).toEqual([]);
    const { fileName } = await here.service.exportEncrypted(backup.id, folder.dir, PASSPHRASE);
    const file = join(folder.dir, fileName);
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0x01;
    await fs.writeFile(file, bytes);
    const there = await open();
    await expect(there.service.importEncrypted(file, PASSPHRASE)).rejects.toThrow(/does not open this file/);
    expect(await there.service.list()).toEqual([]);
  });
});
