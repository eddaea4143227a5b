import type { AttachOutcome, StagedAttachment } from '../../../common/attachment-types';

/**
 * The fake bridge's attachment intake (issue 17): just enough of main's behaviour for renderer tests.
 * It recognises PNG and PDF by their first bytes (anything else is text), reads a PNG's pixel size
 * from its header, and names each staged file by a counter instead of a real SHA-256.
 */

export interface FakeAttachmentState {
  /** What main keeps staged, by sha256. */
  staged: Map<string, StagedAttachment>;
  /** What the next "Attach files" returns (the dialog's choice, already read by main). */
  attachOutcome: AttachOutcome;
}

export function createFakeAttachmentState(): FakeAttachmentState {
  return { staged: new Map(), attachOutcome: { cancelled: true, attached: [], refused: [] } };
}

let counter = 0;

/** A distinct, well-formed sha256 for each call. */
export function fakeSha256(): string {
  counter += 1;
  return counter.toString(16).padStart(64, '0');
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What main would make of these bytes, in the fake's small world (PNG, PDF, else text). */
export function fakeStage(name: string, dataBase64: string): StagedAttachment {
  const bytes = bytesOf(dataBase64);
  const view = new DataView(bytes.buffer);
  const base = { sha256: fakeSha256(), name, byteLength: bytes.length, resize: null };
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b) && bytes.length >= 24) {
    const size = { width: view.getUint32(16), height: view.getUint32(20) };
    return { ...base, kind: 'image', mimeType: 'image/png', size };
  }
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return { ...base, kind: 'pdf', mimeType: 'application/pdf' };
  }
  return { ...base, kind: 'text', mimeType: 'text/plain' };
}

/** A staged attachment with only the interesting fields given. */
export function makeStaged(
  partial: Partial<StagedAttachment> & Pick<StagedAttachment, 'name'>,
): StagedAttachment {
  return {
    sha256: fakeSha256(),
    kind: 'text',
    mimeType: 'text/plain',
    byteLength: 1234,
    resize: null,
    ...partial,
  };
}
