import type { Message } from '../../../../common/conversation-types';
import type { ConversationFile } from '../store/conversation-file';

/**
 * A conversation as Markdown, for reading and sharing (the JSON export is the lossless one).
 * Message text is already Markdown (that is how replies are written and shown), so it goes in as is.
 */
export function conversationToMarkdown(file: ConversationFile): string {
  const { conversation, messages } = file;
  const lines = [
    `# ${conversation.title}`,
    '',
    `_Created ${conversation.createdAt}. Last activity ${conversation.updatedAt}._`,
  ];
  for (const message of messages) lines.push('', ...messageToMarkdown(message));
  return `${lines.join('\n')}\n`;
}

export function conversationsToMarkdown(files: readonly ConversationFile[]): string {
  return files.map(conversationToMarkdown).join('\n---\n\n');
}

function messageToMarkdown(message: Message): string[] {
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
  const note = statusNote(message);
  if (note) out.push(`_${note}_`, '');
  out.pop();
  return out;
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
