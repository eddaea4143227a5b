import { readFile, stat } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { appError } from '../../../../common/errors';
import { PRIVATE_FILE_MODE } from '../../private-files/private-files';

/** An import larger than this is refused before it is read into memory. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Writes an export atomically (a half-written export would look like a good one). */
export async function writeExportFile(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text, { mode: PRIVATE_FILE_MODE });
  } catch {
    throw appError('internal', { id: 'errors.history.exportNotWritten' });
  }
}

/** Writes an image of a reply where the person chose to save it ("Save image"), atomically. */
export async function writeImageFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, Buffer.from(bytes), { mode: PRIVATE_FILE_MODE });
  } catch {
    throw appError('internal', { id: 'errors.history.imageNotSaved' });
  }
}

export async function readImportFile(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_BYTES) {
      throw appError('validation', { id: 'errors.history.importTooLarge' });
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && error.name === 'AppFailure') throw error;
    throw appError('validation', { id: 'errors.history.importUnreadable' });
  }
}
