import { z } from 'zod';
import { appError } from '../../../../common/errors';
import { describeIssues } from '../store/migrations';
import { errorValueText } from '../store/storage-errors';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportedConversation,
  ExportedConversationSchema,
  settled,
} from './export-json';

/**
 * Validating an import before anything is written. A file that is not an export at all is refused as a
 * whole; inside a valid export, each conversation is checked on its own, so one damaged conversation
 * does not keep the others out, and each rejection says which one and why.
 */
const EnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  conversations: z.array(z.unknown()),
});

export interface ImportCheck {
  valid: ExportedConversation[];
  /** Each valid conversation's 1-based position in the file, for messages about it. */
  positions: number[];
  rejected: number;
  errors: string[];
}

export function checkImport(text: string): ImportCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw appError('validation', { id: 'errors.history.importNotJson' });
  }
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    // The details are the schema's own words (field paths), kept as they are in every language.
    throw appError('validation', {
      id: 'errors.history.importNotExport',
      values: { details: errorValueText(describeIssues(envelope.error)) },
    });
  }
  if (envelope.data.version > EXPORT_VERSION) {
    throw appError('validation', {
      id: 'errors.history.importNewerVersion',
      // A string: the version as written in the file, not a number to format ("1,000").
      values: { version: String(envelope.data.version) },
    });
  }
  const result: ImportCheck = { valid: [], positions: [], rejected: 0, errors: [] };
  envelope.data.conversations.forEach((item, i) => {
    const parsed = ExportedConversationSchema.safeParse(item);
    if (parsed.success) {
      const messages = parsed.data.messages.map(settled);
      const tree =
        envelope.data.version >= 3
          ? { messages, activeLeafId: parsed.data.activeLeafId }
          : // Exported before conversations were trees: one branch, as migrations.ts reads old files.
            {
              messages: messages.map((m, i) => ({
                parentId: i === 0 ? null : (messages[i - 1]?.id ?? null),
                ...m,
              })),
              activeLeafId: messages.at(-1)?.id ?? null,
            };
      result.valid.push({
        conversation: parsed.data.conversation,
        ...tree,
        ...(parsed.data.options ? { options: parsed.data.options } : {}),
      });
      result.positions.push(i + 1);
      return;
    }
    result.rejected++;
    const title = (item as { conversation?: { title?: unknown } } | null)?.conversation?.title;
    const name = typeof title === 'string' ? ` "${title.slice(0, 80)}"` : '';
    // i18n-ignore: ImportResult.errors is a diagnostic list (tests, logs); the window shows only the counts (sidebar.transfer.imported)
    result.errors.push(`Conversation ${i + 1}${name} was not imported: ${describeIssues(parsed.error)}.`);
  });
  return result;
}
