import type { ReasoningDetail, ReplyImage } from '../../../common/chat-types';

/** An image of the reply, decoded and checked (its bytes match `mimeType`); `id` is its ReplyImage id. */
export interface ReceivedImage {
  id: ReplyImage['id'];
  mimeType: ReplyImage['mimeType'];
  bytes: Uint8Array;
}

/**
 * The parts of a finished reply that never cross IPC: image bytes (the renderer gets ReplyImage
 * references and asks main for the bytes) and `reasoning_details` (opaque, possibly large, only ever
 * sent back to OpenRouter). The client hands them over through `StreamChatOptions.onReplyData` once,
 * just before the `done` event.
 */
export interface ReplyData {
  /** In the order of `ChatResult.images`. */
  images: readonly ReceivedImage[];
  /** As received, fragments of one entry merged; [] when the reply had none. */
  reasoningDetails: readonly ReasoningDetail[];
}
