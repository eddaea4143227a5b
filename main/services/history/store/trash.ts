import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../../common/redact';
import type { Logger } from '../../log/logger';
import { ensurePrivateDir, makeFilePrivate } from '../../private-files/private-files';
import { moveImageFolder } from './image-files';
import type { Layout } from './layout';

/**
 * Delete with undo. A deleted conversation's file is moved (renamed, not copied) to
 * `trash/<id>.<deletedAtMs>.json`; that name without `.json` is the undo token. Entries older than the
 * retention period (30 days) are removed when the store opens: that is the person's own delete taking
 * effect, logged, and the only place history files are ever removed.
 */
const TOKEN = /^([A-Za-z0-9_-]{1,64})\.(\d{1,16})$/;

export function parseUndoToken(token: string): { conversationId: string; deletedAtMs: number } | null {
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return null;
  return { conversationId: match[1], deletedAtMs: Number(match[2]) };
}

export function trashFile(layout: Layout, token: string): string {
  return join(layout.trash, `${token}.json`);
}

/** Where a deleted conversation's reply images wait with it: `trash/<token>.images/`. */
export function trashImages(layout: Layout, token: string): string {
  return join(layout.trash, `${token}.images`);
}

/** Moves the conversation file to the trash and returns the undo token. */
export async function moveToTrash(layout: Layout, conversationId: string, now: Date): Promise<string> {
  await ensurePrivateDir(layout.trash);
  // Two deletes of the same id within one millisecond (delete, undo, delete) must not collide.
  for (let ms = now.getTime(); ; ms++) {
    const token = `${conversationId}.${ms}`;
    const target = trashFile(layout, token);
    const taken = await fs.access(target).then(
      () => true,
      () => false,
    );
    if (taken) continue;
    await fs.rename(layout.conversationFile(conversationId), target);
    // Normally 0600 already; a file from an earlier version may not be. Best effort: the folder is 0700.
    await makeFilePrivate(target).catch(() => undefined);
    // Its images go with it (restore brings them back, the purge removes them with it).
    // Best effort: the conversation is already in the trash; images left behind only cost space.
    await moveImageFolder(layout.conversationImages(conversationId), trashImages(layout, token)).catch(
      () => false,
    );
    return token;
  }
}

export async function purgeExpiredTrash(
  layout: Layout,
  now: Date,
  retentionMs: number,
  log: Logger,
): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(layout.trash);
  } catch {
    return 0;
  }
  let purged = 0;
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const parsed = parseUndoToken(name.slice(0, -'.json'.length));
    if (!parsed || now.getTime() - parsed.deletedAtMs < retentionMs) continue;
    try {
      await fs.unlink(join(layout.trash, name));
      await fs.rm(trashImages(layout, name.slice(0, -'.json'.length)), { recursive: true, force: true });
      purged++;
      log.info('purged a conversation deleted more than the retention period ago', {
        conversationId: parsed.conversationId,
        deletedAt: new Date(parsed.deletedAtMs).toISOString(),
      });
    } catch (error) {
      log.warn('could not purge a trash entry', { error: describeError(error) });
    }
  }
  return purged;
}
