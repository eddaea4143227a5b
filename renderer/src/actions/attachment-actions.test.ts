import { describe, expect, it, vi } from 'vitest';
import type { StagedAttachment } from '../../../common/attachment-types';
import { errorWithText } from '../../../common/errors';
import { intlFor, noteText } from '../i18n/note';
import { ResizeFailure } from '../image/resize-image';
import { createStagedAttachmentsStore } from '../state/staged-attachments-store';
import { createToastsStore } from '../state/toasts-store';
import { englishNote } from '../testing/english-note';
import { makeStaged } from '../testing/fake-attachments';
import { createFakeBridge, fail, ok } from '../testing/fake-bridge';
import { makeFile, PNG_1X1 } from '../testing/test-files';
import { createAttachmentActions } from './attachment-actions';

function setup(resize?: Parameters<typeof createAttachmentActions>[0]['resize']) {
  const fake = createFakeBridge();
  const staged = createStagedAttachmentsStore();
  const toasts = createToastsStore();
  const actions = createAttachmentActions({ bridge: fake.bridge, staged, toasts, resize });
  return { fake, staged, toasts, actions };
}

describe('attachment actions', () => {
  it('adds what the dialog attached and says what main refused, one notice per file', async () => {
    const { fake, staged, toasts, actions } = setup();
    const a = makeStaged({ name: 'notes.txt' });
    fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [a],
      refused: [
        { name: 'bomb.png', message: 'It is not a PNG, JPEG, WebP or GIF image, whatever its name says.' },
        { name: 'empty.txt', message: 'The file is empty.' },
        { name: 'a.zip', message: 'a.zip is not a file Switchboard can attach.' },
      ],
    };
    await actions.attachFromDialog();
    expect(staged.get().map((c) => [c.name, c.status])).toEqual([['notes.txt', 'staged']]);
    expect(toasts.get().map((t) => [englishNote(t.message), t.tone])).toEqual([
      [
        'bomb.png was not attached: It is not a PNG, JPEG, WebP or GIF image, whatever its name says.',
        'error',
      ],
      ['empty.txt was not attached: The file is empty.', 'error'],
      // Main's reasons name the file: not said twice.
      ['a.zip is not a file Switchboard can attach.', 'error'],
    ]);
    toasts.dispose();
  });

  it('hands main the bytes of dropped files (never a path), keeping their order', async () => {
    const { fake, staged, actions } = setup();
    const files = [
      makeFile(PNG_1X1, 'shot.png', { type: 'image/png' }),
      makeFile('hello', 'hello.txt', { type: 'text/plain' }),
    ];
    const pending = actions.stageFiles(files);
    expect(staged.get().map((c) => c.status)).toEqual(['reading', 'reading']);
    await pending;
    const requests = fake.callsTo('stageAttachment') as { name: string; dataBase64: string }[];
    expect(requests.map((r) => r.name)).toEqual(['shot.png', 'hello.txt']);
    expect(requests[1]?.dataBase64).toBe(btoa('hello'));
    expect(Object.keys(requests[0] ?? {}).sort()).toEqual(['dataBase64', 'name']);
    expect(staged.get().map((c) => [c.name, c.status])).toEqual([
      ['shot.png', 'staged'],
      ['hello.txt', 'staged'],
    ]);
  });

  it('drops the chip and shows main’s reason when main refuses a dropped file', async () => {
    const { fake, staged, toasts, actions } = setup();
    fake.override('stageAttachment', async () =>
      fail('attachment_refused', 'It is not a PNG, JPEG, WebP or GIF image, whatever its name says.'),
    );
    await actions.stageFiles([makeFile('PK\u0003\u0004', 'bomb.png')]);
    expect(staged.get()).toEqual([]);
    const [toast] = toasts.get();
    expect(toast && englishNote(toast.message)).toBe(
      'bomb.png was not attached: It is not a PNG, JPEG, WebP or GIF image, whatever its name says.',
    );
    toasts.dispose();
  });

  it('removing a chip makes main forget the file', async () => {
    const { fake, staged, actions } = setup();
    await actions.stageFiles([makeFile('a', 'a.txt')]);
    const [chip] = staged.get();
    if (!chip || chip.status === 'reading') throw new Error('not staged');
    actions.remove(chip.id);
    expect(staged.get()).toEqual([]);
    expect(fake.callsTo('discardAttachment')).toEqual([{ sha256: chip.attachment.sha256 }]);
  });

  it('shrinks an image main asked to resize and stages it in place of the original', async () => {
    const limits = { maxSide: 8000, maxBytes: 5 * 1024 * 1024 };
    const big = makeStaged({ name: 'huge.png', kind: 'image', mimeType: 'image/png', resize: limits });
    const smaller = makeStaged({
      name: 'huge.jpg',
      kind: 'image',
      mimeType: 'image/jpeg',
      size: { width: 8000, height: 4000 },
      resizedFrom: { width: 16000, height: 8000, byteLength: 9_000_000 },
    });
    const seen: unknown[] = [];
    const { fake, staged, actions } = setup(async (source, given) => {
      seen.push(source.type, given);
      const blob = makeFile('jpeg', 'out.jpg', { type: 'image/jpeg' });
      return { blob, size: { width: 8000, height: 4000 }, type: 'image/jpeg' };
    });
    fake.state.attachments.attachOutcome = { cancelled: false, attached: [big], refused: [] };
    fake.override('stageAttachment', async (request) => {
      seen.push(request);
      return ok<StagedAttachment>(smaller);
    });
    await actions.attachFromDialog();
    expect(staged.get()[0]?.status).toBe('resizing');
    await vi.waitFor(() =>
      expect(staged.get().map((c) => [c.name, c.status])).toEqual([['huge.jpg', 'staged']]),
    );
    expect(seen[0]).toBe('image/png');
    expect(seen[1]).toEqual(limits);
    expect(seen[2]).toEqual({ name: 'huge.jpg', dataBase64: btoa('jpeg'), replaces: big.sha256 });
  });

  it('a failed resize leaves a failed chip that says why', async () => {
    const limits = { maxSide: 8000, maxBytes: 10 };
    const big = makeStaged({ name: 'huge.png', kind: 'image', mimeType: 'image/png', resize: limits });
    const { fake, staged, actions } = setup(async () => {
      throw new ResizeFailure('tooBig', 10);
    });
    fake.state.attachments.attachOutcome = { cancelled: false, attached: [big], refused: [] };
    await actions.attachFromDialog();
    await vi.waitFor(() => expect(staged.get()[0]?.status).toBe('failed'));
    const [chip] = staged.get();
    expect(chip?.status === 'failed' && englishNote(chip.reason)).toBe(
      'Too large to send, and it could not be made smaller: It could not be made small enough (10 bytes at most). Remove it to send.',
    );
    // The reason is a catalog sentence: worded where the chip shows it, in the interface's language.
    expect(chip?.status === 'failed' && noteText(intlFor('de'), chip.reason, 'de')).toMatch(
      /^Zu groß zum Senden und ließ sich nicht verkleinern: Es ließ sich nicht klein genug machen \(höchstens 10 /,
    );
  });

  it('main refusing a step of the shrink: its error is kept and worded in the interface’s language', async () => {
    const limits = { maxSide: 8000, maxBytes: 10 };
    const big = makeStaged({ name: 'huge.png', kind: 'image', mimeType: 'image/png', resize: limits });
    const { fake, staged, actions } = setup(async () => {
      throw new Error('not reached');
    });
    const refusal = errorWithText('internal', { id: 'errors.app.internal' });
    fake.override('getAttachmentImage', async () => ({ ok: false, error: refusal }));
    fake.state.attachments.attachOutcome = { cancelled: false, attached: [big], refused: [] };
    await actions.attachFromDialog();
    await vi.waitFor(() => expect(staged.get()[0]?.status).toBe('failed'));
    const [chip] = staged.get();
    if (chip?.status !== 'failed') throw new Error('expected a failed chip');
    expect(englishNote(chip.reason)).toBe(
      `Too large to send, and it could not be made smaller: ${refusal.message} Remove it to send.`,
    );
    expect(noteText(intlFor('de'), chip.reason, 'de')).toBe(
      'Zu groß zum Senden und ließ sich nicht verkleinern: In Switchboard ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut. Entfernen Sie die Datei, um zu senden.',
    );
  });
});
