import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mp3FramesBytes } from '../../attachments/testing/sample-files';
import { attachmentOf, everyKind, PDF_BYTES, TEXT_BYTES } from '../testing/sample-attachments';
import { JPEG_BYTES, PNG_BYTES } from '../testing/sample-images';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';
import { bytesAreKind } from './export-attachments';

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh(prefix: string) {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const { store, log } = await openStore(dir, { idFactory: sequentialIds(prefix), sweepAttachments: false });
  stores.push(store);
  return { store, dir, log };
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const c of dirs) await c();
});

const dataUrl = (mime: string, bytes: Uint8Array) =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
const stamp = (t: string) => t.replace(/"exportedAt": "[^"]+"/, '');

async function seed(store: HistoryStore) {
  const c = await store.create({ model: 'm', title: 'Files' });
  const message = await store.appendUserMessage(c.id, 'Look at these', everyKind());
  const reply = await store.beginReply(c.id, { model: 'm' });
  await store.finishReply(c.id, reply.id, {
    status: 'complete',
    content: 'Seen.',
    images: [{ id: '1.png', mimeType: 'image/png', bytes: PNG_BYTES }],
    fileAnnotations: [{ type: 'file', file: { hash: 'h', name: 'report.pdf', content: [] } }],
  });
  return { c, message, reply };
}

describe('attachments in the JSON export (version 2)', () => {
  it('carry each file as its reference plus a data URL, and import back to stored files, losslessly', async () => {
    const { store: source } = await fresh('a');
    const { c, message, reply } = await seed(source);
    const exported = await source.exportConversation(c.id, 'json');
    const doc = JSON.parse(exported);
    expect(doc.version).toBe(3);
    const [user, assistant] = doc.conversations[0].messages;
    expect(user.attachments).toEqual(
      everyKind().map(({ attachment, bytes }) => ({
        ...attachment,
        dataUrl: dataUrl(attachment.mimeType, bytes),
      })),
    );
    expect(assistant.fileAnnotations).toHaveLength(1);

    const { store: target, dir } = await fresh('b');
    expect(await target.importJson(exported)).toEqual({
      imported: 1,
      duplicates: 0,
      rejected: 0,
      errors: [],
    });
    for (const { attachment, bytes } of everyKind()) {
      expect(new Uint8Array(await fs.readFile(join(dir, 'attachments', attachment.sha256)))).toEqual(bytes);
      expect((await target.attachment(c.id, message.id, attachment.sha256)).bytes).toEqual(bytes);
    }
    expect((await target.replyImage(c.id, reply.id, '1.png')).bytes).toEqual(PNG_BYTES);
    expect((await target.transcript(c.id))[1]?.fileAnnotations).toHaveLength(1);
    expect(await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8')).not.toContain('base64');
    expect(stamp(await target.exportConversation(c.id, 'json'))).toBe(stamp(exported));
    expect(await target.importJson(exported)).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('drops each attachment that is not what it claims, naming it, and imports the conversation without it', async () => {
    const { store: source } = await fresh('a');
    const { c } = await seed(source);
    const doc = JSON.parse(await source.exportConversation(c.id, 'json'));
    const list = doc.conversations[0].messages[0].attachments;
    // image: its bytes are a JPEG labelled PNG (hash and size made to match, so only the type check can catch it)
    const jpeg = attachmentOf('cat.png', 'image', 'image/png', JPEG_BYTES);
    list[0] = { ...jpeg.attachment, dataUrl: dataUrl('image/png', JPEG_BYTES) };
    // pdf: bytes changed after the export (checksum no longer matches)
    const tampered = new Uint8Array(PDF_BYTES);
    tampered[10] = 0x21;
    list[1].dataUrl = dataUrl('application/pdf', tampered);
    // text: not UTF-8
    const latin1 = attachmentOf('latin1.txt', 'text', 'text/plain', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    list[2] = { ...latin1.attachment, dataUrl: dataUrl('text/plain', latin1.bytes) };
    // audio: not base64
    list[3].dataUrl = 'data:audio/wav;base64,@@@@';
    // audio: the bytes of the export, but a length that is not theirs
    list[4].byteLength += 1;
    list.push(
      { ...attachmentOf('line\nbreak.pdf', 'pdf', 'application/pdf', PDF_BYTES).attachment }, // no dataUrl
      { sha256: 'x', name: 'bad.pdf' },
      {
        ...attachmentOf('ok.txt', 'text', 'text/plain', TEXT_BYTES).attachment,
        dataUrl: dataUrl('text/plain', TEXT_BYTES),
      },
    );
    const { store: target } = await fresh('b');
    const result = await target.importJson(JSON.stringify(doc));
    expect(result.imported).toBe(1);
    expect(result.errors).toEqual([
      'Conversation 1 "Files": the attached file "cat.png" was left out (it is not a valid image file).',
      'Conversation 1 "Files": the attached file "report.pdf" was left out (its contents do not match their checksum).',
      'Conversation 1 "Files": the attached file "latin1.txt" was left out (it is not a valid text file).',
      'Conversation 1 "Files": the attached file "note.wav" was left out (its contents are not a base64 data URL of its type).',
      'Conversation 1 "Files": the attached file "song.mp3" was left out (its size is not the size recorded).',
      'Conversation 1 "Files": the attached file "line break.pdf" was left out (the export does not hold its contents).',
      'Conversation 1 "Files": the attached file "bad.pdf" was left out (its description is not valid).',
    ]);
    const [user] = await target.allMessages(c.id);
    expect(user?.attachments?.map((a) => a.name)).toEqual(['ok.txt']);
  });

  it('still imports a version 1 export', async () => {
    const { store: source } = await fresh('a');
    const c = await source.create({ model: null, title: 'Old' });
    await source.appendUserMessage(c.id, 'plain text');
    const doc = JSON.parse(await source.exportConversation(c.id, 'json'));
    doc.version = 1;
    const { store: target } = await fresh('b');
    expect(await target.importJson(JSON.stringify(doc))).toMatchObject({ imported: 1, errors: [] });
    doc.version = 4;
    await expect(target.importJson(JSON.stringify(doc))).rejects.toThrow('newer Switchboard');
  });
});

describe('attachments in the Markdown export', () => {
  it('lists them under their message: images embedded, other files by name and size, names escaped', async () => {
    const { store } = await fresh('a');
    const c = await store.create({ model: null, title: 'Files' });
    await store.appendUserMessage(c.id, 'Look', [
      attachmentOf('[click](javascript:alert(1)).png', 'image', 'image/png', PNG_BYTES),
      attachmentOf('*bold* <b>x</b>.pdf', 'pdf', 'application/pdf', PDF_BYTES),
    ]);
    const md = await store.exportConversation(c.id, 'markdown');
    expect(md).toContain(
      [
        'Look',
        '',
        `![\\[click\\]\\(javascript:alert\\(1\\)\\)\\.png](${dataUrl('image/png', PNG_BYTES)})`,
        '',
        '📎 \\*bold\\* \\<b\\>x\\</b\\>\\.pdf (35 B)',
      ].join('\n'),
    );
  });
});

describe('recognising an imported file by its bytes', () => {
  it('accepts each kind only with its magic numbers', () => {
    for (const { attachment, bytes } of everyKind())
      expect(bytesAreKind(bytes, attachment.kind, attachment.mimeType), attachment.name).toBe(true);
    expect(bytesAreKind(PDF_BYTES, 'image', 'image/png')).toBe(false);
    expect(bytesAreKind(PNG_BYTES, 'pdf', 'application/pdf')).toBe(false);
    expect(bytesAreKind(new Uint8Array([0xff, 0xfe, 0x00]), 'text', 'text/plain')).toBe(false);
    expect(bytesAreKind(PNG_BYTES, 'audio', 'audio/wav')).toBe(false);
    expect(bytesAreKind(new Uint8Array([0x00, 0x01]), 'audio', 'audio/mpeg')).toBe(false);
    // The intake's check: a real MPEG frame header (two bytes of sync alone match too much binary).
    expect(bytesAreKind(new Uint8Array([0xff, 0xfb, 0x90]), 'audio', 'audio/mpeg')).toBe(false);
    expect(bytesAreKind(mp3FramesBytes(), 'audio', 'audio/mpeg')).toBe(true);
    expect(bytesAreKind(TEXT_BYTES, 'text', 'application/pdf')).toBe(false);
  });
});
