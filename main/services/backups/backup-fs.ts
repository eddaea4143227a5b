import { promises as fs } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files/private-files';

/**
 * The file operations the backup service uses, behind an interface so tests can inject failures (a
 * full disk) between real operations. Reads of the live data go through `readFile` and `stat` only:
 * a backup never opens a live file for writing, never locks or renames one.
 */
export interface BackupFs {
  readFile(path: string): Promise<Buffer>;
  /** Size, modification time and inode of a file; null when it is not there (or not a file). */
  stat(path: string): Promise<{ size: number; mtimeMs: number; ino: number } | null>;
  /** Names in a folder; [] when the folder does not exist. */
  list(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
  /** Temporary file in the same folder, fsync, rename over the target (write-file-atomic). 0600. */
  writeDurably(path: string, data: Uint8Array | string): Promise<void>;
  /** An owner-only folder (0700), with its parents. */
  makeDir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const nodeBackupFs: BackupFs = {
  readFile: (path) => fs.readFile(path),
  async stat(path) {
    try {
      const info = await fs.stat(path);
      return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  async list(path) {
    try {
      const entries = await fs.readdir(path, { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
  async writeDurably(path, data) {
    await writeFileAtomic(path, typeof data === 'string' ? data : Buffer.from(data), {
      fsync: true,
      mode: PRIVATE_FILE_MODE,
    });
  },
  makeDir: (path) => ensurePrivateDir(path),
  rename: (from, to) => fs.rename(from, to),
  remove: (path) => fs.rm(path, { recursive: true, force: true }),
};
