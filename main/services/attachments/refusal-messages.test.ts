import { describe, expect, it } from 'vitest';
import { AttachOutcomeSchema, MiB } from '../../../common/attachment-types';
import type { AppFailure } from '../../../common/errors';
import { formatWithNestedMessages } from '../../../common/i18n/nested-messages';
import { thrownFailure } from '../../../common/testing/thrown-failure';
import { catalogIntl } from '../i18n/catalog-intl';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createAttachmentIntake } from './index';
import { checkKindSize, refuseOverReadCap } from './limits';
import { createMemoryFileReader, fsError } from './testing/memory-file-reader';
import { junkBytes, pngBytes } from './testing/sample-files';

/**
 * Issue 20: a refusal carries its catalog message (`errors.attachments.*` and values), so each window
 * shows it in its own language; its English `message` is what it was before, word for word.
 */

const failure = thrownFailure;

const german = catalogIntl('de');
const inGerman = (f: AppFailure) =>
  formatWithNestedMessages(german, f.error.messageId ?? 'none', f.error.values);

describe('attachment refusals as catalog messages', () => {
  it('a file too large for its kind: its id and numbers, the same English, and German from the catalog', () => {
    const f = failure(() => checkKindSize('scan.png', 'image', 25 * MiB + 300_000));
    expect(f.error).toMatchObject({
      code: 'attachment_refused',
      messageId: 'errors.attachments.kindTooLarge',
      values: { name: 'scan.png', kind: 'image', size: 25.3, max: 20 },
    });
    expect(f.error.message).toBe(
      'scan.png is 25.3 MB; Switchboard attaches images up to 20 MB. Shrink the image or save it in a smaller format, then attach it again.',
    );
    expect(inGerman(f)).toBe(
      'scan.png ist 25,3 MB groß; Switchboard hängt Bilder bis 20 MB an. Verkleinern Sie das Bild oder speichern Sie es in einem kleineren Format und hängen Sie es dann erneut an.',
    );
  });

  it('each kind keeps its own English words and hint', () => {
    const english = (kind: 'pdf' | 'text' | 'audio', bytes: number) =>
      failure(() => checkKindSize('f', kind, bytes)).error.message;
    expect(english('pdf', 40 * MiB)).toBe(
      'f is 40 MB; Switchboard attaches PDFs up to 32 MB. Split the PDF or attach only the pages you need.',
    );
    expect(english('text', 1.5 * MiB)).toBe(
      'f is 1.5 MB; Switchboard attaches text files up to 1 MB. Attach a shorter file, or paste the part you need into the message.',
    );
    expect(english('audio', 2048 * MiB)).toBe(
      'f is 2048 MB; Switchboard attaches audio files up to 20 MB. Attach a shorter recording or save it as MP3.',
    );
  });

  it('over the read cap: French writes megabytes its own way', () => {
    const f = failure(() => refuseOverReadCap('huge.pdf', 900 * MiB));
    expect(f.error.messageId).toBe('errors.attachments.overReadCap');
    expect(f.error.message).toBe(
      'huge.pdf is 900 MB; Switchboard attaches files up to 32 MB. Attach a smaller file.',
    );
    expect(
      formatWithNestedMessages(catalogIntl('fr'), 'errors.attachments.overReadCap', f.error.values),
    ).toMatch(/^huge\.pdf fait 900\sMo ; Switchboard joint des fichiers jusqu’à 32\sMo\./);
  });

  it('through the intake: not attachable, a pixel bomb, and the staging cap', () => {
    const intake = createAttachmentIntake({
      files: createMemoryFileReader({}),
      log: createMemoryLogger('attachments'),
      maxStagedBytes: 3 * MiB,
    });
    const junk = failure(() => intake.stage('bomb.png', junkBytes(64)));
    expect(junk.error.messageId).toBe('errors.attachments.notAttachable');
    expect(junk.error.message).toBe(
      'bomb.png is not a file Switchboard can attach (it is not an image, PDF, text or audio file). Attach PNG, JPEG, WebP or GIF images, PDFs, plain-text or source files, or WAV/MP3 audio.',
    );
    expect(inGerman(junk)).toMatch(/^bomb\.png ist keine Datei, die Switchboard anhängen kann/);

    const bomb = failure(() => intake.stage('tiny.png', pngBytes(100_000, 100_000)));
    expect(bomb.error.message).toBe(
      'tiny.png claims 100,000 × 100,000 pixels; Switchboard attaches images up to 100 megapixels. Shrink the image, then attach it again.',
    );
    expect(inGerman(bomb)).toBe(
      'tiny.png gibt 100.000 × 100.000 Pixel an; Switchboard hängt Bilder bis 100 Megapixel an. Verkleinern Sie das Bild und hängen Sie es dann erneut an.',
    );

    intake.stage('a.png', pngBytes(1, 1, 2 * MiB));
    const full = failure(() => intake.stage('b.png', pngBytes(2, 2, 2 * MiB)));
    expect(full.error.messageId).toBe('errors.attachments.stagingFull');
    expect(full.error.message).toBe(
      'b.png does not fit: the attachments waiting to be sent would be 4 MB, and Switchboard holds up to 3 MB at once. Remove some attachments or send the message first.',
    );
  });

  it('a file that cannot be read names the reason by key, and an unknown code as the system gave it', async () => {
    const intake = createAttachmentIntake({
      files: createMemoryFileReader({
        '/d/locked.txt': fsError('EACCES', '/d/locked.txt'),
        '/d/odd.txt': fsError('ENOTSUP', '/d/odd.txt'),
      }),
      log: createMemoryLogger('attachments'),
    });
    const out = await intake.stageFiles(['/d/locked.txt', '/d/odd.txt', '/d/gone.txt']);
    expect(out.refused.map((r) => r.message)).toEqual([
      'locked.txt could not be read: Switchboard is not allowed to open it. Check the file, then attach it again.',
      'odd.txt could not be read: the system reported ENOTSUP. Check the file, then attach it again.',
      'gone.txt could not be read: it is no longer there. Check the file, then attach it again.',
    ]);
    // "Attach files" hands the window the catalog message too, so it can say it in its own language.
    expect(out.refused[1]).toEqual({
      name: 'odd.txt',
      message:
        'odd.txt could not be read: the system reported ENOTSUP. Check the file, then attach it again.',
      messageId: 'errors.attachments.unreadable',
      values: { name: 'odd.txt', reason: 'code', code: 'ENOTSUP' },
    });
    expect(AttachOutcomeSchema.parse(out)).toEqual(out);
    const odd = out.refused[1] ?? { messageId: 'none' };
    expect(
      formatWithNestedMessages(german, odd.messageId ?? 'none', 'values' in odd ? odd.values : undefined),
    ).toBe(
      'odd.txt konnte nicht gelesen werden: Das System meldete ENOTSUP. Prüfen Sie die Datei und hängen Sie sie dann erneut an.',
    );
  });
});
