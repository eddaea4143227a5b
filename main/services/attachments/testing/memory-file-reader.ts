import type { AttachmentFileReader } from '../types';

/**
 * Files in memory for `stageFiles`: each path's bytes (or an error as node:fs would throw it). Records
 * which paths were read, so a test can prove an oversized file was refused from its size alone.
 */
export function createMemoryFileReader(
  files: Record<string, Uint8Array | NodeJS.ErrnoException>,
  sizes: Record<string, number> = {},
): AttachmentFileReader & { reads: string[] } {
  const reads: string[] = [];
  const lookup = (path: string): Uint8Array => {
    const entry = files[path];
    if (entry === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    }
    if (entry instanceof Error) throw entry;
    return entry;
  };
  return {
    reads,
    async size(path) {
      return sizes[path] ?? lookup(path).length;
    },
    async read(path) {
      reads.push(path);
      return lookup(path);
    },
  };
}

/** An error shaped like node:fs's, with the path in its message as node puts it there. */
export function fsError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: operation failed, open '${path}'`), { code, path });
}
