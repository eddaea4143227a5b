import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ReplyImageSchema } from '../../../../common/chat-types';
import { MessageIdSchema } from '../../../../common/conversation-types';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../private-files/private-files';
import { isImageOfType, MAX_IMAGE_BYTES, type ReplyImageBytes } from './image-bytes';
import type { Layout } from './layout';
import { errnoOf, storageFailure } from './storage-errors';

/**
 * Images of replies, as files beside the conversations: `images/<conversationId>/<messageId>/<imageId>`.
 * Never inline base64 in the conversation file: a few images would make every checkpoint rewrite
 * megabytes. Written like every history file (write-file-atomic, fsync, 0600 in 0700 folders).
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
    throw storageFailure(error, 'save an image of the reply', path);
  }
}

/** The image's bytes when its file exists and they are the type recorded; null otherwise. */
export async function readReplyImage(
  layout: Layout,
  conversationId: string,
  messageId: string,
  image: { id: string; mimeType: ReplyImageBytes['mimeType'] },
): Promise<Uint8Array | null> {
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

/** Removes the images of replies that left the conversation (regenerate, edit). */
export async function removeReplyImages(
  layout: Layout,
  conversationId: string,
  messageIds: readonly string[],
): Promise<void> {
  for (const messageId of messageIds) {
    if (!MessageIdSchema.safeParse(messageId).success) continue;
    await fs.rm(join(layout.conversationImages(conversationId), messageId), { recursive: true, force: true });
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
