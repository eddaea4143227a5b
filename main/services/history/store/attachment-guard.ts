import { createKeyedQueue } from '../../shared/serial-queue';
import type { ConversationFile } from './conversation-file';

/**
 * What keeps the attachment sweep (attachment-sweep.ts) from removing a file that is being used again.
 *
 * The sweep decides from a scan that takes a while; meanwhile the store keeps serving. So, while a sweep
 * runs, every hash that a write names is *marked*, and the sweep never removes a marked hash:
 * - a file written or re-used (`claim`: the write, or the existence check of a re-attached file) is
 *   marked under that hash's lock, and the sweep's removal takes the same lock, so the two never
 *   interleave: either the sweep removed it first (the writer then sees no file, and writes it again
 *   or refuses), or the writer marked it first (the sweep then keeps it);
 * - every conversation file written (`persistDoc`: append, reply, import, restore…) marks every hash
 *   it names, so a conversation that moved while the scan ran (restored from the trash after the scan
 *   passed it) still protects its files.
 * Marks are kept until the sweep ends; outside a sweep nothing is recorded.
 */
export interface AttachmentGuard {
  /** Runs `task` (a write or an existence check of `sha256`) under the hash's lock, after marking it. */
  claim<T>(sha256: string, task: () => Promise<T>): Promise<T>;
  /** Marks every hash the document names (while a sweep runs). */
  markDoc(doc: ConversationFile): void;
  beginSweep(): void;
  endSweep(): void;
  /** Under the hash's lock: runs `remove` unless the hash was marked since the sweep began. */
  removeUnlessMarked(sha256: string, remove: () => Promise<void>): Promise<boolean>;
}

/** The content hashes a conversation names: its attachments and its content-addressed reply images. */
export function hashesOf(doc: ConversationFile): Set<string> {
  const out = new Set<string>();
  for (const m of doc.messages) {
    for (const a of m.attachments ?? []) out.add(a.sha256);
    for (const i of m.images ?? []) if (i.sha256 !== undefined) out.add(i.sha256);
  }
  return out;
}

export function createAttachmentGuard(): AttachmentGuard {
  const locks = createKeyedQueue();
  let marked: Set<string> | null = null;
  return {
    claim(sha256, task) {
      return locks.run(sha256, () => {
        marked?.add(sha256);
        return task();
      });
    },
    markDoc(doc) {
      if (marked === null) return;
      for (const m of doc.messages) {
        for (const a of m.attachments ?? []) marked.add(a.sha256);
        for (const i of m.images ?? []) if (i.sha256 !== undefined) marked.add(i.sha256);
      }
    },
    beginSweep() {
      marked = new Set();
    },
    endSweep() {
      marked = null;
    },
    removeUnlessMarked(sha256, remove) {
      return locks.run(sha256, async () => {
        if (marked === null || marked.has(sha256)) return false;
        await remove();
        return true;
      });
    },
  };
}
