import { lstat, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Everything under `root` (and `root` itself) that is not owner-only: regular files other than 0600
 * and folders other than 0700, as `<path> <mode>` (octal). Symbolic links are not followed. Empty on
 * Windows, which has no POSIX modes.
 */
export async function notOwnerOnly(root: string): Promise<string[]> {
  if (process.platform === 'win32') return [];
  const found: string[] = [];
  const check = async (path: string) => {
    const info = await lstat(path);
    const mode = info.mode & 0o777;
    const name = relative(root, path) || '.';
    if (info.isDirectory() && mode !== 0o700) found.push(`${name}/ ${mode.toString(8)}`);
    if (info.isFile() && mode !== 0o600) found.push(`${name} ${mode.toString(8)}`);
  };
  await check(root);
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    await check(join(entry.parentPath, entry.name));
  }
  return found;
}
