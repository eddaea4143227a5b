import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../../common/redact';
import { yieldToEventLoop } from '../../shared/scheduler';
import { attachmentFile, listStoredHashes } from './attachment-files';
import { hashesOf } from './attachment-guard';
import { readTextIfExists } from './files';
import { errnoOf } from './storage-errors';
import type { StoreCore } from './store-core';

/**
 * Removing attachment files no conversation uses any more (after the trash purge, a regenerate or an
 * edit dropped the messages that named them, or a write that failed after its files were written).
 *
 * A file is removed only when no conversation names its hash: not a live one (read inside its queue,
 * from the cache or the file), not one in the trash (it may be restored), not a quarantined one (its
 * file may not even parse, so its raw text is searched for the hash). It runs in the background while
 * the store serves; attachment-guard.ts explains why a file used again during the scan survives.
 * Conservative by construction: any 64-hex-digit run in those texts keeps the file of that name.
 */
export interface SweepHooks {
  /** True once the store is closing: the sweep stops and removes nothing more. */
  stopped(): boolean;
  /** Tests: runs after the scan, before anything is removed. */
  beforeRemove?: () => Promise<void>;
}

export interface SweepReport {
  stored: number;
  removed: number;
}

const HASH_RUN = /[0-9a-f]{64}/g;

function dropNamedIn(text: string, candidates: Set<string>): void {
  for (const match of text.matchAll(HASH_RUN)) candidates.delete(match[0]);
}

export async function sweepAttachments(core: StoreCore, hooks: SweepHooks): Promise<SweepReport | null> {
  const { layout, log } = core;
  const guard = core.attachmentGuard;
  guard.beginSweep();
  try {
    const candidates = new Set(await listStoredHashes(layout));
    const stored = candidates.size;
    if (stored === 0) return { stored, removed: 0 };

    // Live conversations first, then the trash, then quarantine: a conversation that leaves the list
    // while the scan runs (deleted, quarantined) moves to a folder scanned after it.
    let n = 0;
    for (const id of [...core.entries.keys()]) {
      if (hooks.stopped()) return null;
      if (candidates.size === 0) break;
      await core.queue.run(id, async () => {
        const cached = core.cache.get(id);
        if (cached) {
          for (const sha of hashesOf(cached)) candidates.delete(sha);
          return;
        }
        const text = await readTextIfExists(layout.conversationFile(id));
        if (text !== null) dropNamedIn(text, candidates);
      });
      if (++n % 50 === 0) await yieldToEventLoop();
    }
    for (const dir of [layout.trash, layout.quarantine]) {
      for (const name of await fileNames(dir)) {
        if (hooks.stopped()) return null;
        if (candidates.size === 0) break;
        if (name.endsWith('.note.txt')) continue;
        const text = await readTextIfExists(join(dir, name)).catch(() => null);
        if (text === null) continue;
        dropNamedIn(text, candidates);
      }
    }

    await hooks.beforeRemove?.();
    let removed = 0;
    for (const sha of candidates) {
      if (hooks.stopped()) break;
      try {
        const gone = await guard.removeUnlessMarked(sha, () =>
          fs.unlink(attachmentFile(layout, sha)).catch((error: unknown) => {
            if (errnoOf(error) !== 'ENOENT') throw error;
          }),
        );
        if (gone) removed++;
      } catch (error) {
        log.warn('could not remove an attachment no conversation uses', { error: describeError(error) });
      }
    }
    if (removed > 0) log.info('removed attachment files no conversation uses', { removed, stored });
    return { stored, removed };
  } finally {
    guard.endSweep();
  }
}

/** The regular files of a folder (subfolders, such as `.images/`, are not conversation files). */
async function fileNames(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
    throw error;
  }
}
