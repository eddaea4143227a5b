import { describeError } from '../../../../common/redact';
import type { MainText } from '../../i18n/catalog-intl';
import type { ConversationFile } from '../store/conversation-file';
import { mapLimit } from '../store/files';
import { loadDoc, type StoreCore } from '../store/store-core';
import type { ExportFormat } from '../types';
import { readExportAttachments } from './export-attachments';
import { readExportImages } from './export-images';
import { conversationsToJson } from './export-json';
import { conversationsToMarkdown, conversationToMarkdown } from './export-markdown';

/** One conversation as export text, its reply images included (inside its queue). */
export async function exportConversationText(
  core: StoreCore,
  doc: ConversationFile,
  format: ExportFormat,
  text?: MainText,
): Promise<string> {
  const images = await readExportImages(core, [doc]);
  const attachments = await readExportAttachments(core, [doc]);
  return format === 'json'
    ? conversationsToJson([doc], core.now(), images, attachments)
    : conversationToMarkdown(doc, images, attachments, text);
}

/**
 * The conversations `ids` (in that order) as one export text. A conversation that cannot be read is
 * left out and logged rather than failing the whole export.
 */
export async function exportConversationsText(
  core: StoreCore,
  ids: readonly string[],
  format: ExportFormat,
  text?: MainText,
): Promise<string> {
  const docs = (
    await mapLimit(ids, 16, (id) =>
      core.queue
        .run(id, () => loadDoc(core, id, { keep: false }))
        .catch((error: unknown) => {
          core.log.warn('conversation left out of the export', {
            conversationId: id,
            error: describeError(error),
          });
          return null;
        }),
    )
  ).filter((d): d is ConversationFile => d !== null);
  const images = await readExportImages(core, docs);
  const attachments = await readExportAttachments(core, docs);
  return format === 'json'
    ? conversationsToJson(docs, core.now(), images, attachments)
    : conversationsToMarkdown(docs, images, attachments, text);
}
