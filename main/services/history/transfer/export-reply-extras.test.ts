import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../store/attachment-files';
import { JPEG_BYTES, PNG_BYTES, SAMPLE_REASONING_DETAILS } from '../testing/sample-images';
import { makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

async function fresh(prefix: string) {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const { store, log } = await openStore(dir, { idFactory: sequentialIds(prefix) });
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

const USAGE = {
  promptTokens: 100,
  completionTokens: 50,
  cost: 0.0123,
  cachedPromptTokens: 80,
  cacheWriteTokens: 10,
  imageTokens: 1290,
  webSearchRequests: 1,
  isByok: true,
  upstreamCost: 0.02,
};
const CITATIONS = [
  { url: 'https://en.wikipedia.org/wiki/Cat', title: 'Cat [animal]', host: 'en.wikipedia.org' },
  { url: 'https://example.com/a b', title: '', host: 'example.com' },
];
const pngUrl = `data:image/png;base64,${Buffer.from(PNG_BYTES).toString('base64')}`;

async function seed(store: HistoryStore) {
  const c = await store.create({ model: 'google/gemini-2.5-flash-image' });
  await store.appendUserMessage(c.id, 'Draw a cat and cite a source');
  const reply = await store.beginReply(c.id, { model: 'google/gemini-2.5-flash-image' });
  await store.finishReply(c.id, reply.id, {
    status: 'complete',
    content: 'Here is a cat [1].',
    usage: USAGE,
    provider: 'Google AI Studio',
    citations: CITATIONS,
    images: [
      { id: '1.png', mimeType: 'image/png', bytes: PNG_BYTES },
      { id: '2.jpeg', mimeType: 'image/jpeg', bytes: JPEG_BYTES },
    ],
    reasoningDetails: SAMPLE_REASONING_DETAILS,
  });
  return { c, reply };
}

describe('exports keep what a reply carries', () => {
  it('JSON holds provider, usage extras, citations and images as data URLs, and imports back to files', async () => {
    const { store: source } = await fresh('a');
    const { c, reply } = await seed(source);
    const exported = await source.exportConversation(c.id, 'json');
    const message = JSON.parse(exported).conversations[0].messages[1];
    expect(message).toMatchObject({ provider: 'Google AI Studio', usage: USAGE, citations: CITATIONS });
    expect(message.images).toEqual([
      {
        id: '1.png',
        mimeType: 'image/png',
        byteLength: PNG_BYTES.length,
        sha256: sha256Hex(PNG_BYTES),
        dataUrl: pngUrl,
      },
      expect.objectContaining({ id: '2.jpeg', dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,/) }),
    ]);

    const { store: target, dir } = await fresh('b');
    expect(await target.importJson(exported)).toEqual({
      imported: 1,
      duplicates: 0,
      rejected: 0,
      errors: [],
    });
    const [, imported] = (await target.messages(c.id, { limit: 10 })).messages;
    expect(imported).toMatchObject({ provider: 'Google AI Studio', usage: USAGE, citations: CITATIONS });
    expect(imported?.images).toEqual([
      { id: '1.png', mimeType: 'image/png', byteLength: PNG_BYTES.length, sha256: sha256Hex(PNG_BYTES) },
      { id: '2.jpeg', mimeType: 'image/jpeg', byteLength: JPEG_BYTES.length, sha256: sha256Hex(JPEG_BYTES) },
    ]);
    // As files again, not inline in the conversation file.
    expect((await target.replyImage(c.id, reply.id, '1.png')).bytes).toEqual(PNG_BYTES);
    expect(await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8')).not.toContain('base64');
    // Reasoning details go with the reply, so a continued conversation keeps its thought.
    expect((await target.transcript(c.id))[1]?.reasoningDetails).toEqual(SAMPLE_REASONING_DETAILS);
    // Lossless: exporting the import gives the same document, and importing it again is a duplicate.
    const stamp = (t: string) => t.replace(/"exportedAt": "[^"]+"/, '');
    expect(stamp(await target.exportConversation(c.id, 'json'))).toBe(stamp(exported));
    expect(await target.importJson(exported)).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('drops an image that is not what it claims, counting it in errors, and keeps the rest', async () => {
    const { store: source } = await fresh('a');
    const { c, reply } = await seed(source);
    const doc = JSON.parse(await source.exportConversation(c.id, 'json'));
    const images = doc.conversations[0].messages[1].images;
    // An SVG (script-capable) labelled PNG, and a JPEG's bytes labelled PNG.
    images[0].dataUrl = `data:image/png;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}`;
    images[1].mimeType = 'image/png';
    images.push({
      id: '3.gif',
      mimeType: 'image/gif',
      dataUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
    });
    const { store: target } = await fresh('b');
    const result = await target.importJson(JSON.stringify(doc));
    expect(result.imported).toBe(1);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^Conversation 1 ".+": an image of a reply was left out/);
    const [, imported] = (await target.messages(c.id, { limit: 10 })).messages;
    expect(imported?.images?.map((i) => i.id)).toEqual(['3.gif']);
    expect(imported?.citations).toEqual(CITATIONS);
    await expect(target.replyImage(c.id, reply.id, '1.png')).rejects.toThrow('no longer saved');
  });

  it('Markdown lists citations as numbered sources under the reply and embeds images', async () => {
    const { store } = await fresh('a');
    const { c } = await seed(store);
    const md = await store.exportConversation(c.id, 'markdown');
    expect(md).toContain(
      ['Here is a cat [1].', '', `![Image 1](${pngUrl})`, '', '![Image 2](data:image/jpeg;base64,'].join(
        '\n',
      ),
    );
    expect(md).toContain(
      [
        '**Sources**',
        '',
        '1. [Cat \\[animal\\]](https://en.wikipedia.org/wiki/Cat) (en.wikipedia.org)',
        '2. [example.com](https://example.com/a%20b) (example.com)',
      ].join('\n'),
    );
    expect(await store.exportAll('markdown')).toContain('**Sources**');
  });

  it('leaves out of an export an image whose file is gone, with a log line', async () => {
    const { store, dir, log } = await fresh('a');
    await seed(store);
    await fs.rm(join(dir, 'attachments', sha256Hex(PNG_BYTES)));
    const message = JSON.parse(await store.exportAll('json')).conversations[0].messages[1];
    expect(message.images.map((i: { id: string }) => i.id)).toEqual(['2.jpeg']);
    expect(log.lines.some((l) => l.includes('left out of the export'))).toBe(true);
  });
});
