import { createHash } from 'node:crypto';
import type { Attachment, AttachmentKind, AttachmentMimeType } from '../../../../common/attachment-types';
import { PNG_BYTES } from './sample-images';

/** Attachments for tests: bytes with the right magic numbers, and their references. */
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
export const TEXT_BYTES = new TextEncoder().encode('def héllo():\n    return 42\n');
export const WAV_BYTES = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x41, 0x56, 0x45, 0x66, 0x6d, 0x74, 0x20,
]);
export const MP3_BYTES = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb]);

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function attachmentOf(
  name: string,
  kind: AttachmentKind,
  mimeType: AttachmentMimeType,
  bytes: Uint8Array,
): { attachment: Attachment; bytes: Uint8Array } {
  return { attachment: { sha256: sha256Of(bytes), name, kind, mimeType, byteLength: bytes.length }, bytes };
}

/** One attachment of each kind (and both audio types). */
export function everyKind() {
  return [
    attachmentOf('screen shot.png', 'image', 'image/png', PNG_BYTES),
    attachmentOf('report.pdf', 'pdf', 'application/pdf', PDF_BYTES),
    attachmentOf('hello.py', 'text', 'text/plain', TEXT_BYTES),
    attachmentOf('note.wav', 'audio', 'audio/wav', WAV_BYTES),
    attachmentOf('song.mp3', 'audio', 'audio/mpeg', MP3_BYTES),
  ];
}
