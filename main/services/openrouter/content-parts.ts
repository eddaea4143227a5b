import type { ChatMessage, OutgoingAttachment } from '../../../common/chat-types';

/**
 * A message's `content` as OpenRouter takes it (issue 17): a plain string when the message has no
 * attachments (byte-for-byte what was always sent), else an array of parts. The part shapes are
 * OpenRouter's (../shared/docs/openrouter-api.md §2, "Content parts") and the ones its own AI SDK
 * provider builds (OpenRouterTeam/ai-sdk-provider src/chat/convert-to-openrouter-chat-messages.ts:
 * `{type:"image_url", image_url:{url}}`, `{type:"file", file:{filename, file_data}}` with a
 * `data:application/pdf;base64,…` URL, `{type:"input_audio", input_audio:{data, format}}` with bare
 * base64 (src/chat/file-url-utils.ts `getInputAudioData`)).
 */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { filename: string; file_data: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: AudioFormat } };

export type AudioFormat = 'wav' | 'mp3';

export function messageContent(m: ChatMessage): string | ContentPart[] {
  // Attachments are a user message's (common/chat-types.ts); OpenRouter takes images, files and audio
  // only from the user, so anything set on another role is not turned into parts.
  if (m.role !== 'user') return m.content;
  const attachments = m.attachments ?? [];
  const missing = m.missingAttachments ?? [];
  if (attachments.length === 0 && missing.length === 0) return m.content;
  return [
    ...(m.content !== '' ? [{ type: 'text' as const, text: m.content }] : []),
    ...attachments.map(attachmentPart),
    ...missing.map((name) => ({ type: 'text' as const, text: missingAttachmentText(name) })),
  ];
}

/** True when any message sends a PDF: the request then names the person's PDF engine. */
export function carriesPdf(messages: readonly ChatMessage[]): boolean {
  return messages.some((m) => (m.attachments ?? []).some((a) => a.kind === 'pdf'));
}

/** Said in place of a file whose bytes are gone, so the model (and the person) know it was not sent. */
export function missingAttachmentText(name: string): string {
  return `[The attached file "${name}" is no longer available.]`;
}

function attachmentPart(a: OutgoingAttachment): ContentPart {
  switch (a.kind) {
    case 'image':
      return { type: 'image_url', image_url: { url: `data:${a.mimeType};base64,${base64(a.bytes)}` } };
    case 'pdf':
      return {
        type: 'file',
        file: { filename: a.name, file_data: `data:application/pdf;base64,${base64(a.bytes)}` },
      };
    case 'text':
      return { type: 'text', text: inlinedTextFile(a.name, a.bytes) };
    case 'audio':
      return { type: 'input_audio', input_audio: { data: base64(a.bytes), format: audioFormat(a.mimeType) } };
  }
}

/**
 * A text file inlined with its name. The `<file name="…">` wrapper is the one OpenRouter itself uses
 * for the text of a parsed file (its `file` annotations start with a `{type:"text", text:"<file
 * name=\"…\">"}` part: OpenRouterTeam/ai-sdk-provider src/chat/file-parser-schema.test.ts, "based on
 * actual API response structure", kept in fixtures/real/annotations/), so models see one convention
 * for both. The name is escaped so a crafted file name cannot close the wrapper or forge another file.
 */
export function inlinedTextFile(name: string, bytes: Uint8Array): string {
  return `<file name="${escapeFileName(name)}">\n${new TextDecoder('utf-8').decode(bytes)}\n</file>`;
}

export function escapeFileName(name: string): string {
  return name.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** OpenRouter's `input_audio.format` for the two audio types main accepts (common/attachment-types.ts). */
function audioFormat(mimeType: string): AudioFormat {
  switch (mimeType) {
    case 'audio/wav':
    case 'audio/x-wav':
    case 'audio/wave':
      return 'wav';
    case 'audio/mpeg':
    case 'audio/mp3':
      return 'mp3';
    default:
      // The intake only lets WAV and MP3 through; anything else here is a bug, not a guess to make.
      throw new Error(`Unsupported audio type for input_audio: ${mimeType}`);
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
