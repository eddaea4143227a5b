import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../log/testing/memory-logger';
import { attachmentOf, PDF_BYTES, TEXT_BYTES } from '../testing/sample-attachments';
import { PNG_BYTES } from '../testing/sample-images';
import { createManualClock, type ManualClock, makeTempDir, sequentialIds } from '../testing/test-support';
import type { HistoryStoreOptions } from '../types';
import { createConversationStore } from './conversation-store';

let dirs: Array<() => Promise<void>> = [];
let closers: Array<() => Promise<void>> = [];

beforeEach(() => {
  dirs = [];
  closers = [];
});
afterEach(async () => {
  for (const c of closers) await c();
  for (const c of dirs) await c();
});

async function open(dir: string, clock: ManualClock, extra: Partial<HistoryStoreOptions> = {}) {
  const log = createMemoryLogger('history');
  const opened = createConversationStore({
    dir,
    log,
    now: clock.now,
    scheduler: clock.scheduler,
    idFactory: sequentialIds(`s${closers.length}x`),
    ...extra,
  });
  await opened.store.init();
  closers.push(() => opened.store.close());
  return { ...opened, log };
}

async function fresh(extra: Partial<HistoryStoreOptions> = {}) {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const clock = createManualClock();
  return { dir, clock, ...(await open(dir, clock, extra)) };
}

const pdf = attachmentOf('shared.pdf', 'pdf', 'application/pdf', PDF_BYTES);
const text = attachmentOf('only-a.txt', 'text', 'text/plain', TEXT_BYTES);
const stored = (dir: string) => fs.readdir(join(dir, 'attachments')).then((n) => n.sort());

/**
 * Nothing in a conversation is deleted any more (issue 18: regenerate and edit add branches), so a
 * file stops being named when its conversation leaves the trash: deleted, then purged.
 */
async function deleteAndPurge(
  store: { remove(id: string): Promise<{ undoToken: string }> },
  dir: string,
  id: string,
) {
  const { undoToken } = await store.remove(id);
  await fs.rm(join(dir, 'trash', `${undoToken}.json`));
}

describe('the attachment sweep', () => {
  it('keeps a file shared by two conversations when one is deleted and purged, and removes the other’s', async () => {
    const { dir, clock, store, internals } = await fresh();
    const a = await store.create({ model: null });
    const b = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'both files', [pdf, text]);
    await store.appendUserMessage(b.id, 'the shared one', [pdf]);
    await store.remove(a.id);
    // Deleted but restorable: the trash still names both.
    expect(await internals.sweepAttachments()).toEqual({ stored: 2, removed: 0 });
    await store.close();
    clock.advance(31 * 24 * 60 * 60 * 1000);
    const reopened = await open(dir, clock);
    await reopened.internals.whenAttachmentsSwept();
    expect(await stored(dir)).toEqual([pdf.attachment.sha256]);
    expect(
      await reopened.store.attachment(
        b.id,
        (await reopened.store.allMessages(b.id))[0]?.id ?? '',
        pdf.attachment.sha256,
      ),
    ).toEqual(pdf);
  });

  it('removes the files (attachments, reply images) no conversation names any more, unless another one uses them', async () => {
    const { dir, store, internals } = await fresh({ sweepAttachments: false });
    const a = await store.create({ model: null });
    const b = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'both files', [pdf, text]);
    const reply = await store.beginReply(a.id, { model: 'm' });
    await store.finishReply(a.id, reply.id, {
      status: 'complete',
      images: [{ id: '1.png', mimeType: 'image/png', bytes: PNG_BYTES }],
    });
    await store.appendUserMessage(b.id, 'the shared one', [pdf]);
    expect((await stored(dir)).length).toBe(3);
    await deleteAndPurge(store, dir, a.id);
    expect(await internals.sweepAttachments()).toEqual({ stored: 3, removed: 2 });
    expect(await stored(dir)).toEqual([pdf.attachment.sha256]);
  });

  it('keeps a file re-attached while the sweep runs', async () => {
    const { dir, store, internals } = await fresh({ sweepAttachments: false });
    const a = await store.create({ model: null });
    const b = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'with a file', [pdf]);
    await deleteAndPurge(store, dir, a.id);
    let again: Awaited<ReturnType<typeof store.appendUserMessage>> | null = null;
    const report = await internals.sweepAttachments({
      // The scan found no conversation naming the file; a message re-using it is saved right then.
      beforeRemove: async () => {
        again = await store.appendUserMessage(b.id, 'edited', [{ attachment: pdf.attachment }]);
      },
    });
    expect(report).toEqual({ stored: 1, removed: 0 });
    expect(await stored(dir)).toEqual([pdf.attachment.sha256]);
    expect((again as { attachments?: unknown[] } | null)?.attachments).toEqual([pdf.attachment]);
    expect((await store.allMessages(b.id))[0]?.attachments?.[0]?.missing).toBeUndefined();
    // Once nothing names it, the next sweep removes it.
    await deleteAndPurge(store, dir, b.id);
    expect(await internals.sweepAttachments()).toEqual({ stored: 1, removed: 1 });
  });

  it('keeps a file written again (with its bytes) into another conversation while the sweep runs', async () => {
    const { dir, store, internals } = await fresh({ sweepAttachments: false });
    const a = await store.create({ model: null });
    const b = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'with a file', [text]);
    await deleteAndPurge(store, dir, a.id);
    await internals.sweepAttachments({
      beforeRemove: async () => {
        await store.appendUserMessage(b.id, 'same file, attached anew', [text]);
      },
    });
    expect(await stored(dir)).toEqual([text.attachment.sha256]);
    expect(await store.attachmentBytes(text.attachment.sha256)).toEqual(TEXT_BYTES);
  });

  it('keeps files named by a quarantined conversation, even one that does not parse', async () => {
    const { dir, clock, store } = await fresh({ sweepAttachments: false });
    const a = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'with a file', [pdf]);
    await store.close();
    const path = join(dir, 'conversations', `${a.id}.json`);
    const json = await fs.readFile(path, 'utf8');
    // Cut off just after the hash: not JSON any more.
    await fs.writeFile(path, json.slice(0, json.indexOf(pdf.attachment.sha256) + 70));
    await fs.rm(join(dir, 'index.json'));
    const reopened = await open(dir, clock, { sweepAttachments: false });
    expect(reopened.store.quarantined()).toHaveLength(1);
    expect(await reopened.internals.sweepAttachments()).toEqual({ stored: 1, removed: 0 });
  });

  it('removes at start the temporary files of attachment writes cut off by a crash, and nothing else', async () => {
    const { dir, clock, store } = await fresh({ sweepAttachments: false });
    const a = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'with a file', [pdf]);
    await store.close();
    const folder = join(dir, 'attachments');
    await fs.writeFile(join(folder, `${text.attachment.sha256}.2836549123`), 'half a file');
    await fs.writeFile(join(folder, 'notes.txt.12'), 'not ours');
    await open(dir, clock, { sweepAttachments: false });
    expect((await fs.readdir(folder)).sort()).toEqual([pdf.attachment.sha256, 'notes.txt.12'].sort());
  });

  it('runs at start only when one is owed: after a purge, a crash, or one the last session did not finish', async () => {
    const { dir, clock, store } = await fresh();
    const a = await store.create({ model: null });
    await store.appendUserMessage(a.id, 'with a file', [pdf]);
    await store.close();
    // A file nothing names, with no reason on record to look for it: a normal start does not scan.
    await fs.writeFile(join(dir, 'attachments', text.attachment.sha256), TEXT_BYTES);
    const calm = await open(dir, clock);
    await calm.internals.whenAttachmentsSwept();
    expect(await stored(dir)).toEqual([pdf.attachment.sha256, text.attachment.sha256].sort());
    await calm.store.close();
    // A sweep owed by an earlier session (a truncate, then a quit before the sweep finished).
    await fs.writeFile(join(dir, 'attachments-sweep-pending'), '');
    const owed = await open(dir, clock);
    await owed.internals.whenAttachmentsSwept();
    expect(await stored(dir)).toEqual([pdf.attachment.sha256]);
    await expect(fs.access(join(dir, 'attachments-sweep-pending'))).rejects.toThrow();
  });

  it('does nothing, and reads nothing, when no file is stored', async () => {
    const { store, internals } = await fresh({ sweepAttachments: false });
    await store.create({ model: null });
    expect(await internals.sweepAttachments()).toEqual({ stored: 0, removed: 0 });
  });
});
