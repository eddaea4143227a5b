import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JPEG_BYTES, PNG_BYTES, SAMPLE_REASONING_DETAILS } from '../testing/sample-images';
import { createManualClock, makeTempDir, openStore, sequentialIds } from '../testing/test-support';
import type { HistoryStore } from '../types';
import { sha256Hex } from './attachment-files';
import { layoutFor } from './layout';

const PNG = PNG_BYTES;
const JPEG = JPEG_BYTES;
const DETAILS = SAMPLE_REASONING_DETAILS;

let dirs: Array<() => Promise<void>> = [];
let stores: HistoryStore[] = [];

/**
 * A history written before issue 17: conversation `legacy` (format 1) whose reply `r1` has two images
 * under `images/legacy/r1/` (no sha256). Such images keep being served, and moving, as they were.
 */
async function seedLegacy(dir: string) {
  const layout = layoutFor(dir);
  const at = '2025-01-01T00:00:00.000Z';
  const base = {
    reasoning: '',
    createdAt: at,
    status: 'complete',
    error: null,
    usage: null,
    generationId: null,
  };
  const doc = {
    formatVersion: 1,
    conversation: { id: 'legacy', title: 'Old cat', createdAt: at, updatedAt: at, model: 'm' },
    messages: [
      { ...base, id: 'u1', role: 'user', content: 'Draw a cat', model: null, finishReason: null },
      {
        ...base,
        id: 'r1',
        role: 'assistant',
        content: 'Here is a cat.',
        model: 'm',
        finishReason: 'stop',
        images: [
          { id: '1.png', mimeType: 'image/png', byteLength: PNG.length },
          { id: '2.jpeg', mimeType: 'image/jpeg', byteLength: JPEG.length },
        ],
      },
    ],
  };
  await fs.mkdir(layout.conversations, { recursive: true });
  await fs.writeFile(layout.conversationFile('legacy'), JSON.stringify(doc, null, 2));
  await fs.mkdir(join(dir, 'images', 'legacy', 'r1'), { recursive: true });
  await fs.writeFile(join(dir, 'images', 'legacy', 'r1', '1.png'), PNG);
  await fs.writeFile(join(dir, 'images', 'legacy', 'r1', '2.jpeg'), JPEG);
  return { c: { id: 'legacy' }, user: { id: 'u1' }, reply: { id: 'r1' } };
}

async function freshLegacy() {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const seeded = await seedLegacy(dir);
  const clock = createManualClock();
  const opened = await openStore(dir, {
    idFactory: sequentialIds('c'),
    now: clock.now,
    scheduler: clock.scheduler,
  });
  stores.push(opened.store);
  return { dir, clock, ...opened, ...seeded };
}

async function fresh() {
  const { dir, cleanup } = await makeTempDir();
  dirs.push(cleanup);
  const clock = createManualClock();
  const opened = await openStore(dir, {
    idFactory: sequentialIds('c'),
    now: clock.now,
    scheduler: clock.scheduler,
  });
  stores.push(opened.store);
  return { dir, clock, ...opened };
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const c of dirs) await c();
});

async function replyWithImages(store: HistoryStore) {
  const c = await store.create({ model: 'm' });
  const user = await store.appendUserMessage(c.id, 'Draw a cat');
  const reply = await store.beginReply(c.id, { model: 'm' });
  await store.finishReply(c.id, reply.id, {
    status: 'complete',
    content: 'Here is a cat.',
    provider: 'Google',
    citations: [{ url: 'https://example.com/cats', title: 'Cats', host: 'example.com' }],
    images: [
      { id: '1.png', mimeType: 'image/png', bytes: PNG },
      { id: '2.jpeg', mimeType: 'image/jpeg', bytes: JPEG },
    ],
    reasoningDetails: DETAILS,
  });
  return { c, user, reply };
}

describe('reply images and reasoning details', () => {
  it('keeps image bytes as private content-addressed files, never inline in the JSON', async () => {
    const { store, dir } = await fresh();
    const { c, reply } = await replyWithImages(store);
    const file = join(dir, 'attachments', sha256Hex(PNG));
    expect(new Uint8Array(await fs.readFile(file))).toEqual(PNG);
    if (process.platform !== 'win32') {
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
      expect((await fs.stat(join(dir, 'attachments'))).mode & 0o777).toBe(0o700);
    }
    // New images are never written to the old per-reply folders.
    await expect(fs.access(join(dir, 'images', c.id))).rejects.toThrow();
    const json = await fs.readFile(join(dir, 'conversations', `${c.id}.json`), 'utf8');
    expect(json).not.toContain('base64');
    expect(json).not.toContain(Buffer.from(PNG).toString('base64'));
    const stored = JSON.parse(json).messages[1];
    expect(stored.images).toEqual([
      { id: '1.png', mimeType: 'image/png', byteLength: PNG.length, sha256: sha256Hex(PNG) },
      { id: '2.jpeg', mimeType: 'image/jpeg', byteLength: JPEG.length, sha256: sha256Hex(JPEG) },
    ]);
    expect(stored.provider).toBe('Google');
    expect(stored.citations).toHaveLength(1);
    // Kept on disk exactly as received...
    expect(stored.reasoningDetails).toEqual(DETAILS);
    expect(await store.replyImage(c.id, reply.id, '2.jpeg')).toEqual({
      id: '2.jpeg',
      mimeType: 'image/jpeg',
      bytes: JPEG,
    });
  });

  it('never hands reasoning details to the window, but gives them to the next request', async () => {
    const { store } = await fresh();
    const { c, reply } = await replyWithImages(store);
    const page = await store.messages(c.id, { limit: 10 });
    expect(page.messages[1]).toMatchObject({ id: reply.id, provider: 'Google' });
    expect(page.messages.every((m) => !('reasoningDetails' in m))).toBe(true);
    expect((await store.allMessages(c.id)).every((m) => !('reasoningDetails' in m))).toBe(true);
    const transcript = await store.transcript(c.id);
    expect(transcript[1]?.reasoningDetails).toEqual(DETAILS);
    expect('reasoningDetails' in (transcript[0] ?? {})).toBe(false);
  });

  it('refuses a stored image whose file is missing, changed, or not its type, saying so', async () => {
    const { store, dir } = await fresh();
    const { c, reply } = await replyWithImages(store);
    await expect(store.replyImage(c.id, reply.id, '3.png')).rejects.toThrow('That image is no longer saved');
    // Same size, other bytes: the hash catches it.
    const changed = new Uint8Array(PNG);
    changed[PNG.length - 1] = 0xff;
    await fs.writeFile(join(dir, 'attachments', sha256Hex(PNG)), changed);
    await expect(store.replyImage(c.id, reply.id, '1.png')).rejects.toThrow('That image is no longer saved');
    await fs.rm(join(dir, 'attachments', sha256Hex(JPEG)));
    await expect(store.replyImage(c.id, reply.id, '2.jpeg')).rejects.toThrow('no longer saved');
  });

  it('refuses a content-addressed file whose hash is right but whose bytes are not the image type', async () => {
    const { store } = await fresh();
    const c = await store.create({ model: 'm' });
    const reply = await store.beginReply(c.id, { model: 'm' });
    const svg = new TextEncoder().encode('<svg onload="alert(1)"/>');
    await store.finishReply(c.id, reply.id, {
      status: 'complete',
      images: [{ id: '1.png', mimeType: 'image/png', bytes: svg }],
    });
    await expect(store.replyImage(c.id, reply.id, '1.png')).rejects.toThrow('no longer saved');
  });

  it('serves an image saved before the content-addressed store from its old file', async () => {
    const { store, dir, c, reply } = await freshLegacy();
    expect((await store.replyImage(c.id, reply.id, '2.jpeg')).bytes).toEqual(JPEG);
    await expect(store.replyImage(c.id, reply.id, '3.png')).rejects.toThrow('That image is no longer saved');
    await fs.writeFile(join(dir, 'images', c.id, reply.id, '1.png'), '<svg onload="alert(1)"/>');
    await expect(store.replyImage(c.id, reply.id, '1.png')).rejects.toThrow('That image is no longer saved');
    await fs.rm(join(dir, 'images', c.id, reply.id, '2.jpeg'));
    await expect(store.replyImage(c.id, reply.id, '2.jpeg')).rejects.toThrow('no longer saved');
  });

  it('answers a request made before the reply is finished once it is written', async () => {
    const { store } = await fresh();
    const c = await store.create({ model: 'm' });
    await store.appendUserMessage(c.id, 'Draw');
    const reply = await store.beginReply(c.id, { model: 'm' });
    const asked = store.replyImage(c.id, reply.id, '1.png');
    await store.finishReply(c.id, reply.id, {
      status: 'complete',
      content: '',
      images: [{ id: '1.png', mimeType: 'image/png', bytes: PNG }],
    });
    expect((await asked).bytes).toEqual(PNG);
  });

  it('keeps the old-style images of a reply that was regenerated (it is an earlier version now)', async () => {
    const { store, c, user, reply } = await freshLegacy();
    const again = await store.beginReply(c.id, { model: 'm', parentId: user.id });
    await store.finishReply(c.id, again.id, { status: 'complete', content: 'no picture this time' });
    expect((await store.replyImage(c.id, reply.id, '1.png')).bytes).toEqual(PNG);
  });

  it('moves old-style images to the trash with their conversation and back on restore', async () => {
    const { store, dir, c, reply } = await freshLegacy();
    const { undoToken } = await store.remove(c.id);
    await expect(fs.access(join(dir, 'images', c.id))).rejects.toThrow();
    await expect(fs.access(join(dir, 'trash', `${undoToken}.images`, reply.id, '1.png'))).resolves.toBe(
      undefined,
    );
    const restored = await store.restore(undoToken);
    expect((await store.replyImage(restored.id, reply.id, '1.png')).bytes).toEqual(PNG);
  });

  it("purges a deleted conversation's old-style images with it after the retention period", async () => {
    const { store, dir, clock, c } = await freshLegacy();
    const { undoToken } = await store.remove(c.id);
    await expect(fs.readdir(join(dir, 'trash', `${undoToken}.images`))).resolves.toHaveLength(1);
    await store.close();
    clock.advance(31 * 24 * 60 * 60 * 1000);
    const reopened = await openStore(dir, { now: clock.now, scheduler: clock.scheduler });
    stores.push(reopened.store);
    await expect(fs.access(join(dir, 'trash', `${undoToken}.images`))).rejects.toThrow();
  });

  it('removes temporary image files left by a write cut off by a crash at start, and nothing else', async () => {
    const { store, dir, clock, c, reply } = await freshLegacy();
    await store.close();
    const folder = join(dir, 'images', c.id, reply.id);
    // write-file-atomic's temporary name: the target plus `.<uint32>` (a crash leaves it behind).
    await fs.writeFile(join(folder, '3.png.2836549123'), 'half an image');
    await fs.writeFile(join(folder, '1.png.tmp'), 'not ours');
    await fs.writeFile(join(folder, 'notes.txt.12'), 'not ours either');
    await fs.mkdir(join(dir, 'images', 'someone_else', 'x'), { recursive: true });
    await fs.writeFile(
      join(dir, 'images', 'someone_else', 'x', 'a.png.7'),
      'another conversation, same shape',
    );
    await fs.writeFile(join(dir, 'images', 'README.png.5'), 'outside any conversation folder');
    const reopened = await openStore(dir, { now: clock.now, scheduler: clock.scheduler });
    stores.push(reopened.store);
    expect((await fs.readdir(folder)).sort()).toEqual(['1.png', '1.png.tmp', '2.jpeg', 'notes.txt.12']);
    await expect(fs.readdir(join(dir, 'images', 'someone_else', 'x'))).resolves.toEqual([]);
    expect(await fs.readdir(join(dir, 'images'))).toContain('README.png.5');
    expect(
      reopened.log.lines.filter((l) => l.includes('temporary file of an interrupted write')),
    ).toHaveLength(2);
    expect((await reopened.store.replyImage(c.id, reply.id, '1.png')).bytes).toEqual(PNG);
  });

  it('keeps the reply (without the image) when an image cannot be written', async () => {
    const { store, dir, log } = await fresh();
    const c = await store.create({ model: 'm' });
    await store.appendUserMessage(c.id, 'Draw');
    const reply = await store.beginReply(c.id, { model: 'm' });
    // A file where the attachments folder should be: the image write fails.
    await fs.writeFile(join(dir, 'attachments'), 'not a folder');
    const finished = await store.finishReply(c.id, reply.id, {
      status: 'complete',
      content: 'A cat.',
      images: [{ id: '1.png', mimeType: 'image/png', bytes: PNG }],
    });
    expect(finished.content).toBe('A cat.');
    expect(finished.images).toBeUndefined();
    expect(log.lines.some((l) => l.includes('image of the reply could not be saved'))).toBe(true);
  });

  it('updates a reply with final figures fetched later, and ignores a reply that is gone', async () => {
    const { store } = await fresh();
    const { c, reply } = await replyWithImages(store);
    const usage = { promptTokens: 12, completionTokens: 40, cost: 0.002, reasoningTokens: 10 };
    const updated = await store.updateReplyUsage(c.id, reply.id, { usage, provider: 'Vertex' });
    expect(updated).toMatchObject({ usage, provider: 'Vertex' });
    expect('reasoningDetails' in (updated ?? {})).toBe(false);
    expect((await store.messages(c.id, { limit: 5 })).messages[1]).toMatchObject({
      usage,
      provider: 'Vertex',
    });
    expect(await store.updateReplyUsage(c.id, 'gone', { usage, provider: null })).toBeNull();
    await store.remove(c.id);
    expect(await store.updateReplyUsage(c.id, reply.id, { usage, provider: null })).toBeNull();
  });

  it('loads a file written before these fields existed unchanged', async () => {
    const { store, dir } = await fresh();
    const fixture = await fs.readFile(join(__dirname, '..', 'fixtures', 'v1', 'basic.json'), 'utf8');
    await store.close();
    await fs.writeFile(join(dir, 'conversations', 'fx-basic.json'), fixture);
    await fs.rm(join(dir, 'index.json'), { force: true });
    const reopened = await openStore(dir);
    stores.push(reopened.store);
    const { messages } = await reopened.store.messages('fx-basic', { limit: 100 });
    // A version-1 file is one branch: each message follows the one before it.
    const original = JSON.parse(fixture).messages as Array<{ id: string }>;
    expect(messages).toEqual(original.map((m, i) => ({ ...m, parentId: original[i - 1]?.id ?? null })));
    for (const m of messages) {
      expect(m).not.toHaveProperty('provider');
      expect(m).not.toHaveProperty('images');
    }
    // No images folder is made for a conversation without images.
    await expect(fs.access(join(dir, 'images', 'fx-basic'))).rejects.toThrow();
  });
});
