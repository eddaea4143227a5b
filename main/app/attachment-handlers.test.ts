import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors';
import { createAttachmentIntake } from '../services/attachments';
import { pngBytes } from '../services/attachments/testing/sample-files';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { createAttachmentHandlers } from './attachment-handlers';

function handlers() {
  return createAttachmentHandlers({
    attachments: createAttachmentIntake({
      files: { size: async () => 0, read: async () => new Uint8Array() },
      log: createMemoryLogger('attachments'),
    }),
    history: {
      attachment: async () => {
        throw new Error('not stored');
      },
    },
    dialogs: { chooseAttachFiles: async () => null, chooseAttachmentFile: async () => null },
  });
}

const ctx = { windowId: 1, emit: () => undefined } as never;

describe('attachment handlers', () => {
  it('takes a dropped file of 8 MB as base64 (the check does not overflow the regexp stack)', async () => {
    const big = pngBytes(2000, 1000, 8 * 1024 * 1024);
    const staged = await handlers().stageAttachment(
      { name: 'big.png', dataBase64: Buffer.from(big).toString('base64') },
      ctx,
    );
    expect(staged).toMatchObject({
      kind: 'image',
      byteLength: big.length,
      resize: { maxBytes: 5 * 1024 * 1024 },
    });
  });

  it('refuses text that is not standard base64, as attachment_refused', async () => {
    for (const dataBase64 of ['abc', 'ab_c', 'YWJj\n', 'YW=j']) {
      const failure = await handlers()
        .stageAttachment({ name: 'x.txt', dataBase64 }, ctx)
        .catch((e: unknown) => e);
      expect(failure, dataBase64).toBeInstanceOf(AppFailure);
      expect((failure as AppFailure).error.code).toBe('attachment_refused');
    }
  });

  it('answers a cancelled dialog as cancelled, with nothing attached', async () => {
    expect(await handlers().attachFiles(undefined, ctx)).toEqual({
      cancelled: true,
      attached: [],
      refused: [],
    });
  });
});
