import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentOf, everyKind, PDF_BYTES, sha256Of, TEXT_BYTES } from '../testing/sample-attachments';
import { PNG_BYTES } from '../testing/sample-images';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh() {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const opened = await openStore(dir, { idFactory: sequentialIds('c'), sweepAttachments: false });
  stores.push(opened.store);
  return { dir, ...opened };
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const c of dirs) await c();
});

const file = (dir: string, sha: string) => join(dir, 'attachments', sha);

describe('attachments of user messages', () => {
  it('are written as private content-addressed files and named (by reference only) in the conversation', async () => {
    const { store, dir } = await fresh();
    const c = await store.create({ model: null });
    const inputs = everyKind();
    const message = await store.appendUserMessage(c.id, 'What are these?', inputs);
    expect(message.attachments).toEqual(inputs.map((i) => i.attachment));
    for (const { attachment, bytes } of inputs) {
      expect(new Uint8Array(await fs.readFile(file(dir, attachment.sha256)))).toEqual(bytes);
      if (process.platform !== 'win32')
        expect((await fs.stat(file(dir, attachment.sha256))).mode & 0o777).toBe(0o600);
    }
    if (process.platform !== 'win32')
      expect((await fs.stat(join(dir, 'attachments'))).mode & 0o777).toBe(0o700);
    const json = await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8');
    expect(JSON.parse(json)).toMatchObject({
      formatVersion: 3,
      messages: [{ attachments: message.attachments }],
    });
    expect(json).not.toContain(Buffer.from(PDF_BYTES).toString('base64'));
    // After a restart, as the window and a request see them.
    await store.close();
    const { store: reopened } = await openStore(dir, { sweepAttachments: false });
    stores.push(reopened);
    expect((await reopened.messages(c.id, { limit: 5 })).messages[0]?.attachments).toEqual(
      message.attachments,
    );
    expect((await reopened.transcript(c.id))[0]?.attachments).toEqual(message.attachments);
  });

  it('keeps one file for the same content, and does not rewrite it', async () => {
    const { store, dir } = await fresh();
    const a = await store.create({ model: null });
    const b = await store.create({ model: null });
    const pdf = attachmentOf('a.pdf', 'pdf', 'application/pdf', PDF_BYTES);
    await store.appendUserMessage(a.id, 'one', [pdf]);
    const before = await fs.stat(file(dir, pdf.attachment.sha256));
    await store.appendUserMessage(b.id, 'two', [
      { ...pdf, attachment: { ...pdf.attachment, name: 'b.pdf' } },
    ]);
    const after = await fs.stat(file(dir, pdf.attachment.sha256));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await fs.readdir(join(dir, 'attachments'))).toEqual([pdf.attachment.sha256]);
  });

  it('refuses bytes that do not match their reference, writing nothing', async () => {
    const { store, dir } = await fresh();
    const c = await store.create({ model: null });
    const pdf = attachmentOf('a.pdf', 'pdf', 'application/pdf', PDF_BYTES);
    const lying = { attachment: pdf.attachment, bytes: TEXT_BYTES };
    await expect(store.appendUserMessage(c.id, 'x', [lying])).rejects.toThrow('"a.pdf" could not be saved');
    const wrongLength = { attachment: { ...pdf.attachment, byteLength: 3 }, bytes: PDF_BYTES };
    await expect(store.appendUserMessage(c.id, 'x', [wrongLength])).rejects.toMatchObject({
      error: { code: 'validation' },
    });
    await expect(
      store.appendUserMessage(c.id, 'x', [
        { attachment: { ...pdf.attachment, sha256: '../../x' }, bytes: PDF_BYTES },
      ]),
    ).rejects.toMatchObject({ error: { code: 'validation' } });
    expect(await store.allMessages(c.id)).toEqual([]);
    await expect(fs.readdir(join(dir, 'attachments'))).rejects.toThrow();
  });

  it('re-uses a stored file without its bytes (edit and resend), and refuses one that is gone, naming it', async () => {
    const { store, dir } = await fresh();
    const c = await store.create({ model: null });
    const [png, pdf] = everyKind();
    if (!png || !pdf) throw new Error('fixture');
    await store.appendUserMessage(c.id, 'first', [png, pdf]);
    // Edited: a new first message (a sibling of the first), re-using one of its files.
    const again = await store.appendUserMessage(c.id, 'again', [{ attachment: png.attachment }], {
      parentId: null,
    });
    expect(again.attachments).toEqual([png.attachment]);
    await fs.rm(file(dir, pdf.attachment.sha256));
    expect((await store.tree(c.id)).messages.map((m) => m.content)).toEqual(['first', 'again']);
    await expect(
      store.appendUserMessage(c.id, 'once more', [{ attachment: pdf.attachment }]),
    ).rejects.toThrow('"report.pdf" is no longer saved in the history folder');
    expect((await store.allMessages(c.id)).map((m) => m.content)).toEqual(['again']);
  });

  it('never stores `missing`', async () => {
    const { store, dir } = await fresh();
    const c = await store.create({ model: null });
    const pdf = attachmentOf('a.pdf', 'pdf', 'application/pdf', PDF_BYTES);
    await store.appendUserMessage(c.id, 'x', [{ ...pdf, attachment: { ...pdf.attachment, missing: true } }]);
    const json = await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8');
    expect(json).not.toContain('missing');
    expect(JSON.parse(json).messages[0].attachments).toEqual([pdf.attachment]);
  });
});

describe('a missing or damaged attachment file', () => {
  async function withFiles() {
    const opened = await fresh();
    const c = await opened.store.create({ model: null, title: 'Quarterly numbers' });
    const inputs = everyKind();
    const message = await opened.store.appendUserMessage(c.id, 'numbers attached', inputs);
    const reply = await opened.store.beginReply(c.id, { model: 'm' });
    await opened.store.finishReply(c.id, reply.id, { status: 'complete', content: 'They add up.' });
    return { ...opened, c, message, inputs };
  }

  it('is shown as missing (deleted) and read as null, and the conversation still loads, exports and is found', async () => {
    const { store, dir, c, message, inputs, log } = await withFiles();
    const pdf = inputs[1]?.attachment;
    if (!pdf) throw new Error('fixture');
    await fs.rm(file(dir, pdf.sha256));
    const [shown] = (await store.messages(c.id, { limit: 10 })).messages;
    expect(shown?.attachments?.map((a) => a.missing ?? false)).toEqual([false, true, false, false, false]);
    expect((await store.allMessages(c.id))[0]?.attachments?.[1]?.missing).toBe(true);
    // The request still gets the reference (never `missing`), and learns from the read that it is gone.
    expect((await store.transcript(c.id))[0]?.attachments?.[1]).toEqual(pdf);
    expect(await store.attachmentBytes(pdf.sha256)).toBeNull();
    expect(log.lines.some((l) => l.includes('attachment file is missing'))).toBe(true);
    await expect(store.attachment(c.id, message.id, pdf.sha256)).rejects.toThrow(
      'That file is no longer saved in this conversation.',
    );
    const json = JSON.parse(await store.exportConversation(c.id, 'json'));
    expect(json.conversations[0].messages[0].attachments[1]).toEqual(pdf);
    expect(json.conversations[0].messages[0].attachments[0].dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(await store.exportConversation(c.id, 'markdown')).toContain(
      '📎 report\\.pdf (35 B) — file missing',
    );
    await store.whenSearchReady();
    expect((await store.search('quarterly')).hits.length).toBeGreaterThan(0);
  });

  it('whose bytes were changed is found when read (not on every load) and never served', async () => {
    const { store, dir, c, message, inputs, log } = await withFiles();
    const text = inputs[2]?.attachment;
    if (!text) throw new Error('fixture');
    const changed = new Uint8Array(TEXT_BYTES);
    changed[0] = 0x78;
    await fs.writeFile(file(dir, text.sha256), changed);
    // Same size: loading does not hash, so it is not flagged yet...
    expect((await store.allMessages(c.id))[0]?.attachments?.[2]?.missing).toBeUndefined();
    // ...but every read checks the hash.
    expect(await store.attachmentBytes(text.sha256)).toBeNull();
    expect(log.lines.some((l) => l.includes('attachment file is damaged'))).toBe(true);
    await expect(store.attachment(c.id, message.id, text.sha256)).rejects.toThrow('no longer saved');
    // A file of another size is flagged on load.
    await fs.writeFile(file(dir, text.sha256), 'short');
    expect((await store.allMessages(c.id))[0]?.attachments?.[2]?.missing).toBe(true);
    expect(JSON.parse(await store.exportAll('json')).conversations[0].messages).toHaveLength(2);
  });
});

describe('serving attachments', () => {
  it('serves only a hash its message names, with verified bytes', async () => {
    const { store } = await fresh();
    const c = await store.create({ model: null });
    const png = attachmentOf('cat.png', 'image', 'image/png', PNG_BYTES);
    const pdf = attachmentOf('a.pdf', 'pdf', 'application/pdf', PDF_BYTES);
    const first = await store.appendUserMessage(c.id, 'cat', [png]);
    const second = await store.appendUserMessage(c.id, 'doc', [pdf]);
    expect(await store.attachment(c.id, first.id, png.attachment.sha256)).toEqual(png);
    expect(await store.attachmentBytes(pdf.attachment.sha256)).toEqual(PDF_BYTES);
    // Stored, but not in that message: refused.
    await expect(store.attachment(c.id, second.id, png.attachment.sha256)).rejects.toThrow(
      'That file is no longer saved in this conversation.',
    );
    await expect(store.attachment(c.id, 'nope', png.attachment.sha256)).rejects.toMatchObject({
      error: { code: 'validation' },
    });
    expect(await store.attachmentBytes('../../etc/passwd')).toBeNull();
    expect(await store.attachmentBytes(sha256Of(new Uint8Array([1])))).toBeNull();
  });
});

describe('searching attachments', () => {
  it('finds a message by the name of a file attached to it, as it is sent and after a restart', async () => {
    const { store, dir } = await fresh();
    const c = await store.create({ model: null });
    const m = await store.appendUserMessage(c.id, 'see attached', [
      attachmentOf('zebrafish-census.pdf', 'pdf', 'application/pdf', PDF_BYTES),
    ]);
    await store.whenSearchReady();
    const hit = (await store.search('zebrafish')).hits[0];
    expect(hit?.messageId).toBe(m.id);
    expect(hit?.snippet.text).toContain('zebrafish-census.pdf');
    await store.close();
    const { store: reopened } = await openStore(dir, { sweepAttachments: false });
    stores.push(reopened);
    await reopened.whenSearchReady();
    expect((await reopened.search('census')).hits.map((h) => h.messageId)).toEqual([m.id]);
  });
});

describe('file annotations of a reply', () => {
  it('are stored with the reply, given to requests, never to the window', async () => {
    const { store, dir } = await fresh();
    const c = await store.create({ model: null });
    await store.appendUserMessage(c.id, 'read this', [
      attachmentOf('a.pdf', 'pdf', 'application/pdf', PDF_BYTES),
    ]);
    const reply = await store.beginReply(c.id, { model: 'm' });
    const annotations = [
      { type: 'file', file: { hash: 'abc', name: 'a.pdf', content: [{ type: 'text', text: 'Hi' }] } },
    ];
    const finished = await store.finishReply(c.id, reply.id, {
      status: 'complete',
      content: 'It says hi.',
      fileAnnotations: annotations,
    });
    expect(finished).not.toHaveProperty('fileAnnotations');
    expect((await store.allMessages(c.id))[1]).not.toHaveProperty('fileAnnotations');
    expect((await store.transcript(c.id))[1]?.fileAnnotations).toEqual(annotations);
    const stored = JSON.parse(await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8'));
    expect(stored.messages[1].fileAnnotations).toEqual(annotations);
  });
});
