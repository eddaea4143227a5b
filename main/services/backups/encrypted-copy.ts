import { createHash } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { appError } from '../../../common/errors';
import type { BackupFs } from './backup-fs';
import type { BackupPaths } from './backup-paths';
import { type Manifest, parseManifest } from './manifest';

/**
 * One snapshot as one file, encrypted with a passphrase in the age format (age-encryption, Filippo
 * Valsorda's TypeScript implementation: scrypt recipient, ChaCha20-Poly1305 payload; no cryptography of
 * our own), for a folder of the person's choice — restorable on another computer with the passphrase.
 *
 * Plaintext inside the age file (the "archive"):
 *
 *   switchboard-backup-archive 1\n
 *   <length of the manifest text, decimal>\n
 *   <manifest.json as written, with its own checksum>
 *   <each distinct object's bytes, in the order the manifest first names them; sizes from the manifest>
 *
 * Every object is checked against its hash when the archive is opened, and the manifest against its
 * checksum, so a damaged or altered archive (age also authenticates every 64 KiB chunk) is refused
 * before anything is written.
 */

const MAGIC = 'switchboard-backup-archive 1\n';
/** scrypt work factor (log2 N) age uses by default: about a second to derive the key. */
export const DEFAULT_SCRYPT_WORK_FACTOR = 18;
export const MIN_PASSPHRASE_LENGTH = 12;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function distinctObjects(manifest: Manifest): { sha256: string; size: number }[] {
  const seen = new Set<string>();
  const out: { sha256: string; size: number }[] = [];
  for (const file of manifest.files) {
    if (seen.has(file.sha256)) continue;
    seen.add(file.sha256);
    out.push({ sha256: file.sha256, size: file.size });
  }
  return out;
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw appError('validation', {
      id: 'errors.backups.passphraseTooShort',
      values: { min: MIN_PASSPHRASE_LENGTH },
    });
  }
}

/** The snapshot's manifest text and objects as one archive (see above). */
export async function packSnapshot(fs: BackupFs, paths: BackupPaths, id: string): Promise<Uint8Array> {
  const manifestText = (await fs.readFile(paths.manifest(id))).toString('utf8');
  const manifest = parseManifest(manifestText);
  if (!manifest) throw new Error('the snapshot has no valid manifest');
  const manifestBytes = Buffer.from(manifestText, 'utf8');
  const parts: Uint8Array[] = [Buffer.from(`${MAGIC}${manifestBytes.length}\n`, 'utf8'), manifestBytes];
  for (const object of distinctObjects(manifest)) {
    const bytes = await fs.readFile(paths.object(object.sha256));
    if (bytes.length !== object.size || sha256Hex(bytes) !== object.sha256) {
      throw new Error('an object of the snapshot is damaged');
    }
    parts.push(bytes);
  }
  return Buffer.concat(parts);
}

/** The manifest and objects of an archive, every one checked; null when it is not a whole archive. */
export function unpackArchive(
  archive: Uint8Array,
): { manifest: Manifest; manifestText: string; objects: Map<string, Uint8Array> } | null {
  const buffer = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  if (buffer.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) return null;
  const lengthEnd = buffer.indexOf(0x0a, MAGIC.length);
  if (lengthEnd < 0 || lengthEnd - MAGIC.length > 12) return null;
  const manifestLength = Number(buffer.subarray(MAGIC.length, lengthEnd).toString('utf8'));
  if (!Number.isSafeInteger(manifestLength) || manifestLength <= 0) return null;
  let offset = lengthEnd + 1;
  const manifestText = buffer.subarray(offset, offset + manifestLength).toString('utf8');
  const manifest = parseManifest(manifestText);
  if (!manifest) return null;
  offset += manifestLength;
  const objects = new Map<string, Uint8Array>();
  for (const object of distinctObjects(manifest)) {
    const bytes = buffer.subarray(offset, offset + object.size);
    if (bytes.length !== object.size || sha256Hex(bytes) !== object.sha256) return null;
    objects.set(object.sha256, bytes);
    offset += object.size;
  }
  return offset === buffer.length ? { manifest, manifestText, objects } : null;
}

export async function encryptArchive(
  archive: Uint8Array,
  passphrase: string,
  workFactor: number,
): Promise<Uint8Array> {
  checkPassphrase(passphrase);
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(workFactor);
  return encrypter.encrypt(archive);
}

export async function decryptArchive(file: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  try {
    return await decrypter.decrypt(file);
  } catch {
    // age does not say which: a wrong passphrase, or a file that is not (or no longer) an age file.
    throw appError('validation', { id: 'errors.backups.wrongPassphrase' });
  }
}
