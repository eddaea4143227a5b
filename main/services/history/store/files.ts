import { promises as fs } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../private-files/private-files';
import { errnoOf, type StorageAction, storageFailure } from './storage-errors';

/**
 * The only way the history writes a file: write-file-atomic writes a temporary file next to the target,
 * fsyncs it and renames it over the target, so a reader (or the next start after a crash) sees either
 * the old file or the new one, never half of one. Always 0600 (the person's words), whatever the umask
 * or the mode of the file it replaces.
 */
export async function writeFileDurably(
  path: string,
  text: string,
  action: StorageAction,
): Promise<{ size: number; mtimeMs: number }> {
  try {
    await writeFileAtomic(path, text, { encoding: 'utf8', fsync: true, mode: PRIVATE_FILE_MODE });
    const stat = await fs.stat(path);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    throw storageFailure(error, action, path);
  }
}

/** Reads a UTF-8 file, or null when it does not exist. Other failures propagate. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Creates a history folder if needed, 0700 (see private-files.ts). */
export async function ensureDir(path: string): Promise<void> {
  try {
    await ensurePrivateDir(path);
  } catch (error) {
    throw storageFailure(error, 'openHistoryFolder', path);
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
