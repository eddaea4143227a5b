import type { Citation } from '../../../../common/chat-types';
import type { Message } from '../../../../common/conversation-types';
import type { ConversationFile } from '../store/conversation-file';
import { visiblePath } from '../store/conversation-tree';
import type { AttachmentsByMessage, ExportedAttachment } from './export-attachments';
import { type ExportedImage, type ImagesByReply, imageKey } from './export-images';
import { withoutControlCharacters } from './plain-text';

/**
 * A conversation as Markdown, for reading and sharing (the JSON export is the lossless one): the
 * versions shown (the visible path), not the other branches.
 * Message text is already Markdown (that is how replies are written and shown), so it goes in as is.
 */
export function conversationToMarkdown(
  file: ConversationFile,
  images: ImagesByReply = new Map(),
  attachments: AttachmentsByMessage = new Map(),
): string {
  const { conversation } = file;
  // The conversation as it is shown: the visible path (the JSON export keeps every branch).
  const messages = visiblePath(file);
  const lines = [
    `# ${conversation.title}`,
    '',
    `_Created ${conversation.createdAt}. Last activity ${conversation.updatedAt}._`,
  ];
  for (const message of messages) {
    const key = imageKey(conversation.id, message.id);
    lines.push('', ...messageToMarkdown(message, images.get(key) ?? [], attachments.get(key) ?? []));
  }
  return `${lines.join('\n')}\n`;
}

export function conversationsToMarkdown(
  files: readonly ConversationFile[],
  images: ImagesByReply = new Map(),
  attachments: AttachmentsByMessage = new Map(),
): string {
  return files.map((f) => conversationToMarkdown(f, images, attachments)).join('\n---\n\n');
}

function messageToMarkdown(
  message: Message,
  images: readonly ExportedImage[],
  attachments: readonly ExportedAttachment[],
): string[] {
  const out = [`**${speaker(message)}**`, ''];
  if (message.reasoning.trim() !== '') {
    out.push(
      '> **Reasoning**',
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
    else
      out.push(
        `📎 ${escapeMarkdown(a.name)} (${formatSize(a.byteLength)})${a.dataUrl === undefined ? ' — file missing' : ''}`,
        '',
      );
  }
  // Images inline as data-URL images, so the Markdown file stands alone.
  images.forEach((image, i) => {
    out.push(`![Image ${i + 1}](${image.dataUrl})`, '');
  });
  if (message.citations?.length) out.push('**Sources**', '', ...message.citations.map(sourceLine), '');
  const note = statusNote(message);
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

/** 1,234 bytes → "1.2 KB"; sizes as the person's file manager would round them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function speaker(message: Message): string {
  if (message.role === 'user') return 'You';
  if (message.role === 'system') return 'System';
  return message.model ? `Assistant (${message.model})` : 'Assistant';
}

function statusNote(message: Message): string | null {
  switch (message.status) {
    case 'complete':
      return null;
    case 'streaming':
      return 'This reply was still being written when it was exported.';
    case 'interrupted':
      return 'This reply was interrupted; the text above is what had arrived.';
    case 'cancelled':
      return 'This reply was stopped before it finished.';
    case 'error':
      return `This reply failed: ${message.error?.message ?? 'unknown error'}`;
  }
}
