import { join } from 'node:path';
import { conversationIdFromFileName, layoutFor } from '../history';
import type { BackupFs } from './backup-fs';

/**
 * What a snapshot holds, as paths relative to the data directory — an allow-list: the history (its
 * conversation files, trash, old-style reply images, content-addressed attachments and index),
 * settings.json and the spending ledger. The key's vault file (`vault.json`, main/services/vault) and
 * anything else in the folder is never listed, so never read: `isBackedUp` is checked again for every
 * path before it is read, and restore refuses any path it does not accept.
 */

const SHA256_NAME = /^[0-9a-f]{64}$/;
/** Trash entries the history writes: `<id>.<ms>.json` and `<id>.<ms>.images/`. */
const TRASH_NAME = /^[A-Za-z0-9_-]{1,64}\.\d{1,16}\.(json|images)$/;
/** Names inside image folders: ids and `<n>.<ext>`. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export const SETTINGS_FILE = 'settings.json';
export const LEDGER_FILE = 'ledger/ledger.jsonl';
export const LEDGER_SNAPSHOT_FILE = 'ledger/snapshot.json';
export const HISTORY_INDEX_FILE = 'history/index.json';
export const CONVERSATIONS_DIR = 'history/conversations';
export const ATTACHMENTS_DIR = 'history/attachments';

/** True for a path a snapshot may hold (and a restore may read); everything else is refused. */
export function isBackedUp(path: string): boolean {
  if ([SETTINGS_FILE, LEDGER_FILE, LEDGER_SNAPSHOT_FILE, HISTORY_INDEX_FILE].includes(path)) return true;
  const parts = path.split('/');
  if (parts[0] !== 'history') return false;
  if (parts[1] === 'conversations')
    return parts.length === 3 && conversationIdFromFileName(parts[2] ?? '') !== null;
  if (parts[1] === 'attachments') return parts.length === 3 && SHA256_NAME.test(parts[2] ?? '');
  if (parts[1] === 'trash')
    return (
      parts.length >= 3 && TRASH_NAME.test(parts[2] ?? '') && parts.slice(3).every((p) => PLAIN_NAME.test(p))
    );
  if (parts[1] === 'images') return parts.length >= 3 && parts.slice(2).every((p) => PLAIN_NAME.test(p));
  return false;
}

/** The conversation id of a snapshot path under history/conversations/, else null. */
export function conversationIdOfPath(path: string): string | null {
  const parts = path.split('/');
  if (parts.length !== 3 || `${parts[0]}/${parts[1]}` !== CONVERSATIONS_DIR) return null;
  return conversationIdFromFileName(parts[2] ?? '');
}

async function walk(fs: BackupFs, dataDir: string, relative: string, out: string[]): Promise<void> {
  for (const entry of await fs.list(join(dataDir, ...relative.split('/')))) {
    const path = `${relative}/${entry.name}`;
    if (entry.isDirectory) await walk(fs, dataDir, path, out);
    else if (isBackedUp(path)) out.push(path);
  }
}

/**
 * The paths to copy, in the order they must be read. Conversation files come before the attachments
 * folder is listed: the history writes a file before the conversation file that names it, so every
 * file a copied conversation names is already there when attachments/ is listed. The index (a cache
 * the store rebuilds) comes last; the ledger is read after the settings, both before the history.
 */
export async function listSources(fs: BackupFs, dataDir: string): Promise<string[]> {
  const history = layoutFor(join(dataDir, 'history'));
  const out = [SETTINGS_FILE, LEDGER_SNAPSHOT_FILE, LEDGER_FILE];
  for (const entry of await fs.list(history.conversations)) {
    const path = `${CONVERSATIONS_DIR}/${entry.name}`;
    if (!entry.isDirectory && isBackedUp(path)) out.push(path);
  }
  await walk(fs, dataDir, 'history/trash', out);
  await walk(fs, dataDir, 'history/images', out);
  for (const entry of await fs.list(history.attachments)) {
    const path = `${ATTACHMENTS_DIR}/${entry.name}`;
    if (!entry.isDirectory && isBackedUp(path)) out.push(path);
  }
  out.push(HISTORY_INDEX_FILE);
  return out;
}
