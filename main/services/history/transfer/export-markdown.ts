import type { Citation } from '../../../../common/chat-types';
import { isStoredDefaultTitle } from '../../../../common/conversation-title';
import type { Message } from '../../../../common/conversation-types';
import { ENGLISH_TEXT, type MainText } from '../../i18n/catalog-intl';
import type { ConversationFile } from '../store/conversation-file';
import { visiblePath } from '../store/conversation-tree';
import type { AttachmentsByMessage, ExportedAttachment } from './export-attachments';
import { type ExportedImage, type ImagesByReply, imageKey } from './export-images';
import { withoutControlCharacters } from './plain-text';

/**
 * A conversation as Markdown, for reading and sharing (the JSON export is the lossless one): the
 * versions shown (the visible path), not the other branches.
 * Message text is already Markdown (that is how replies are written and shown), so it goes in as is.
 * The file is for the person to read, so its own words (speakers, headings, notes) are in the interface
 * language (`text`, read when the export is made; English by default); what the person and the models
 * wrote, titles, file names and dates (ISO 8601, unambiguous in every language) go in as they are.
 */
export function conversationToMarkdown(
  file: ConversationFile,
  images: ImagesByReply = new Map(),
  attachments: AttachmentsByMessage = new Map(),
  text: MainText = ENGLISH_TEXT,
): string {
  const { conversation } = file;
  // The conversation as it is shown: the visible path (the JSON export keeps every branch).
  const messages = visiblePath(file);
  // The stored placeholder title is shown as the interface language's, as the windows show it.
  const title = isStoredDefaultTitle(conversation.title)
    ? text.message('history.title.newConversation')
    : conversation.title;
  const lines = [
    `# ${title}`,
    '',
    `_${text.message('history.export.dates', { createdAt: conversation.createdAt, updatedAt: conversation.updatedAt })}_`,
  ];
  for (const message of messages) {
    const key = imageKey(conversation.id, message.id);
    lines.push('', ...messageToMarkdown(message, images.get(key) ?? [], attachments.get(key) ?? [], text));
  }
  return `${lines.join('\n')}\n`;
}

export function conversationsToMarkdown(
  files: readonly ConversationFile[],
  images: ImagesByReply = new Map(),
  attachments: AttachmentsByMessage = new Map(),
  text: MainText = ENGLISH_TEXT,
): string {
  return files.map((f) => conversationToMarkdown(f, images, attachments, text)).join('\n---\n\n');
}

function messageToMarkdown(
  message: Message,
  images: readonly ExportedImage[],
  attachments: readonly ExportedAttachment[],
  text: MainText,
): string[] {
  const out = [`**${speaker(message, text)}**`, ''];
  if (message.reasoning.trim() !== '') {
    out.push(
      `> **${text.message('history.export.reasoning')}**`,
      '>',
      ...message.reasoning.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)),
      '',
    );
  }
  if (message.content !== '') out.push(message.content, '');
  // Attachments under the message: images inline (data URLs), other files as a line each.
  for (const a of attachments) {
    if (a.kind === 'image' && a.dataUrl !== undefined)
      out.push(`![${escapeMarkdown(a.name)}](${a.dataUrl})`, '');
    else {
      const id = a.dataUrl === undefined ? 'history.export.attachmentMissing' : 'history.export.attachment';
      out.push(text.message(id, { name: escapeMarkdown(a.name), size: formatSize(a.byteLength, text) }), '');
    }
  }
  // Images inline as data-URL images, so the Markdown file stands alone.
  images.forEach((image, i) => {
    out.push(`![${text.message('history.export.image', { number: i + 1 })}](${image.dataUrl})`, '');
  });
  if (message.citations?.length)
    out.push(`**${text.message('history.export.sources')}**`, '', ...message.citations.map(sourceLine), '');
  const note = statusNote(message, text);
  if (note) out.push(`_${note}_`, '');
  out.pop();
  return out;
}

/** `1. [Title](https://…) (host)`: brackets in the title, and spaces or parentheses in the URL, escaped. */
function sourceLine(citation: Citation, index: number): string {
  const title = (citation.title.trim() || citation.host).replace(/[[\]\\]/g, (c) => `\\${c}`);
  // Only https links are links (an imported file may hold anything); others are named, not linked.
  if (!/^https:\/\//i.test(citation.url)) return `${index + 1}. ${title} (${citation.host})`;
  const url = citation.url.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${index + 1}. [${title}](${url}) (${citation.host})`;
}

/**
 * A file name as Markdown text, never markup: every character Markdown could read as syntax is
 * backslash-escaped, and control characters (line breaks included) become spaces.
 */
export function escapeMarkdown(text: string): string {
  return withoutControlCharacters(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

/**
 * 1,234 bytes → "1.2 KB" (one decimal, no grouping); sizes as the person's file manager would round
 * them, the decimal sign and units as the language writes them ("1,2 Ko").
 */
export function formatSize(bytes: number, text: MainText = ENGLISH_TEXT): string {
  if (bytes < 1024) return text.message('history.export.size', { unit: 'bytes', count: bytes });
  if (bytes < 1024 * 1024)
    return text.message('history.export.size', { unit: 'kilobytes', count: bytes / 1024 });
  return text.message('history.export.size', { unit: 'megabytes', count: bytes / (1024 * 1024) });
}

function speaker(message: Message, text: MainText): string {
  // The model id is a name, the same in every language.
  if (message.role === 'assistant' && message.model)
    return text.message('history.export.assistantWithModel', { model: message.model });
  return text.message('history.export.speaker', { role: message.role });
}

function statusNote(message: Message, text: MainText): string | null {
  switch (message.status) {
    case 'complete':
      return null;
    case 'streaming':
      return text.message('history.export.replyStreaming');
    case 'interrupted':
      return text.message('history.export.replyInterrupted');
    case 'cancelled':
      return text.message('history.export.replyCancelled');
    case 'error':
      return message.error
        ? text.message('history.export.replyFailed', { reason: errorReason(message.error, text) })
        : text.message('history.export.replyFailedUnknown');
  }
}

/**
 * Why a reply failed, in the export's language when the stored error names its catalog message (issue
 * 20); an error saved before that, or one whose message is gone from the catalogs, as it was stored.
 */
function errorReason(error: NonNullable<Message['error']>, text: MainText): string {
  if (error.messageId === undefined) return error.message;
  const worded = text.message(error.messageId, error.values);
  return worded === error.messageId ? error.message : worded;
}
