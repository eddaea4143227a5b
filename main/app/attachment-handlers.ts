import { basename } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { AttachmentRef } from '../../common/attachment-types';
import { appError } from '../../common/errors';
import type { ChatContract } from '../../common/ipc/contract';
import type { Handlers } from '../ipc/handler-table';
import type { AttachmentBytes, AttachmentIntake } from '../services/attachments/types';
import type { HistoryStore } from '../services/history';
import { PRIVATE_FILE_MODE } from '../services/private-files/private-files';
import { sniffImageType } from '../services/shared/image-bytes';

export interface AttachmentHandlerDeps {
  attachments: AttachmentIntake;
  history: Pick<HistoryStore, 'attachment'>;
  dialogs: {
    chooseAttachFiles(windowId: number): Promise<string[] | null>;
    chooseAttachmentFile(defaultName: string, windowId: number): Promise<string | null>;
  };
  /** Writes a saved copy (0600, atomically); the glue passes the real writer, tests a recorder. */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
}

type AttachmentChannels =
  | 'attachFiles'
  | 'stageAttachment'
  | 'discardAttachment'
  | 'getAttachmentImage'
  | 'saveAttachment';

/**
 * Standard base64 only (what FileReader and Buffer produce): anything else is not a file's bytes. A
 * character class and a length check rather than a grouped repetition, which overflows V8's regexp
 * stack on the ~8 million characters of a 6 MB file.
 */
const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !BASE64_CHARACTERS.test(text)) {
    throw appError('attachment_refused', { id: 'errors.app.fileNotReadable' });
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

async function writePrivateFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, Buffer.from(bytes), { mode: PRIVATE_FILE_MODE });
  } catch {
    throw appError('internal', { id: 'errors.app.fileNotSaved' });
  }
}

/**
 * Attachments (issue 17): every way a file gets into a message ends in main's intake, which decides
 * its type by its bytes. The page names a staged file or a stored message's file by its hash only;
 * main never takes a path from the page, and gives none back.
 */
export function createAttachmentHandlers(
  deps: AttachmentHandlerDeps,
): Pick<Handlers<ChatContract>, AttachmentChannels> {
  const find = async (ref: AttachmentRef): Promise<AttachmentBytes> => {
    if ('conversationId' in ref)
      return deps.history.attachment(ref.conversationId, ref.messageId, ref.sha256);
    const staged = deps.attachments.get(ref.sha256);
    if (!staged) {
      throw appError('validation', { id: 'errors.app.attachmentGone' });
    }
    return staged;
  };
  const write = deps.writeFile ?? writePrivateFile;

  return {
    attachFiles: async (_req, ctx) => {
      const paths = await deps.dialogs.chooseAttachFiles(ctx.windowId);
      if (!paths || paths.length === 0) return { cancelled: true, attached: [], refused: [] };
      return deps.attachments.stageFiles(paths);
    },
    stageAttachment: async ({ name, dataBase64, replaces }) =>
      deps.attachments.stage(name, decodeBase64(dataBase64), replaces),
    discardAttachment: async ({ sha256 }) => ({ discarded: deps.attachments.discard(sha256) }),
    getAttachmentImage: async (ref) => {
      const { attachment, bytes } = await find(ref);
      // Only an image, and only when its bytes are the image type it claims: the page puts this in an
      // <img>, never anything else.
      if (attachment.kind !== 'image' || sniffImageType(bytes) !== attachment.mimeType) {
        throw appError('validation', { id: 'errors.app.notAnImage', values: { name: attachment.name } });
      }
      return { dataUrl: `data:${attachment.mimeType};base64,${Buffer.from(bytes).toString('base64')}` };
    },
    saveAttachment: async (ref, ctx) => {
      // Read (and checked) before the dialog opens: a missing file is said at once, not after a pick.
      const { attachment, bytes } = await find(ref);
      const path = await deps.dialogs.chooseAttachmentFile(attachment.name, ctx.windowId);
      if (!path) return { saved: false, fileName: null };
      await write(path, bytes);
      return { saved: true, fileName: basename(path) };
    },
  };
}
