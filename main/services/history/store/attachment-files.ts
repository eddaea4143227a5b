import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { Sha256Schema } from '../../../../common/attachment-types';
import { describeError } from '../../../../common/redact';
import type { Logger } from '../../log/logger';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../private-files/private-files';
import type { Layout } from './layout';
import { errnoOf, storageFailure } from './storage-errors';

/**
 * The content-addressed store (issue 17): `attachments/<sha256>`, one flat folder, one file per distinct
 * content, named by the lower-hex SHA-256 of its bytes. Attachments of user messages and images of
 * replies live here; conversation files only name them. The same file attached twice, or in two
 * conversations, is kept once. Written like every history file (write-file-atomic with fsync, 0600 in
 * a 0700 folder), always before the conversation file that names it. Files are removed only by the
 * sweep (attachment-sweep.ts), when no conversation anywhere (live, trash, quarantine) names them.
 */

/** Files larger than this are never read back (the largest attachment kept is 32 MiB). */
const MAX_STORED_BYTES = 64 * 1024 * 1024;

export const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file of a content hash; throws for anything that is not a hash (a path is built from it). */
export function attachmentFile(layout: Layout, sha256: string): string {
  if (!Sha256Schema.safeParse(sha256).success) throw new Error('invalid attachment hash');
  return join(layout.attachments, sha256);
}

/**
 * Writes the bytes as `attachments/<sha256>`, unless a file of that size is already there (the same
 * content, kept once; a damaged file of the same size is found when read, by its hash). The caller has
 * hashed the bytes (or checked them against the hash they came with): hashing 32 MB again would block
 * main for tens of milliseconds for nothing.
 */
export async function writeAttachmentFile(layout: Layout, sha256: string, bytes: Uint8Array): Promise<void> {
  const path = attachmentFile(layout, sha256);
  try {
    if ((await fileSize(path)) === bytes.length) return;
    await ensurePrivateDir(layout.attachments);
    await writeFileAtomic(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      fsync: true,
      mode: PRIVATE_FILE_MODE,
    });
  } catch (error) {
    throw storageFailure(error, 'saveAttachment', path);
  }
}

/** The size of a stored file, or null when there is none (a cheap existence check, no hashing). */
export async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await fs.stat(path);
    return info.isFile() ? info.size : null;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return null;
    throw error;
  }
}

export async function storedSize(layout: Layout, sha256: string): Promise<number | null> {
  return fileSize(attachmentFile(layout, sha256));
}

export type StoredRead = { kind: 'ok'; bytes: Uint8Array } | { kind: 'missing' } | { kind: 'damaged' };

/** The stored bytes, verified against their hash: a changed file is `damaged`, never served. */
export async function readAttachmentFile(layout: Layout, sha256: string): Promise<StoredRead> {
  const path = attachmentFile(layout, sha256);
  const size = await fileSize(path);
  if (size === null) return { kind: 'missing' };
  if (size > MAX_STORED_BYTES) return { kind: 'damaged' };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(path));
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  return sha256Hex(bytes) === sha256 ? { kind: 'ok', bytes } : { kind: 'damaged' };
}

/** The stored content hashes (names of the folder that are hashes; temporary files are not). */
export async function listStoredHashes(layout: Layout): Promise<string[]> {
  try {
    return (await fs.readdir(layout.attachments)).filter((n) => SHA256.test(n));
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * Removes, at start, temporary files of attachment writes cut off by a crash (`<sha256>.<digits>`):
 * the file is written before any conversation names it, so a cut-off one was never saved content.
 */
export async function removeAttachmentLeftovers(layout: Layout, log: Logger): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(layout.attachments);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^[0-9a-f]{64}\.\d+$/.test(name)) continue;
    try {
      await fs.unlink(join(layout.attachments, name));
      log.info('removed the temporary file of an interrupted write', { name });
    } catch (error) {
      log.warn('could not remove a temporary file', { name, error: describeError(error) });
    }
  }
}
