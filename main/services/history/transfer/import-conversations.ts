import type { Message } from '../../../../common/conversation-types';
import { type ConversationFile, CURRENT_FORMAT_VERSION } from '../store/conversation-file';
import { loadDoc, persistDoc, type StoreCore } from '../store/store-core';
import type { ImportResult } from '../types';
import { canonicalJson, type ExportedConversation } from './export-json';
import { checkImport } from './import-json';

/**
 * Importing a JSON export: validated first (import-json.ts), then each conversation is skipped when it
 * is already here, imported under its own id when that is free, or under a new id when that id holds a
 * different conversation.
 */
export async function importConversations(core: StoreCore, text: string): Promise<ImportResult> {
  const check = checkImport(text);
  const result: ImportResult = {
    imported: 0,
    duplicates: 0,
    rejected: check.rejected,
    errors: [...check.errors],
  };
  // Candidates for "the same conversation under another id": those created at the same moment.
  const byCreatedAt = new Map<string, string[]>();
  const remember = (createdAt: string, id: string) =>
    byCreatedAt.set(createdAt, [...(byCreatedAt.get(createdAt) ?? []), id]);
  for (const e of core.entries.values()) remember(e.summary.createdAt, e.summary.id);

  for (let i = 0; i < check.valid.length; i++) {
    const incoming = check.valid[i] as ExportedConversation;
    try {
      if (await isDuplicate(core, incoming, byCreatedAt.get(incoming.conversation.createdAt) ?? [])) {
        result.duplicates++;
        continue;
      }
      const id = core.entries.has(incoming.conversation.id) ? core.newId() : incoming.conversation.id;
      const doc: ConversationFile = {
        formatVersion: CURRENT_FORMAT_VERSION,
        conversation: { ...incoming.conversation, id },
        messages: incoming.messages,
      };
      await core.queue.run(id, async () => {
        await persistDoc(core, doc, 'import the conversation', [{ kind: 'conversation-imported', doc }]);
      });
      remember(doc.conversation.createdAt, id);
      result.imported++;
    } catch (error) {
      // Most likely the disk is full or not writable: the rest would fail the same way.
      const left = check.valid.length - i;
      result.rejected += left;
      const reason = error instanceof Error ? error.message : String(error);
      result.errors.push(`Import stopped; ${left} conversation(s) were not imported: ${reason}`);
      break;
    }
  }
  core.log.info('import finished', {
    imported: result.imported,
    duplicates: result.duplicates,
    rejected: result.rejected,
  });
  return result;
}

/**
 * Already here: same id and same content, or (after an earlier import gave it a new id) a conversation
 * created at the same moment with the same content under another id.
 */
async function isDuplicate(
  core: StoreCore,
  incoming: ExportedConversation,
  sameCreatedAt: readonly string[],
): Promise<boolean> {
  const fingerprint = contentFingerprint(incoming);
  const candidates = new Set(sameCreatedAt);
  if (core.entries.has(incoming.conversation.id)) candidates.add(incoming.conversation.id);
  for (const id of candidates) {
    const existing = await core.queue.run(id, () => loadDoc(core, id, { keep: false })).catch(() => null);
    if (existing && contentFingerprint(existing) === fingerprint) return true;
  }
  return false;
}

function contentFingerprint(c: {
  conversation: ConversationFile['conversation'];
  messages: Message[];
}): string {
  return canonicalJson({ conversation: { ...c.conversation, id: '' }, messages: c.messages });
}
