import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * Owner-only files and folders for what Switchboard keeps under the data directory (history,
 * settings, window state): 0600 files, 0700 folders on POSIX, whatever the umask.
 *
 * `mkdir`'s and `open`'s mode is filtered by the umask, so every folder is chmod-ed after it is made;
 * files are written with write-file-atomic's `mode`, which chmods its temporary file before the rename
 * (node_modules/write-file-atomic/lib/index.js: `fs.chmod(tmpfile, options.mode)`).
 *
 * On Windows, POSIX modes mean nothing (chmod only toggles read-only): the folders inherit the
 * profile's ACLs, which already exclude other users, so nothing is done there.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

const posix = process.platform !== 'win32';

/** Creates `path` (and missing parents) if needed and makes it 0700. */
export async function ensurePrivateDir(path: string): Promise<void> {
  await fs.mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix) await fs.chmod(path, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600 (after a rename brought it in, say); a missing file is left alone. */
export async function makeFilePrivate(path: string): Promise<void> {
  if (!posix) return;
  try {
    await fs.chmod(path, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT') throw error;
  }
}

/**
 * Whether `root` is a folder other users can enter or read (an earlier version's 0755), i.e. whether
 * `tightenTree` has work to do. False when it does not exist yet (it will be created private).
 */
export async function isOpenToOthers(root: string): Promise<boolean> {
  if (!posix) return false;
  try {
    return ((await fs.stat(root)).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/**
 * Makes every folder under `root` 0700 and every regular file 0600, `root` itself last (so a walk cut
 * short is redone at the next start). Symbolic links are not followed: what they point at is not
 * ours to change. Returns the paths that could not be changed (owned by another user, say).
 */
export async function tightenTree(root: string): Promise<string[]> {
  if (!posix) return [];
  const failed: string[] = [];
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  // A few chmods in flight (libuv's thread pool runs four): about twice as fast as one at a time.
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const entry = entries[next++] as (typeof entries)[number];
      const path = join(entry.parentPath, entry.name);
      const mode = entry.isDirectory() ? PRIVATE_DIR_MODE : entry.isFile() ? PRIVATE_FILE_MODE : null;
      if (mode !== null) await fs.chmod(path, mode).catch(() => failed.push(path));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await fs.chmod(root, PRIVATE_DIR_MODE).catch(() => failed.push(root));
  return failed;
}
