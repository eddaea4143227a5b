import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuarantineNotice } from '../../../../common/conversation-types';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';
import { layoutFor } from './layout';
import { recoverTitle } from './quarantine';

let dir: string;
let cleanup: () => Promise<void>;
let store: HistoryStore | null = null;

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  await store?.close();
  store = null;
  await cleanup();
});

const good = (id: string, title: string) =>
  JSON.stringify({
    formatVersion: 1,
    conversation: {
      id,
      title,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      model: null,
    },
    messages: [],
  });

const damaged: Record<string, { text: string; title: string | null; reason: RegExp }> = {
  garbage: { text: '\u0000\u0001 not json at all', title: null, reason: /not valid JSON/ },
  truncated: {
    text: good('truncated', 'Half a file').slice(0, 90),
    title: 'Half a file',
    reason: /not valid JSON/,
  },
  empty: { text: '', title: null, reason: /empty/ },
  'schema-invalid': {
    text: good('schema-invalid', 'Bad messages').replace(
      '"messages":[]',
      '"messages":[{"id":"m1","role":"robot"}]',
    ),
    title: 'Bad messages',
    reason: /not a valid format 1 file: messages\.0/,
  },
  newer: {
    text: good('newer', 'From the future').replace('"formatVersion":1', '"formatVersion":7'),
    title: 'From the future',
    reason: /written by a newer Switchboard \(format version 7/,
  },
  'no-version': { text: '{"conversation":{}}', title: null, reason: /no valid "formatVersion"/ },
  'wrong-id': {
    text: good('someone-else', 'Misnamed'),
    title: 'Misnamed',
    reason: /describes conversation "someone-else"/,
  },
};

async function writeHistory() {
  const layout = layoutFor(dir);
  await fs.mkdir(layout.conversations, { recursive: true });
  await fs.writeFile(layout.conversationFile('fine-1'), good('fine-1', 'Fine one'));
  await fs.writeFile(layout.conversationFile('fine-2'), good('fine-2', 'Fine two'));
  for (const [id, { text }] of Object.entries(damaged)) await fs.writeFile(layout.conversationFile(id), text);
  return layout;
}

describe('quarantine', () => {
  it('moves each unusable file aside with a note, and loads the rest', async () => {
    const layout = await writeHistory();
    const opened = await openStore(dir, { idFactory: sequentialIds() });
    store = opened.store;
    expect(
      store
        .list({ limit: 50 })
        .items.map((s) => s.id)
        .sort(),
    ).toEqual(['fine-1', 'fine-2']);
    expect(opened.quarantined).toHaveLength(Object.keys(damaged).length);
    expect(store.quarantined()).toEqual(opened.quarantined);

    const byId = new Map(opened.quarantined.map((n) => [n.conversationId, n]));
    for (const [id, expected] of Object.entries(damaged)) {
      const notice = byId.get(id) as QuarantineNotice;
      expect(notice, id).toBeDefined();
      expect(notice.title, id).toBe(expected.title);
      expect(notice.reason, id).toMatch(expected.reason);
      expect(dirname(notice.path)).toBe(layout.quarantine);
      // Moved byte for byte, never rewritten.
      expect(await fs.readFile(notice.path, 'utf8'), id).toBe(expected.text);
      await expect(fs.access(layout.conversationFile(id))).rejects.toThrow();
      const note = await fs.readFile(notice.path.replace(/\.json$/, '.note.txt'), 'utf8');
      expect(note).toContain(`Conversation: ${id}`);
      expect(note).toContain(`Why: ${notice.reason}`);
      expect(note).toMatch(/When: \d{4}-\d\d-\d\dT/);
      expect(note).toContain(`Files attached in it stay in ${join(dir, 'attachments')}`);
    }
    expect(opened.log.lines.filter((l) => l.includes('conversation file quarantined'))).toHaveLength(
      Object.keys(damaged).length,
    );
  });

  it('never overwrites a newer file: it stays intact in quarantine even after new writes', async () => {
    const layout = await writeHistory();
    const opened = await openStore(dir, { idFactory: () => 'newer' });
    store = opened.store;
    // Even a conversation created later with the same id does not touch the quarantined file.
    await store.create({ model: null });
    const notice = opened.quarantined.find((n) => n.conversationId === 'newer') as QuarantineNotice;
    expect(await fs.readFile(notice.path, 'utf8')).toBe(damaged.newer?.text);
    expect(basename(notice.path)).toMatch(/^newer\..*\.json$/);
    expect((await fs.readdir(layout.quarantine)).length).toBe(2 * Object.keys(damaged).length);
  });

  it("takes a quarantined conversation's reply images with it, and the note says where they are", async () => {
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    await fs.writeFile(
      layout.conversationFile('pictures'),
      '{"formatVersion":1,"conversation":{"title":"Cats"',
    );
    const image = join(layout.conversationImages('pictures'), 'm1', '1.png');
    await fs.mkdir(dirname(image), { recursive: true });
    await fs.writeFile(image, 'the bytes');
    const opened = await openStore(dir);
    store = opened.store;
    const notice = opened.quarantined[0] as QuarantineNotice;
    const moved = notice.path.replace(/\.json$/, '.images');
    expect(await fs.readFile(join(moved, 'm1', '1.png'), 'utf8')).toBe('the bytes');
    await expect(fs.access(layout.conversationImages('pictures'))).rejects.toThrow();
    const note = await fs.readFile(notice.path.replace(/\.json$/, '.note.txt'), 'utf8');
    expect(note).toContain(`Reply images moved to: ${moved}`);
    expect(note).toContain(`back into ${layout.images}`);
  });

  it('a quarantined conversation without images gets no images folder or line', async () => {
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    await fs.writeFile(layout.conversationFile('plain'), 'not json');
    const opened = await openStore(dir);
    store = opened.store;
    const notice = opened.quarantined[0] as QuarantineNotice;
    expect(await fs.readdir(layout.quarantine)).toHaveLength(2);
    const note = await fs.readFile(notice.path.replace(/\.json$/, '.note.txt'), 'utf8');
    expect(note).not.toContain('Reply images');
  });

  it('keeps both files when the same conversation is quarantined twice', async () => {
    const layout = layoutFor(dir);
    await fs.mkdir(layout.conversations, { recursive: true });
    await fs.writeFile(layout.conversationFile('twice'), 'bad one');
    store = (await openStore(dir)).store;
    await store.close();
    await fs.writeFile(layout.conversationFile('twice'), 'bad two');
    store = (await openStore(dir)).store;
    const kept = await Promise.all(
      (await fs.readdir(layout.quarantine))
        .filter((n) => n.endsWith('.json'))
        .map((n) => fs.readFile(join(layout.quarantine, n), 'utf8')),
    );
    expect(kept.sort()).toEqual(['bad one', 'bad two']);
  });

  it('quarantines a file that goes bad while the app runs, when it is next opened', async () => {
    const layout = await writeHistory();
    const notices: QuarantineNotice[] = [];
    const opened = await openStore(dir, { onQuarantine: (n) => notices.push(n), buildSearchIndex: false });
    store = opened.store;
    await fs.writeFile(layout.conversationFile('fine-1'), '{"formatVersion":1,"conv');
    const failure = (await store.messages('fine-1', { limit: 10 }).then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    )) as Error;
    expect(failure.message).toContain('"Fine one" could not be opened, so its file was moved to');
    expect(failure.message).toContain(layout.quarantine);
    expect(notices).toEqual([expect.objectContaining({ conversationId: 'fine-1', title: 'Fine one' })]);
    expect(store.get('fine-1')).toBeNull();
    expect(store.quarantined().map((n) => n.conversationId)).toContain('fine-1');
  });

  it('the background search build finds damaged files too', async () => {
    const layout = await writeHistory();
    const notices: QuarantineNotice[] = [];
    const first = await openStore(dir);
    await first.store.close();
    await fs.writeFile(layout.conversationFile('fine-2'), 'garbage');
    // After a clean close the index is trusted without looking at the files (fast start); the
    // background search build still reads every file, and finds this one.
    const opened = await openStore(dir, { onQuarantine: (n) => notices.push(n) });
    store = opened.store;
    await store.whenSearchReady();
    expect(store.quarantined().map((n) => n.conversationId)).toContain('fine-2');
    expect(notices.map((n) => n.conversationId)).toEqual(['fine-2']);
    expect(store.get('fine-2')).toBeNull();
  });
});

describe('recoverTitle', () => {
  it('finds the title in whole, truncated and escaped text', () => {
    expect(recoverTitle(good('a', 'Whole'))).toBe('Whole');
    expect(
      recoverTitle('{"formatVersion":1,"conversation":{"id":"a","title":"Caf\\u00e9 \\"quoted\\"","crea'),
    ).toBe('Café "quoted"');
    expect(recoverTitle('nothing here')).toBeNull();
  });
});
