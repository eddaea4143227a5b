import { createHash } from 'node:crypto';
import type { StagedAttachment } from '../../../common/attachment-types';
import { megabytes, refuse } from './limits';

export interface StagedEntry {
  attachment: StagedAttachment;
  bytes: Uint8Array;
}

/** Lower-case hex SHA-256: the attachment's identity here and its file name in the store. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The attachments waiting in the composer, by hash, with a cap on their total bytes: they live in
 * main's memory until sent or removed, so a window that keeps staging cannot grow main without end.
 */
export function createStagingArea(maxBytes: number) {
  const entries = new Map<string, StagedEntry>();
  let total = 0;

  return {
    get: (sha: string): StagedEntry | null => entries.get(sha) ?? null,

    /**
     * Adds the entry (or renames the one with the same bytes: the latest name wins). `replacing`
     * is removed in the same step, and its bytes do not count against the cap for the new one.
     */
    put(entry: StagedEntry, replacing?: string): StagedAttachment {
      const sha = entry.attachment.sha256;
      const existing = entries.get(sha);
      if (existing) {
        const renamed: StagedEntry = {
          ...existing,
          attachment: { ...existing.attachment, name: entry.attachment.name },
        };
        entries.set(sha, renamed);
        if (replacing !== undefined && replacing !== sha) remove(replacing);
        return renamed.attachment;
      }
      const freed = replacing !== undefined ? (entries.get(replacing)?.bytes.length ?? 0) : 0;
      if (total - freed + entry.bytes.length > maxBytes) {
        refuse({
          id: 'errors.attachments.stagingFull',
          values: {
            name: entry.attachment.name,
            size: megabytes(total - freed + entry.bytes.length),
            max: megabytes(maxBytes),
          },
        });
      }
      if (replacing !== undefined) remove(replacing);
      entries.set(sha, entry);
      total += entry.bytes.length;
      return entry.attachment;
    },

    delete: (sha: string): boolean => remove(sha),
  };

  function remove(sha: string): boolean {
    const entry = entries.get(sha);
    if (!entry) return false;
    entries.delete(sha);
    total -= entry.bytes.length;
    return true;
  }
}
