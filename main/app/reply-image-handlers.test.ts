/**
 * Through the composed services: a reply's image reaches the window only as a data URL made from a
 * file whose bytes were checked, and "Save image" writes it where the person picked in main's dialog.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors';
import { PNG_BYTES } from '../services/history/testing/sample-images';
import { composeServices } from './compose-services';
import { testServiceAdapters } from './testing/service-adapters';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function withImageReply(chooseImageFile: (name: string) => Promise<string | null>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-reply-image-'));
  dirs.push(dataDir);
  const names: string[] = [];
  const services = composeServices(
    testServiceAdapters({
      dataDir,
      dialogs: {
        chooseExportFile: async () => null,
        chooseImportFile: async () => null,
        chooseAttachFiles: async () => null,
        chooseAttachmentFile: async () => null,
        chooseCsvFile: async () => null,
        chooseImageFile: async (name) => {
          names.push(name);
          return chooseImageFile(name);
        },
      },
    }),
  );
  await services.init();
  const c = await services.history.create({ model: 'm' });
  await services.history.appendUserMessage(c.id, 'Draw');
  const reply = await services.history.beginReply(c.id, { model: 'm' });
  await services.history.finishReply(c.id, reply.id, {
    status: 'complete',
    content: 'Here.',
    images: [{ id: '1.png', mimeType: 'image/png', bytes: PNG_BYTES }],
  });
  const ref = { conversationId: c.id, messageId: reply.id, imageId: '1.png' };
  const ctx = { windowId: 1, emit: () => undefined };
  return { services, dataDir, ref, ctx, names };
}

describe('reply images through IPC handlers', () => {
  it('answers a data URL of the stored bytes', async () => {
    const { services, ref, ctx } = await withImageReply(async () => null);
    expect(await services.handlers.getReplyImage(ref, ctx)).toEqual({
      dataUrl: `data:image/png;base64,${Buffer.from(PNG_BYTES).toString('base64')}`,
    });
    await services.shutdown();
  });

  it('says an image is no longer saved when its file is gone or not an image', async () => {
    const { services, dataDir, ref, ctx } = await withImageReply(async () => null);
    // A reply's image is a content-addressed file in the history folder (issue 17): damage it there.
    const sha256 = createHash('sha256').update(PNG_BYTES).digest('hex');
    await writeFile(join(dataDir, 'history', 'attachments', sha256), 'text');
    const failure = await services.handlers.getReplyImage(ref, ctx).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error).toMatchObject({ code: 'validation' });
    expect((failure as AppFailure).error.message).toMatch(/^That image is no longer saved/);
    await services.shutdown();
  });

  it('saves the image where the person picked, and nothing when they cancel', async () => {
    const out = await mkdtemp(join(tmpdir(), 'switchboard-saved-image-'));
    dirs.push(out);
    let pick: string | null = join(out, 'cat.png');
    const { services, ref, ctx, names } = await withImageReply(async () => pick);
    expect(await services.handlers.saveReplyImage(ref, ctx)).toEqual({ saved: true, fileName: 'cat.png' });
    expect(new Uint8Array(await readFile(join(out, 'cat.png')))).toEqual(PNG_BYTES);
    expect(names[0]).toMatch(/^switchboard-.+-1\.png$/);
    pick = null;
    expect(await services.handlers.saveReplyImage(ref, ctx)).toEqual({ saved: false, fileName: null });
    await services.shutdown();
  });
});
