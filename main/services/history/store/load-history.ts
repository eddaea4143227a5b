import { promises as fs, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../../../common/redact';
import { yieldToEventLoop } from '../../shared/scheduler';
import { removeAttachmentLeftovers } from './attachment-files';
import { mapLimit, readTextIfExists } from './files';
import { removeImageLeftovers } from './image-files';
import { type ConversationEntry, parseIndex } from './index-file';
import { atomicWriteTarget, conversationIdFromFileName } from './layout';
import { readConversation, recordEntry, type StoreCore } from './store-core';

/**
 * Opening the history: summaries from index.json, checked against the conversation files.
 *
 * Fast path (the normal start): the index is valid and the previous session closed cleanly, so each
 * entry whose file is present is trusted; only files the index does not know, and files holding a
 * reply that was still streaming, are opened. That is one directory listing and one JSON parse.
 *
 * After a crash (`session.json` still there) a file may have been written after the index was, so
 * every file's size and modification time is compared with the index, and changed files are re-read.
 * Without a usable index every file is read (a rebuild). Unreadable files are quarantined on the way.
 */
const STAT_BATCH = 1000;
const READ_CONCURRENCY = 16;

export interface LoadReport {
  fromIndex: number;
  reread: number;
  indexProblem: string | null;
  crashRecovery: boolean;
}

export async function loadHistory(core: StoreCore): Promise<LoadReport> {
  const { layout, log } = core;
  const [indexText, names, previousSession] = await Promise.all([
    readTextIfExists(layout.index),
    fs.readdir(layout.conversations),
    readTextIfExists(layout.session),
  ]);
  await removeLeftovers(
    core,
    layout.conversations,
    names,
    (target) => conversationIdFromFileName(target) !== null,
  );
  await removeLeftovers(core, layout.root, await fs.readdir(layout.root), (target) =>
    ['index.json', 'session.json'].includes(target),
  );
  await removeImageLeftovers(layout, log);
  await removeAttachmentLeftovers(layout, log);

  const index =
    indexText === null ? { ok: false as const, reason: 'index.json is missing' } : parseIndex(indexText);
  const known = new Map<string, ConversationEntry>();
  if (index.ok) for (const e of index.entries) known.set(e.summary.id, e);
  else if (indexText !== null || names.length > 0)
    log.warn('rebuilding the history index', { reason: index.reason });
  const crashRecovery = previousSession !== null;
  if (crashRecovery) log.warn('the previous session did not close cleanly; checking conversation files');

  const present = names.map(conversationIdFromFileName).filter((id): id is string => id !== null);
  const trusted: ConversationEntry[] = [];
  let fromIndex = 0;
  const toRead: string[] = [];
  for (const id of present) {
    const entry = known.get(id);
    if (entry && !entry.streaming) trusted.push(entry);
    else toRead.push(id);
  }
  if (crashRecovery) {
    const unchanged = await unchangedSinceIndexed(core, trusted);
    trusted.forEach((entry, i) => {
      if (unchanged[i]) {
        core.entries.set(entry.summary.id, entry);
        fromIndex++;
      } else {
        toRead.push(entry.summary.id);
      }
    });
  } else {
    for (const entry of trusted) core.entries.set(entry.summary.id, entry);
    fromIndex = trusted.length;
  }

  await mapLimit(toRead, READ_CONCURRENCY, async (id) => {
    const outcome = await readConversation(core, id, known.get(id)?.summary.title ?? null);
    if (outcome.kind === 'ok') recordEntry(core, outcome.doc, outcome);
  });

  const vanished = [...known.keys()].filter((id) => !core.entries.has(id)).length;
  if (!index.ok || vanished > 0) core.entriesChanged();
  return { fromIndex, reread: toRead.length, indexProblem: index.ok ? null : index.reason, crashRecovery };
}

/**
 * Whether each file still has the size and modification time the index recorded for it.
 *
 * Synchronous stats in batches: 10,000 `fs.promises.stat` calls take ~300–800 ms through the thread
 * pool, 10,000 `statSync` calls ~60 ms. Yielding between batches keeps the event loop responsive.
 */
async function unchangedSinceIndexed(
  core: StoreCore,
  entries: readonly ConversationEntry[],
): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < entries.length; i += STAT_BATCH) {
    for (const entry of entries.slice(i, i + STAT_BATCH)) {
      const stat = statSync(core.layout.conversationFile(entry.summary.id), { throwIfNoEntry: false });
      out.push(stat !== undefined && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs);
    }
    await yieldToEventLoop();
  }
  return out;
}

/**
 * Temporary files of our own writes cut off by a crash. The complete previous version is still in
 * place and the text in them was never reported as saved, so they are not the person's data. Only names
 * this store writes are touched; anything else in the folder is left alone.
 */
async function removeLeftovers(
  core: StoreCore,
  dir: string,
  names: string[],
  ours: (target: string) => boolean,
): Promise<void> {
  for (const name of names) {
    const target = atomicWriteTarget(name);
    if (target === null || !ours(target)) continue;
    try {
      await fs.unlink(join(dir, name));
      core.log.info('removed the temporary file of an interrupted write', { name });
    } catch (error) {
      core.log.warn('could not remove a temporary file', { name, error: describeError(error) });
    }
  }
}
