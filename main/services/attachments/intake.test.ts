import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, MiB } from '../../../common/attachment-types';
import { AppFailure } from '../../../common/errors';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createAttachmentIntake } from './index';
import { createMemoryFileReader, fsError } from './testing/memory-file-reader';
import {
  gifBytes,
  jpegBytes,
  junkBytes,
  mp3FramesBytes,
  mp3WithId3Bytes,
  pdfBytes,
  pngBytes,
  utf8,
  wavBytes,
  webpVp8xBytes,
} from './testing/sample-files';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function setup(
  files: Parameters<typeof createMemoryFileReader>[0] = {},
  sizes: Record<string, number> = {},
  maxStagedBytes?: number,
) {
  const reader = createMemoryFileReader(files, sizes);
  const log = createMemoryLogger('attachments');
  const intake = createAttachmentIntake({ files: reader, log, maxStagedBytes });
  return { intake, reader, log };
}

/** The refusal message `stage` throws, or fails the test when it does not refuse. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    expect((err as AppFailure).error.code).toBe('attachment_refused');
    return (err as AppFailure).error.message;
  }
  throw new Error('expected the attachment to be refused');
}

describe('stage: the type comes from the bytes, never the name', () => {
  it('takes a PNG named photo.txt as an image, with its pixel size and hash', () => {
    const { intake } = setup();
    const bytes = pngBytes(640, 480);
    const staged = intake.stage('photo.txt', bytes);
    expect(staged).toMatchObject({
      sha256: sha(bytes),
      name: 'photo.txt',
      kind: 'image',
      mimeType: 'image/png',
      byteLength: bytes.length,
      size: { width: 640, height: 480 },
      resize: null,
    });
  });

  it('takes a JPEG, a WebP and a GIF with misleading names as images', () => {
    const { intake } = setup();
    expect(intake.stage('song.mp3', jpegBytes(20, 10))).toMatchObject({
      mimeType: 'image/jpeg',
      size: { width: 20, height: 10 },
    });
    expect(intake.stage('doc.pdf', webpVp8xBytes(30, 40))).toMatchObject({
      mimeType: 'image/webp',
      size: { width: 30, height: 40 },
    });
    expect(intake.stage('a.wav', gifBytes(5, 6))).toMatchObject({
      mimeType: 'image/gif',
      size: { width: 5, height: 6 },
    });
  });

  it('takes text named notes.png as text', () => {
    const { intake } = setup();
    expect(intake.stage('notes.png', utf8('just some notes\n'))).toMatchObject({
      kind: 'text',
      mimeType: 'text/plain',
      name: 'notes.png',
    });
  });

  it('takes SVG as text', () => {
    const { intake } = setup();
    const staged = intake.stage('logo.svg', utf8('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'));
    expect(staged).toMatchObject({ kind: 'text', mimeType: 'text/plain' });
    expect(staged.size).toBeUndefined();
  });

  it('recognises WAV and MP3', () => {
    const { intake } = setup();
    expect(intake.stage('a.bin', wavBytes())).toMatchObject({ kind: 'audio', mimeType: 'audio/wav' });
    expect(intake.stage('b.bin', mp3WithId3Bytes())).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg' });
    expect(intake.stage('c.bin', mp3FramesBytes())).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg' });
  });

  it('refuses a .png that is random bytes, saying what it can attach', () => {
    const { intake } = setup();
    expect(refusal(() => intake.stage('holiday.png', junkBytes(1000)))).toBe(
      'holiday.png is not a file Switchboard can attach (it is not an image, PDF, text or audio file). Attach PNG, JPEG, WebP or GIF images, PDFs, plain-text or source files, or WAV/MP3 audio.',
    );
  });

  it('refuses a zip bomb renamed to .png', () => {
    const { intake } = setup();
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...junkBytes(4096)]);
    expect(refusal(() => intake.stage('bomb.png', zip))).toMatch(
      /^bomb\.png is not a file Switchboard can attach/,
    );
  });

  it('refuses binary junk that is valid UTF-8 except for NULs', () => {
    const { intake } = setup();
    const bytes = utf8(`${'ABCD\u0000\u0000\u0000\u0000'.repeat(64)}`);
    expect(refusal(() => intake.stage('data.txt', bytes))).toMatch(/is not a file Switchboard can attach/);
  });
});

describe('stage: damaged files and limits', () => {
  it('refuses a PNG header claiming 100,000 × 100,000 pixels (a decompression bomb)', () => {
    const { intake } = setup();
    const message = refusal(() => intake.stage('tiny.png', pngBytes(100_000, 100_000)));
    expect(message).toMatch(/^tiny\.png claims 100,000 × 100,000 pixels/);
    expect(message).toMatch(/100 megapixels/);
  });

  it('refuses a truncated PNG header as damaged', () => {
    const { intake } = setup();
    expect(refusal(() => intake.stage('cut.png', pngBytes(10, 10).slice(0, 18)))).toMatch(
      /^cut\.png is a damaged PNG image/,
    );
  });

  it('refuses a 0-byte file', () => {
    const { intake } = setup();
    expect(refusal(() => intake.stage('empty.txt', new Uint8Array(0)))).toMatch(/^empty\.txt is empty/);
  });

  it('refuses a PDF without %%EOF as damaged or incomplete, and takes a good one', () => {
    const { intake } = setup();
    expect(refusal(() => intake.stage('broken.pdf', pdfBytes(2, { withEof: false })))).toMatch(
      /^broken\.pdf is damaged or incomplete/,
    );
    expect(intake.stage('good.pdf', pdfBytes(2))).toMatchObject({
      kind: 'pdf',
      mimeType: 'application/pdf',
      name: 'good.pdf',
    });
  });

  it('refuses a file over its kind’s limit, in MB', () => {
    const { intake } = setup();
    const bigText = new Uint8Array(Math.round(1.5 * MiB)).fill(0x61);
    expect(refusal(() => intake.stage('big.log', bigText))).toMatch(
      /^big\.log is 1\.5 MB; Switchboard attaches text files up to 1 MB\./,
    );
    const bigPng = pngBytes(100, 100, Math.round(25.3 * MiB));
    expect(refusal(() => intake.stage('huge.png', bigPng))).toMatch(
      /^huge\.png is 25\.3 MB; Switchboard attaches images up to 20 MB\./,
    );
  });

  it('stages an image over the send limits with `resize` instead of refusing it', () => {
    const { intake } = setup();
    const resize = {
      maxSide: ATTACHMENT_LIMITS.image.sendMaxSide,
      maxBytes: ATTACHMENT_LIMITS.image.sendMaxBytes,
    };
    expect(intake.stage('wide.png', pngBytes(9000, 100)).resize).toEqual(resize);
    expect(intake.stage('heavy.png', pngBytes(100, 100, 6 * MiB)).resize).toEqual(resize);
    expect(intake.stage('fine.png', pngBytes(8000, 8000, 5 * MiB)).resize).toBeNull();
  });

  it('cleans the name it shows and the name it refuses with', () => {
    const { intake } = setup();
    expect(intake.stage('../../etc/passwd', utf8('root:x:0:0\n')).name).toBe('passwd');
    expect(intake.stage('C:\\Users\\x\\secret.txt', utf8('s\n')).name).toBe('secret.txt');
    expect(intake.stage('evil\u202Egnp.exe', pngBytes(1, 1)).name).toBe('evilgnp.exe');
    expect(intake.stage('a\u0000b\u001b[31m.txt', utf8('x\n')).name).toBe('ab[31m.txt');
    expect(refusal(() => intake.stage('/tmp/x/\u202Ejunk.png', junkBytes(10)))).toMatch(/^junk\.png is not/);
  });
});

describe('stage: replacing an image with the window’s resized copy', () => {
  it('stages the resized image, records what was attached, and drops the original', () => {
    const { intake } = setup();
    const original = pngBytes(10000, 9000, 7 * MiB);
    const big = intake.stage('scan.png', original);
    expect(big.resize).not.toBeNull();

    const small = jpegBytes(8000, 6000, 2 * MiB);
    const staged = intake.stage('scan.jpg', small, big.sha256);
    expect(staged).toMatchObject({
      sha256: sha(small),
      kind: 'image',
      mimeType: 'image/jpeg',
      size: { width: 8000, height: 6000 },
      resizedFrom: { width: 10000, height: 9000, byteLength: original.length },
      resize: null,
    });
    expect(intake.get(big.sha256)).toBeNull();
    expect(intake.get(staged.sha256)?.bytes).toEqual(small);
  });

  it('refuses a replacement for an attachment that is not staged', () => {
    const { intake } = setup();
    expect(refusal(() => intake.stage('scan.jpg', jpegBytes(10, 10), 'a'.repeat(64)))).toMatch(
      /attach it again/,
    );
  });

  it('refuses a replacement that is not an image or still too large, and keeps the original', () => {
    const { intake } = setup();
    const big = intake.stage('scan.png', pngBytes(9000, 9000));
    expect(refusal(() => intake.stage('scan.txt', utf8('text\n'), big.sha256))).toMatch(/image/);
    expect(refusal(() => intake.stage('scan.png', pngBytes(8500, 100), big.sha256))).toMatch(/still larger/);
    expect(intake.get(big.sha256)).not.toBeNull();
    const text = intake.stage('notes.txt', utf8('notes\n'));
    expect(refusal(() => intake.stage('notes.png', pngBytes(10, 10), text.sha256))).toMatch(
      /can only replace an image with an image/,
    );
    expect(intake.get(text.sha256)).not.toBeNull();
  });
});

describe('staging', () => {
  it('returns the same attachment for the same bytes, with the latest name', () => {
    const { intake } = setup();
    const bytes = pngBytes(3, 3);
    const first = intake.stage('one.png', bytes);
    const second = intake.stage('two.png', bytes);
    expect(second.sha256).toBe(first.sha256);
    expect(second.name).toBe('two.png');
    expect(intake.get(first.sha256)?.attachment.name).toBe('two.png');
  });

  it('refuses a file once the staged total would pass the cap, and takes it after a discard', () => {
    const { intake } = setup({}, {}, 3 * MiB);
    const a = intake.stage('a.png', pngBytes(1, 1, 2 * MiB));
    const b = pngBytes(2, 2, 2 * MiB);
    expect(refusal(() => intake.stage('b.png', b))).toMatch(
      /remove some attachments or send the message first/i,
    );
    expect(intake.discard(a.sha256)).toBe(true);
    expect(intake.discard(a.sha256)).toBe(false);
    expect(intake.stage('b.png', b).sha256).toBe(sha(b));
  });

  it('gets the attachment without the staging-only `resize`, and its bytes', () => {
    const { intake } = setup();
    const bytes = utf8('hello\n');
    const staged = intake.stage('hi.txt', bytes);
    const got = intake.get(staged.sha256);
    expect(got?.bytes).toEqual(bytes);
    expect(got?.attachment).toEqual({
      sha256: sha(bytes),
      name: 'hi.txt',
      kind: 'text',
      mimeType: 'text/plain',
      byteLength: 6,
    });
    expect(intake.get('f'.repeat(64))).toBeNull();
  });
});

describe('stageFiles', () => {
  it('stages each file on its own and names refusals by their cleaned name, never the path', async () => {
    const { intake, log } = setup({
      '/home/ann/Documents/report.pdf': pdfBytes(3),
      '/home/ann/Documents/photo.txt': pngBytes(4, 4),
      '/home/ann/Documents/archive.png': junkBytes(300),
      '/home/ann/Documents/locked.txt': fsError('EACCES', '/home/ann/Documents/locked.txt'),
    });
    const out = await intake.stageFiles([
      '/home/ann/Documents/report.pdf',
      '/home/ann/Documents/photo.txt',
      '/home/ann/Documents/archive.png',
      '/home/ann/Documents/locked.txt',
      '/home/ann/Documents/gone.txt',
    ]);
    expect(out.cancelled).toBe(false);
    expect(out.attached.map((a) => [a.name, a.kind])).toEqual([
      ['report.pdf', 'pdf'],
      ['photo.txt', 'image'],
    ]);
    expect(out.refused.map((r) => r.name)).toEqual(['archive.png', 'locked.txt', 'gone.txt']);
    expect(out.refused[1]?.message).toMatch(/^locked\.txt could not be read: /);
    expect(out.refused[2]?.message).toMatch(/^gone\.txt could not be read: /);
    const everything = JSON.stringify(out) + log.lines.join('\n');
    expect(everything).not.toContain('/home/ann');
  });

  it('refuses a huge PDF from its size without reading it', async () => {
    const { intake, reader } = setup({ '/d/huge.pdf': pdfBytes(1) }, { '/d/huge.pdf': 900 * MiB });
    const out = await intake.stageFiles(['/d/huge.pdf']);
    expect(out.attached).toEqual([]);
    expect(out.refused).toEqual([
      {
        name: 'huge.pdf',
        message: expect.stringMatching(/^huge\.pdf is 900 MB; /),
        messageId: 'errors.attachments.overReadCap',
        values: { name: 'huge.pdf', size: 900, max: 32 },
      },
    ]);
    expect(reader.reads).toEqual([]);
  });

  it('refuses a 0-byte file without reading it', async () => {
    const { intake, reader } = setup({ '/d/empty.txt': new Uint8Array(0) });
    const out = await intake.stageFiles(['/d/empty.txt']);
    expect(out.refused[0]?.message).toMatch(/^empty\.txt is empty/);
    expect(reader.reads).toEqual([]);
  });
});
