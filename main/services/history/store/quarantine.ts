import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { QuarantineNotice } from '../../../../common/conversation-types';
import { describeError } from '../../../../common/redact';
import type { Logger } from '../../log/logger';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE } from '../../private-files/private-files';
import { moveImageFolder } from './image-files';
import { CONVERSATION_ID, fileStamp, type Layout } from './layout';
import {
  type NoticeReason,
  repairedReason,
  type TreeRepair,
  type UnusableWhy,
  unusableReason,
} from './quarantine-reasons';

/**
 * Moving a conversation file that cannot be used out of the way — never deleting it.
 *
 * The file goes to quarantine/ unchanged, next to a plain-text note saying what it was, why it was
 * moved and what the person can do. The rest of the history keeps loading without it.
 *
 * Its reply images (`images/<id>/`) go with it, to `<same name>.images/`, as they go with a deleted
 * conversation to the trash: everything of the conversation stays together, nothing is left orphaned
 * under images/ (where no one would look for it, and a conversation made later with the same id would
 * find it), and the note says how to put both back. Best effort, after the file: if the folder cannot
 * be moved it stays where it was and the note says so.
 */
interface FileRequest {
  sourcePath: string;
  conversationId: string | null;
  /** Best guess at the title (from the file itself, or from the index) so the UI can name it. */
  title: string | null;
}
/** A file that cannot be used, and why (worded in English for the note, and by each window). */
export interface QuarantineRequest extends FileRequest {
  why: UnusableWhy;
}
/** A file whose tree was repaired, and what was changed. */
export interface RepairRequest extends FileRequest {
  repairs: readonly TreeRepair[];
}

export async function quarantineFile(
  layout: Layout,
  request: QuarantineRequest,
  now: Date,
  log: Logger,
): Promise<QuarantineNotice> {
  const reason = unusableReason(request.why);
  const stem = request.conversationId ?? basename(request.sourcePath).replace(/\.json$/, '');
  const target = await freeName(layout.quarantine, `${stem}.${fileStamp(now)}`);
  try {
    await ensurePrivateDir(layout.quarantine);
    await fs.rename(request.sourcePath, target.file);
  } catch (error) {
    // Could not move it (permissions?): leave it where it is, still unused and untouched, and say so.
    log.error('could not move an unreadable conversation file to quarantine', {
      conversationId: request.conversationId,
      error: describeError(error),
    });
    return notice(request, request.sourcePath, unusableReason(request.why, false));
  }
  // The file may have come in with any mode (copied in by hand, an earlier version's 0644).
  await makeFilePrivate(target.file).catch((error: unknown) =>
    log.warn('could not make a quarantined file private', { error: describeError(error) }),
  );
  const images = await moveImages(layout, request.conversationId, target.images, log);
  try {
    await writeFileAtomic(target.note, noteText(layout, request, reason.reason, target.file, now, images), {
      encoding: 'utf8',
      mode: PRIVATE_FILE_MODE,
    });
  } catch (error) {
    log.warn('could not write the quarantine note', { error: describeError(error) });
  }
  log.warn('conversation file quarantined', {
    conversationId: request.conversationId,
    reason: reason.reason,
  });
  return notice(request, target.file, reason);
}

/** Where the conversation's reply images are now, if it had any. */
type ImagesOutcome = { movedTo: string; from: string } | { keptAt: string } | null;

async function moveImages(
  layout: Layout,
  conversationId: string | null,
  to: string,
  log: Logger,
): Promise<ImagesOutcome> {
  if (conversationId === null || !CONVERSATION_ID.test(conversationId)) return null;
  const from = layout.conversationImages(conversationId);
  try {
    return (await moveImageFolder(from, to)) ? { movedTo: to, from } : null;
  } catch (error) {
    log.warn("could not move a quarantined conversation's images", {
      conversationId,
      error: describeError(error),
    });
    return { keptAt: from };
  }
}

/**
 * A conversation that opened only after its tree was repaired (conversation-tree.ts): its file as it
 * was is copied (not moved: the conversation stays in the list) into quarantine/, with a note saying
 * what was repaired, so nothing about the original is lost even if the repair guessed wrong. Best
 * effort: if the copy fails the notice says so, and the conversation still opens.
 */
export async function keepRepairedOriginal(
  layout: Layout,
  request: RepairRequest,
  now: Date,
  log: Logger,
): Promise<QuarantineNotice> {
  const reason = repairedReason(request.repairs);
  const stem = request.conversationId ?? basename(request.sourcePath).replace(/\.json$/, '');
  const target = await freeName(layout.quarantine, `${stem}.${fileStamp(now)}.before-repair`);
  try {
    await ensurePrivateDir(layout.quarantine);
    await fs.copyFile(request.sourcePath, target.file);
    await makeFilePrivate(target.file);
    await writeFileAtomic(target.note, repairNoteText(request, reason.reason, target.file, now), {
      encoding: 'utf8',
      mode: PRIVATE_FILE_MODE,
    });
  } catch (error) {
    log.warn('could not keep a copy of a repaired conversation file', {
      conversationId: request.conversationId,
      error: describeError(error),
    });
    return notice(request, request.sourcePath, repairedReason(request.repairs, false));
  }
  log.warn('conversation file repaired', { conversationId: request.conversationId, reason: reason.reason });
  return notice(request, target.file, reason);
}

function repairNoteText(request: RepairRequest, reason: string, copiedTo: string, now: Date): string {
  return [
    'Switchboard found a damaged conversation and repaired it. This is a copy of the file as it was.',
    '',
    `Conversation: ${request.conversationId ?? 'unknown'}`,
    `Title: ${request.title ?? 'unknown'}`,
    `File: ${request.sourcePath}`,
    `Copy of the original: ${copiedTo}`,
    `When: ${now.toISOString()}`,
    `What was repaired: ${reason}`,
    '',
    'The conversation is still in Switchboard with every message; the repaired version is saved the next',
    'time the conversation changes. Messages whose earlier message could not be found now follow the',
    'message before them in the file. Keep this copy if you want to repair the file by hand instead.',
    '',
  ].join('\n');
}

function notice(request: FileRequest, path: string, reason: NoticeReason): QuarantineNotice {
  return { conversationId: request.conversationId, title: request.title, path, ...reason };
}

async function freeName(dir: string, stem: string): Promise<{ file: string; note: string; images: string }> {
  const exists = (path: string) =>
    fs.access(path).then(
      () => true,
      () => false,
    );
  for (let n = 0; ; n++) {
    const name = n === 0 ? stem : `${stem}-${n}`;
    const file = join(dir, `${name}.json`);
    const images = join(dir, `${name}.images`);
    if (!(await exists(file)) && !(await exists(images))) {
      return { file, note: join(dir, `${name}.note.txt`), images };
    }
  }
}

function noteText(
  layout: Layout,
  request: QuarantineRequest,
  reason: string,
  movedTo: string,
  now: Date,
  images: ImagesOutcome,
): string {
  return [
    'Switchboard could not open this conversation, so it moved the file here instead of deleting it.',
    '',
    `Conversation: ${request.conversationId ?? 'unknown'}`,
    `Title: ${request.title ?? 'unknown'}`,
    `Moved from: ${request.sourcePath}`,
    `Moved to: ${movedTo}`,
    ...(images !== null && 'movedTo' in images ? [`Reply images moved to: ${images.movedTo}`] : []),
    ...(images !== null && 'keptAt' in images
      ? [`Reply images: could not be moved; still in ${images.keptAt}`]
      : []),
    `When: ${now.toISOString()}`,
    `Why: ${reason}`,
    '',
    'Nothing in it was changed. If it was written by a newer Switchboard, open it with that version',
    '(copy it back into the conversations folder). Otherwise it is plain JSON: you can open it in a',
    'text editor to recover the text, or repair it and put it back into the conversations folder.',
    `Files attached in it stay in ${layout.attachments}, each named by the SHA-256 written in this file;`,
    'Switchboard keeps them while this file is here.',
    ...(images !== null && 'movedTo' in images
      ? [
          `Its reply images are in the folder beside it: to put the conversation back, also move that folder`,
          `back into ${dirname(images.from)} and name it ${basename(images.from)}.`,
        ]
      : []),
    '',
  ].join('\n');
}

/** The title of a damaged file when it can still be made out, so the notice can name the conversation. */
export function recoverTitle(text: string): string | null {
  try {
    const raw: unknown = JSON.parse(text);
    const title = (raw as { conversation?: { title?: unknown } } | null)?.conversation?.title;
    if (typeof title === 'string') return title;
  } catch {
    // Truncated or garbled: fall through to a textual look.
  }
  const match = /"title"\s*:\s*"((?:[^"\\]|\\.){0,1000})"/.exec(text);
  if (!match) return null;
  try {
    const value: unknown = JSON.parse(`"${match[1]}"`);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
