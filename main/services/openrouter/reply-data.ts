import type { ReasoningDetail } from '../../../common/chat-types';
import type { ReplyImageBytes } from '../shared/image-bytes';

/**
 * The parts of a finished reply that never cross IPC: image bytes (the renderer gets ReplyImage
 * references and asks main for the bytes) and `reasoning_details` (opaque, possibly large, only ever
 * sent back to OpenRouter). The client hands them over through `StreamChatOptions.onReplyData` once,
 * just before the `done` event.
 */
export interface ReplyData {
  /** In the order of `ChatResult.images`. */
  images: readonly ReplyImageBytes[];
  /** As received, fragments of one entry merged; [] when the reply had none. */
  reasoningDetails: readonly ReasoningDetail[];
}
