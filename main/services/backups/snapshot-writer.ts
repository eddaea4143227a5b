import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BackupConversation, BackupKind } from '../../../common/backup-types';
import { yieldToEventLoop } from '../shared/scheduler';
import type { BackupFs } from './backup-fs';
import { type BackupPaths, newSnapshotId } from './backup-paths';
import {
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type Manifest,
  type ManifestFile,
  serializeManifest,
} from './manifest';
import { ATTACHMENTS_DIR, conversationIdOfPath, isBackedUp, LEDGER_FILE, listSources } from './sources';

/** What a file looked like when it was last copied: unchanged (same inode, size and time) → same bytes. */
export interface CopiedFile {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
  conversation: BackupConversation | null;
}

export interface SnapshotWriterDeps {
  fs: BackupFs;
  dataDir: string;
  paths: BackupPaths;
  now: () => Date;
  /** The store's summary of a conversation (title, message count), when it has one. */
  summary(conversationId: string): BackupConversation | null;
  /** Files copied by earlier snapshots of this session, by relative path; updated here. */
  copied: Map<string, CopiedFile>;
  /** Told the id as soon as its folder exists, so a listing never takes it for a cut-off snapshot. */
  onStarted(id: string): void;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Title and counts read from a conversation file's bytes, when the store did not know it. */
function conversationFromBytes(id: string, bytes: Buffer): BackupConversation | null {
  try {
    const raw = JSON.parse(bytes.toString('utf8')) as {
      conversation?: { title?: unknown; updatedAt?: unknown };
      messages?: unknown[];
    };
    return {
      id,
      title: typeof raw.conversation?.title === 'string' ? raw.conversation.title : id,
      updatedAt: typeof raw.conversation?.updatedAt === 'string' ? raw.conversation.updatedAt : '',
      messageCount: Array.isArray(raw.messages) ? raw.messages.length : 0,
    };
  } catch {
    return null;
  }
}

/**
 * Copies the data directory's backed-up files into `objects/` and writes the snapshot's manifest last.
 *
 * Reads only: each live file is read whole with one `readFile` (never opened for writing, locked or
 * renamed), and its bytes are hashed and stored as read. The history and settings replace their files
 * atomically (write-file-atomic: a rename over the target), so one read sees one whole version of a
 * file, old or new, never a mix — a file changing during the backup is recorded as it was when read,
 * consistently (its hash is of exactly the bytes stored). The ledger is the one file appended in place:
 * its copy ends at its last complete line. A file removed between the listing and its read (a
 * conversation moved to the trash) is skipped; the trash is listed after the conversations, so it is
 * found there. Attachments are listed after the conversation files, so every file a copied
 * conversation names is in the snapshot (the history writes a file before the conversation naming it).
 *
 * A file whose inode, size and modification time are those of its last copy in this session is not
 * read again (its bytes are still `objects/<sha256>`): the `stat` is made *before* the read, so a file
 * replaced in between is read again next time. An attachment is named by its hash, so an object of
 * that name and size is that file.
 *
 * Any failure (a full disk) rejects before the manifest is written: the folder left behind has no
 * manifest, so it is never listed as complete, and it is removed by the next backup.
 */
export async function writeSnapshot(deps: SnapshotWriterDeps, kind: BackupKind): Promise<Manifest> {
  const { fs, paths } = deps;
  const createdAt = deps.now();
  const id = newSnapshotId(createdAt, kind, randomBytes(3).toString('hex'));
  await fs.makeDir(paths.objects);
  await fs.makeDir(paths.snapshotDir(id));
  deps.onStarted(id);

  const putObject = async (sha256: string, bytes: Uint8Array) => {
    if ((await fs.stat(paths.object(sha256)))?.size === bytes.length) return;
    await fs.writeDurably(paths.object(sha256), bytes);
  };

  const files: ManifestFile[] = [];
  const conversations: BackupConversation[] = [];
  let sinceYield = 0;
  for (const path of await listSources(fs, deps.dataDir)) {
    // Checked again here: only allow-listed paths are ever read (never the key's vault file).
    if (!isBackedUp(path)) continue;
    const source = join(deps.dataDir, ...path.split('/'));
    const before = await fs.stat(source);
    if (!before) continue;
    const conversationId = conversationIdOfPath(path);
    const previous = deps.copied.get(path);
    let sha256: string;
    let size: number;
    let conversation: BackupConversation | null = null;
    const attachmentName = path.startsWith(`${ATTACHMENTS_DIR}/`)
      ? path.slice(ATTACHMENTS_DIR.length + 1)
      : null;
    if (
      previous &&
      previous.ino === before.ino &&
      previous.size === before.size &&
      previous.mtimeMs === before.mtimeMs &&
      (await fs.stat(paths.object(previous.sha256)))?.size === previous.size
    ) {
      ({ sha256, size } = previous);
      conversation = previous.conversation;
    } else if (attachmentName && (await fs.stat(paths.object(attachmentName)))?.size === before.size) {
      sha256 = attachmentName;
      size = before.size;
    } else {
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(source);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      if (path === LEDGER_FILE) {
        // Appended in place: a line being appended right now is left for the next snapshot.
        const end = bytes.lastIndexOf(0x0a) + 1;
        bytes = bytes.subarray(0, end);
      }
      sha256 = sha256Hex(bytes);
      size = bytes.length;
      await putObject(sha256, bytes);
      if (conversationId) conversation = conversationFromBytes(conversationId, bytes);
      if (++sinceYield >= 50) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    if (conversationId) {
      // The store's summary says what the list shows (the visible path's message count).
      conversation = deps.summary(conversationId) ?? conversation;
      if (conversation) conversations.push(conversation);
    }
    deps.copied.set(path, { ...before, sha256, size, conversation });
    files.push({ path, sha256, size });
  }

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    id,
    kind,
    createdAt: createdAt.toISOString(),
    conversations,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    files,
  };
  // Last, atomically and fsynced: from this moment the snapshot is complete.
  await fs.writeDurably(paths.manifest(id), serializeManifest(manifest));
  return manifest;
}
