import { join } from 'node:path';
import type { BackupKind } from '../../../common/backup-types';
import { BackupIdSchema, BackupKindSchema } from '../../../common/backup-types';

/**
 * Where backups live, in the data directory:
 *
 *   backups/objects/<sha256>                  the bytes of a backed-up file, once per distinct content
 *   backups/snapshots/<id>/manifest.json      one snapshot: which file had which bytes (manifest.ts)
 *
 * `<id>` is `<time>-<kind>-<6 hex>`, so a snapshot cut short before its manifest was written still says
 * when it was started and why.
 */
export interface BackupPaths {
  root: string;
  objects: string;
  snapshots: string;
  object(sha256: string): string;
  snapshotDir(id: string): string;
  manifest(id: string): string;
}

export function backupPathsFor(dataDir: string): BackupPaths {
  const root = join(dataDir, 'backups');
  const objects = join(root, 'objects');
  const snapshots = join(root, 'snapshots');
  return {
    root,
    objects,
    snapshots,
    object(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid object hash');
      return join(objects, sha256);
    },
    snapshotDir(id) {
      if (!BackupIdSchema.safeParse(id).success) throw new Error('invalid snapshot id');
      return join(snapshots, id);
    },
    manifest: (id) => join(backupPathsFor(dataDir).snapshotDir(id), 'manifest.json'),
  };
}

export function newSnapshotId(createdAt: Date, kind: BackupKind, randomHex: string): string {
  return `${createdAt.toISOString().replace(/[:.]/g, '-')}-${kind}-${randomHex}`;
}

/** When and why a snapshot was started, from its id alone (for one without a manifest). */
export function parseSnapshotId(id: string): { createdAt: string; kind: BackupKind } | null {
  if (!BackupIdSchema.safeParse(id).success) return null;
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z-([a-z-]+)-[0-9a-f]{6}$/.exec(id);
  if (!match) return null;
  const kind = BackupKindSchema.safeParse(match[6]);
  if (!kind.success) return null;
  return { createdAt: `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`, kind: kind.data };
}
