import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BackupConversationSchema, BackupIdSchema, BackupKindSchema } from '../../../common/backup-types';

/**
 * A snapshot's manifest: `snapshots/<id>/manifest.json`, written last (so a snapshot without one was cut
 * short), atomically and fsynced, with a SHA-256 of its own body (so a manifest damaged on disk is
 * found, not trusted). Each file of the snapshot is a path relative to the data directory and the hash
 * of its bytes, which are `objects/<sha256>`: shared by every snapshot holding the same bytes.
 */

export const MANIFEST_FORMAT = 'switchboard-backup';
export const MANIFEST_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A relative path with `/` separators, no `..`, no empty or dot segments. */
const RelativePath = z
  .string()
  .max(1000)
  .refine((p) => p.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\')), {
    // i18n-ignore: a schema check's reason; parseManifest only answers null, this text is never shown
    message: 'not a plain relative path',
  });

export const ManifestFileSchema = z
  .object({ path: RelativePath, sha256: Sha256, size: z.number().int().nonnegative() })
  .strict();
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestBodySchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    version: z.literal(MANIFEST_VERSION),
    id: BackupIdSchema,
    kind: BackupKindSchema,
    createdAt: z.iso.datetime(),
    /** What the list shows of each conversation (from the store's summaries when the snapshot was taken). */
    conversations: z.array(BackupConversationSchema),
    totalBytes: z.number().int().nonnegative(),
    files: z.array(ManifestFileSchema),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestBodySchema>;

const ManifestFileTextSchema = z.object({ checksum: Sha256, manifest: z.unknown() }).strict();

const sha256Of = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function serializeManifest(manifest: Manifest): string {
  const body = JSON.stringify(manifest);
  return `${JSON.stringify({ checksum: sha256Of(body), manifest })}\n`;
}

/** The manifest, or null when the text is not a whole, unaltered manifest of this format. */
export function parseManifest(text: string): Manifest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const outer = ManifestFileTextSchema.safeParse(raw);
  if (!outer.success) return null;
  // JSON.parse keeps key order, so re-serialising gives the body exactly as it was hashed.
  if (sha256Of(JSON.stringify(outer.data.manifest)) !== outer.data.checksum) return null;
  const body = ManifestBodySchema.safeParse(outer.data.manifest);
  return body.success ? body.data : null;
}
