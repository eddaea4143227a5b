import { join } from 'node:path';

/**
 * Where things live under the history folder (userData/history in the app):
 *
 *   conversations/<id>.json   one file per conversation, the source of truth
 *   index.json                summaries for the list; a cache, rebuilt from the files when unusable
 *   session.json              present while a store is open; if found at start, the last run crashed
 *   quarantine/               files that could not be read, each with a `.note.txt` saying why (and
 *                             `.images/`, their reply images)
 *   trash/                    deleted conversations, restorable until purged after 30 days
 *   images/<id>/<messageId>/<imageId>   images of replies saved before issue 17 (image-files.ts);
 *                             trash/<token>.images/ when deleted
 *   attachments/<sha256>      content-addressed files: attachments and newer reply images (attachment-files.ts)
 *   attachments-sweep-pending present while a sweep of attachments/ is owed (survives a quit)
 *   search-index.bin          the search index, saved so a start need not read every file (a cache;
 *                             search/index-persistence.ts)
 */
export interface Layout {
  root: string;
  conversations: string;
  quarantine: string;
  trash: string;
  index: string;
  session: string;
  images: string;
  /** The content-addressed store: one file per distinct content, named by its SHA-256. */
  attachments: string;
  /** Present while files may be named by nothing: the next start sweeps (attachment-sweep.ts). */
  sweepPending: string;
  /** The persisted search index (a cache, discarded whenever it does not check out). */
  searchIndex: string;
  conversationFile(id: string): string;
  /** The folder of a conversation's reply images. */
  conversationImages(id: string): string;
}

export function layoutFor(root: string): Layout {
  const conversations = join(root, 'conversations');
  return {
    root,
    conversations,
    quarantine: join(root, 'quarantine'),
    trash: join(root, 'trash'),
    index: join(root, 'index.json'),
    session: join(root, 'session.json'),
    images: join(root, 'images'),
    attachments: join(root, 'attachments'),
    sweepPending: join(root, 'attachments-sweep-pending'),
    searchIndex: join(root, 'search-index.bin'),
    conversationFile: (id) => join(conversations, `${id}.json`),
    conversationImages: (id) => {
      if (!CONVERSATION_ID.test(id)) throw new Error('invalid conversation id for a path');
      return join(root, 'images', id);
    },
  };
}

/**
 * ConversationIdSchema's rule as a plain RegExp: it runs on 10,000 names at every start, where a zod
 * call costs more than the directory listing. layout.test.ts checks the two agree.
 */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `<id>.json` → id, when the name is one this store could have written; otherwise null (left alone). */
export function conversationIdFromFileName(name: string): string | null {
  if (!name.endsWith('.json')) return null;
  const id = name.slice(0, -'.json'.length);
  return CONVERSATION_ID.test(id) ? id : null;
}

/**
 * For a leftover temporary file of write-file-atomic (`<name>.json.<number>`, a write cut off by a
 * crash), the file it was meant to replace; null for any other name.
 */
export function atomicWriteTarget(name: string): string | null {
  const match = /^(.+\.json)\.\d+$/.exec(name);
  return match?.[1] ?? null;
}

/** A file-system-safe timestamp for names: 2025-01-31T12-00-00-000Z. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}
