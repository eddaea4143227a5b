/**
 * Issue 17, "done when", through the composed services, the real OpenRouter client and the emulator:
 * a PNG reaches OpenRouter as an `image_url` part with exactly its bytes, a PDF as a `file` part with
 * the chosen engine, a text file as text; all three are in the conversation after a restart and in a
 * JSON export that re-imports; the PDF's parse annotation is sent back on the next turn (no second
 * parse); a model that cannot read images and a text file holding a key each stop the send before
 * anything is sent or written. (The window's side: e2e/harness-specs/attachments-*.spec.ts.)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../e2e/emulator/server';
import { pdfBytes, pngBytes, utf8 } from '../services/attachments/testing/sample-files';
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

const PNG = pngBytes(4, 3);
const PDF = pdfBytes(2);
const TEXT = utf8('const answer = 42;\n');

async function session(dataDir: string, picked: string[] | null = null) {
  const exports: string[] = [];
  const { services, ctx, batches } = await openEmulatorSession(emulator, {
    dataDir,
    dialogs: {
      chooseExportFile: async (name) => {
        const path = join(dataDir, name);
        exports.push(path);
        return path;
      },
      chooseImportFile: async () => exports.at(-1) ?? null,
      chooseAttachFiles: async () => picked,
      chooseAttachmentFile: async () => null,
      chooseImageFile: async () => null,
      chooseCsvFile: async () => null,
    },
  });
  return { services, ctx, batches, exports };
}

async function pickedFiles(dir: string) {
  const paths = {
    png: join(dir, 'screenshot.png'),
    pdf: join(dir, 'report.pdf'),
    txt: join(dir, 'answer.ts'),
  };
  await writeFile(paths.png, PNG);
  await writeFile(paths.pdf, PDF);
  await writeFile(paths.txt, TEXT);
  return paths;
}

const chatRequests = () => emulator.requests.filter((r) => r.path === '/api/v1/chat/completions');

describe('attachments against the emulator', () => {
  it('sends each file as its part with its exact bytes, keeps them across a restart and an export, reuses the parse', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-attach-emu-'));
    dirs.push(dataDir);
    const paths = await pickedFiles(dataDir);
    const { services, ctx, exports } = await session(dataDir, [paths.png, paths.pdf, paths.txt]);
    await services.handlers.updateSettings({ pdfEngine: 'cloudflare-ai' }, ctx);

    const picked = await services.handlers.attachFiles(undefined, ctx);
    expect(picked.refused).toEqual([]);
    expect(picked.attached.map((a) => [a.name, a.kind, a.mimeType, a.byteLength])).toEqual([
      ['screenshot.png', 'image', 'image/png', PNG.length],
      ['report.pdf', 'pdf', 'application/pdf', PDF.length],
      ['answer.ts', 'text', 'text/plain', TEXT.length],
    ]);

    const conversation = await services.history.create({ model: 'openai/gpt-4o' });
    emulator.clearRequests();
    await services.handlers.sendMessage(
      {
        streamId: randomUUID(),
        conversationId: conversation.id,
        content: 'What do these show?',
        model: 'openai/gpt-4o',
        attachments: picked.attached.map((a) => a.sha256),
      },
      ctx,
    );
    await services.sessions.settle();
    const [first] = chatRequests();
    const received = first?.attachments;
    expect(
      received?.images.map((i) => [i.mimeType, Buffer.from(i.bytes ?? []).equals(Buffer.from(PNG))]),
    ).toEqual([['image/png', true]]);
    expect(
      received?.files.map((f) => [f.filename, Buffer.from(f.bytes ?? []).equals(Buffer.from(PDF)), f.parse]),
    ).toEqual([['report.pdf', true, 'parsed']]);
    expect(received?.pdfEngine).toBe('cloudflare-ai');
    expect(received?.textFiles).toEqual([{ name: 'answer.ts', text: 'const answer = 42;\n' }]);
    // Sent and stored: the composer's copies are gone.
    for (const a of picked.attached) expect(services.attachments.get(a.sha256)).toBeNull();

    // The next turn sends the PDF's parse back: OpenRouter does not parse (or bill) it again.
    await services.handlers.sendMessage(
      {
        streamId: randomUUID(),
        conversationId: conversation.id,
        content: 'And page 2?',
        model: 'openai/gpt-4o',
      },
      ctx,
    );
    await services.sessions.settle();
    const second = chatRequests()[1];
    expect(second?.attachments?.files.map((f) => f.parse)).toEqual(['skipped']);
    expect(emulator.pdfParses()).toEqual({ parsed: 1, skipped: 1 });
    await services.shutdown();

    // After a restart: the message names its files, and the image is served from the history folder.
    const again = await session(dataDir);
    const { messages } = await again.services.handlers.loadMessages(
      { conversationId: conversation.id, limit: 50 },
      again.ctx,
    );
    const user = messages.find((m) => m.role === 'user' && m.attachments !== undefined);
    expect(user?.attachments?.map((a) => [a.name, a.kind, a.missing])).toEqual([
      ['screenshot.png', 'image', undefined],
      ['report.pdf', 'pdf', undefined],
      ['answer.ts', 'text', undefined],
    ]);
    const image = user?.attachments?.[0];
    if (!user || !image) throw new Error('no attachments after restart');
    expect(
      await again.services.handlers.getAttachmentImage(
        { sha256: image.sha256, conversationId: conversation.id, messageId: user.id },
        again.ctx,
      ),
    ).toEqual({ dataUrl: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}` });

    // Exported, then imported into another data folder: the same files, byte for byte.
    expect(
      await again.services.handlers.exportHistory(
        { conversationId: conversation.id, format: 'json' },
        again.ctx,
      ),
    ).toMatchObject({ saved: true });
    await again.services.shutdown();
    const otherDir = await mkdtemp(join(tmpdir(), 'switchboard-attach-import-'));
    dirs.push(otherDir);
    const other = await session(otherDir);
    other.exports.push(...exports, ...again.exports);
    const imported = await other.services.handlers.importHistory(undefined, other.ctx);
    expect(imported).toMatchObject({ imported: 1, rejected: 0, errors: [] });
    const [summary] = other.services.history.list({ limit: 5 }).items;
    if (!summary) throw new Error('nothing imported');
    const importedUser = (await other.services.history.allMessages(summary.id)).find((m) => m.attachments);
    expect(importedUser?.attachments?.map((a) => a.sha256)).toEqual(user.attachments?.map((a) => a.sha256));
    for (const [a, bytes] of [
      [importedUser?.attachments?.[0], PNG],
      [importedUser?.attachments?.[1], PDF],
      [importedUser?.attachments?.[2], TEXT],
    ] as const) {
      const got = await other.services.history.attachmentBytes(a?.sha256 ?? '');
      expect(Buffer.from(got ?? []).equals(Buffer.from(bytes))).toBe(true);
    }
    await other.services.shutdown();
  });

  it('stops, before sending or writing, an image for a text-only model and a text file holding a key', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-attach-refuse-'));
    dirs.push(dataDir);
    const { services, ctx } = await session(dataDir);
    await services.handlers.listModels(undefined, ctx);
    const conversation = await services.history.create({ model: 'openai/gpt-3.5-turbo' });
    const image = await services.handlers.stageAttachment(
      { name: 'photo.png', dataBase64: Buffer.from(PNG).toString('base64') },
      ctx,
    );
    emulator.clearRequests();
    const send = (attachments: string[]) =>
      services.handlers.sendMessage(
        {
          streamId: randomUUID(),
          conversationId: conversation.id,
          content: 'Look',
          model: 'openai/gpt-3.5-turbo',
          attachments,
        },
        ctx,
      );
    await expect(send([image.sha256])).rejects.toMatchObject({ error: { code: 'unsupported_input' } });

    const leaky = await services.handlers.stageAttachment(
      {
        name: 'env.txt',
        dataBase64: Buffer.from(`OPENROUTER_API_KEY=${emulator.defaultKey}\n`).toString('base64'),
      },
      ctx,
    );
    await expect(send([leaky.sha256])).rejects.toMatchObject({
      error: { code: 'key_in_message', message: expect.stringContaining('"env.txt"') },
    });
    expect(chatRequests()).toHaveLength(0);
    expect(await services.history.allMessages(conversation.id)).toEqual([]);
    // Still staged: the person can remove the file or switch model and send again.
    expect(services.attachments.get(image.sha256)).not.toBeNull();
    await services.shutdown();
  });
});
