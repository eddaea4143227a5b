import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ReplyImageSchema } from '../../../../common/chat-types';
import { MessageIdSchema } from '../../../../common/conversation-types';
import { describeError } from '../../../../common/redact';
import type { Logger } from '../../log/logger';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../private-files/private-files';
import { readAttachmentFile } from './attachment-files';
import { isImageOfType, MAX_IMAGE_BYTES, type ReplyImageBytes } from './image-bytes';
import { CONVERSATION_ID, type Layout } from './layout';
import { errnoOf, storageFailure } from './storage-errors';

/**
 * Images of replies, as files: never inline base64 in the conversation file (a few images would make
 * every checkpoint rewrite megabytes). Since issue 17 a reply's images are written to the
 * content-addressed store (`attachments/<sha256>`, attachment-files.ts) and their reference carries
 * `sha256`; images saved before that have no `sha256` and stay where they were written,
 * `images/<conversationId>/<messageId>/<imageId>` (this file), moving with their conversation to the
 * trash and quarantine. Both are written like every history file (write-file-atomic, fsync, 0600 in
 * 0700 folders).
 */
export function imageFile(
  layout: Layout,
  conversationId: string,
  messageId: string,
  imageId: string,
): string {
  // Ids are checked again here, as a path is built from them: no `..`, no separators.
  if (!MessageIdSchema.safeParse(messageId).success || !ReplyImageSchema.shape.id.safeParse(imageId).success)
    throw new Error('invalid image path component');
  return join(layout.conversationImages(conversationId), messageId, imageId);
}

export async function writeReplyImage(
  layout: Layout,
  conversationId: string,
  messageId: string,
  image: ReplyImageBytes,
): Promise<void> {
  const path = imageFile(layout, conversationId, messageId, image.id);
  try {
    await ensurePrivateDir(layout.images);
    await ensurePrivateDir(layout.conversationImages(conversationId));
    await ensurePrivateDir(dirname(path));
    await writeFileAtomic(path, Buffer.from(image.bytes), { fsync: true, mode: PRIVATE_FILE_MODE });
  } catch (error) {
    throw storageFailure(error, 'saveReplyImage', path);
  }
}

/**
 * The image's bytes when its file exists and they are the type recorded (and, in the content-addressed
 * store, match their hash); null otherwise.
 */
export async function readReplyImage(
  layout: Layout,
  conversationId: string,
  messageId: string,
  image: { id: string; mimeType: ReplyImageBytes['mimeType']; sha256?: string | undefined },
): Promise<Uint8Array | null> {
  if (image.sha256 !== undefined) {
    const read = await readAttachmentFile(layout, image.sha256);
    return read.kind === 'ok' && isImageOfType(read.bytes, image.mimeType) ? read.bytes : null;
  }
  const path = imageFile(layout, conversationId, messageId, image.id);
  try {
    const info = await fs.stat(path);
    if (!info.isFile() || info.size > MAX_IMAGE_BYTES) return null;
    const bytes = new Uint8Array(await fs.readFile(path));
    return isImageOfType(bytes, image.mimeType) ? bytes : null;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Moves a conversation's image folder (to the trash, back from it); nothing to move is fine. */
export async function moveImageFolder(from: string, to: string): Promise<boolean> {
  try {
    await ensurePrivateDir(dirname(to));
    await fs.rename(from, to);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * For a leftover temporary file of write-file-atomic beside an image (`<imageId>.<number>`, a write
 * cut off by a crash), the image it was meant to become; null for any other name.
 */
export function imageWriteTarget(name: string): string | null {
  const target = /^(.+)\.\d+$/.exec(name)?.[1];
  return target !== undefined && ReplyImageSchema.shape.id.safeParse(target).success ? target : null;
}

/**
 * Removes, at start, temporary files of image writes cut off by a crash, as load-history does beside
 * the conversation files: the image was never named in a saved conversation file (it is written
 * first), so the bytes are not the person's data. Only `images/<conversationId>/<messageId>/` folders
 * and names this store writes are touched. The walk costs one listing per conversation and reply that
 * has images (most have none), and nothing when there is no images folder.
 */
export async function removeImageLeftovers(layout: Layout, log: Logger): Promise<void> {
  try {
    await walkImageLeftovers(layout, log);
  } catch (error) {
    // Best effort: a folder we cannot list must not keep the history from opening.
    log.warn('could not look for temporary image files', { error: describeError(error) });
  }
}

async function walkImageLeftovers(layout: Layout, log: Logger): Promise<void> {
  for (const conversation of await subfolders(layout.images, (n) => CONVERSATION_ID.test(n))) {
    const conversationDir = join(layout.images, conversation);
    for (const message of await subfolders(conversationDir, (n) => MessageIdSchema.safeParse(n).success)) {
      const messageDir = join(conversationDir, message);
      for (const name of await listing(messageDir)) {
        if (imageWriteTarget(name) === null) continue;
        try {
          await fs.unlink(join(messageDir, name));
          log.info('removed the temporary file of an interrupted write', { conversation, name });
        } catch (error) {
          log.warn('could not remove a temporary file', { name, error: describeError(error) });
        }
      }
    }
  }
}

async function subfolders(dir: string, ours: (name: string) => boolean): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && ours(e.name)).map((e) => e.name);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
    throw error;
  }
}

async function listing(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
    throw error;
  }
}
