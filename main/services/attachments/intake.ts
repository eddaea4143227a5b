import {
  type Attachment,
  type AttachmentRefusal,
  MiB,
  type StagedAttachment,
} from '../../../common/attachment-types';
import type { ReplyImage } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import type { Logger } from '../log/logger';
import { cleanFileName } from './file-name';
import { readImageSize } from './image-size';
import {
  checkKindSize,
  checkPixels,
  MAX_READ_BYTES,
  refuse,
  refuseEmpty,
  refuseOverReadCap,
  resizeFor,
} from './limits';
import { countPdfPages, pdfProblem } from './pdf-check';
import { sniffAttachmentType } from './sniff-type';
import { createStagingArea, sha256Hex } from './staging';
import type { AttachmentFileReader, AttachmentIntake } from './types';

export interface AttachmentIntakeDeps {
  files: AttachmentFileReader;
  log: Logger;
  /** The most bytes held for the composer at once (default 256 MiB). */
  maxStagedBytes?: number;
}

export const DEFAULT_MAX_STAGED_BYTES = 256 * MiB;

const IMAGE_FORMAT_NAMES: Readonly<Record<ReplyImage['mimeType'], string>> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
} as const;

/**
 * Main's attachment intake (issue 17): every file that reaches a request comes through `stage`,
 * which types it by its bytes, cleans its name, enforces the limits and holds it by hash until the
 * message is sent (or the chip removed).
 */
export function createAttachmentIntake(deps: AttachmentIntakeDeps): AttachmentIntake {
  const staging = createStagingArea(deps.maxStagedBytes ?? DEFAULT_MAX_STAGED_BYTES);
  const { log } = deps;

  function stage(rawName: string, bytes: Uint8Array, replaces?: string): StagedAttachment {
    const shownName = cleanFileName(rawName, null);
    if (bytes.length === 0) refuseEmpty(shownName);
    if (bytes.length > MAX_READ_BYTES) refuseOverReadCap(shownName, bytes.length);
    const type = sniffAttachmentType(bytes);
    if (!type) return refuse({ id: 'errors.attachments.notAttachable', values: { name: shownName } });
    const name = cleanFileName(rawName, type.kind);
    const kept = type.bytes;
    checkKindSize(name, type.kind, kept.length);

    const attachment: Attachment = {
      sha256: sha256Hex(kept),
      name,
      kind: type.kind,
      mimeType: type.mimeType,
      byteLength: kept.length,
    };
    let resize: StagedAttachment['resize'] = null;

    if (type.kind === 'image') {
      const size = readImageSize(kept, type.mimeType);
      if (!size) {
        refuse({
          id: 'errors.attachments.damagedImage',
          values: { name, format: IMAGE_FORMAT_NAMES[type.mimeType] },
        });
      }
      checkPixels(name, size);
      attachment.size = size;
      resize = resizeFor(size, kept.length);
    } else if (type.kind === 'pdf') {
      if (pdfProblem(kept)) {
        refuse({ id: 'errors.attachments.damagedPdf', values: { name } });
      }
      const pages = countPdfPages(kept);
      if (pages !== null) attachment.pages = pages;
    }

    if (replaces !== undefined) {
      // The window's resized copy of an image that was too large to send (StagedAttachmentSchema.resize).
      const original = staging.get(replaces);
      if (!original) {
        refuse({ id: 'errors.attachments.replacedGone', values: { name } });
      }
      const originalSize = original.attachment.size;
      if (attachment.kind !== 'image' || original.attachment.kind !== 'image' || !originalSize) {
        refuse({
          id: 'errors.attachments.replaceImageOnly',
          values: { name, original: original.attachment.name },
        });
      }
      if (resize) {
        refuse({ id: 'errors.attachments.stillTooLarge', values: { name } });
      }
      attachment.resizedFrom = original.attachment.resizedFrom ?? {
        ...originalSize,
        byteLength: original.attachment.byteLength,
      };
    }

    const staged = staging.put({ attachment: { ...attachment, resize }, bytes: kept }, replaces);
    log.info('attachment staged', {
      name: staged.name,
      kind: staged.kind,
      byteLength: staged.byteLength,
      resize: staged.resize !== null,
    });
    return staged;
  }

  async function stageOne(path: string): Promise<StagedAttachment> {
    const name = cleanFileName(path, null);
    let byteLength: number;
    let bytes: Uint8Array;
    try {
      byteLength = await deps.files.size(path);
      if (byteLength === 0) refuseEmpty(name);
      if (byteLength > MAX_READ_BYTES) refuseOverReadCap(name, byteLength);
      bytes = await deps.files.read(path);
    } catch (err) {
      if (err instanceof AppFailure) throw err;
      return refuse({ id: 'errors.attachments.unreadable', values: { name, ...readErrorReason(err) } });
    }
    return stage(path, bytes);
  }

  return {
    stage,

    async stageFiles(paths) {
      const outcome = {
        cancelled: false,
        attached: [] as StagedAttachment[],
        refused: [] as AttachmentRefusal[],
      };
      for (const path of paths) {
        try {
          outcome.attached.push(await stageOne(path));
        } catch (err) {
          if (!(err instanceof AppFailure)) throw err;
          const name = cleanFileName(path, null);
          // The catalog message too, so the window says it in its own language (errorNote).
          const { message, messageId, values } = err.error;
          outcome.refused.push({
            name,
            message,
            ...(messageId !== undefined ? { messageId } : {}),
            ...(values !== undefined ? { values } : {}),
          });
          log.info('attachment refused', { name });
        }
      }
      return outcome;
    },

    get(sha256) {
      const entry = staging.get(sha256);
      if (!entry) return null;
      const { resize, ...attachment } = entry.attachment;
      return { attachment, bytes: entry.bytes, pendingResize: resize !== null };
    },

    discard: (sha256) => staging.delete(sha256),
  };
}

/**
 * Why a file could not be read, from node:fs's error code (never its message, which holds the path):
 * the catalog's `reason` select key, and the code itself when no key names it.
 */
function readErrorReason(err: unknown): { reason: string; code?: string } {
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return { reason: 'missing' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'denied' };
    case 'EISDIR':
      return { reason: 'folder' };
    case 'EBUSY':
      return { reason: 'busy' };
    default:
      return code ? { reason: 'code', code } : { reason: 'unknown' };
  }
}
