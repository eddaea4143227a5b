import type { FileAnnotation, ReasoningDetail } from '../../../common/chat-types';
import type { ReplyImageBytes } from '../shared/image-bytes';

/**
 * The parts of a finished reply that never cross IPC: image bytes (the renderer gets ReplyImage
 * references and asks main for the bytes), `reasoning_details` and `file` annotations (opaque,
 * possibly large, only ever sent back to OpenRouter). The client hands them over through
 * `StreamChatOptions.onReplyData` once, just before the `done` event.
 */
export interface ReplyData {
  /** In the order of `ChatResult.images`. */
  images: readonly ReplyImageBytes[];
  /** As received, fragments of one entry merged; [] when the reply had none. */
  reasoningDetails: readonly ReasoningDetail[];
  /**
   * The `file` annotations of a parsed PDF (file-annotations.ts), as received; stored with the reply
   * and sent back as the assistant message's `fileAnnotations` so the PDF is not parsed again. The
   * client always sets it ([] when none); optional only so ReplyData written for tests before issue
   * 17 still type-checks.
   */
  fileAnnotations?: readonly FileAnnotation[];
}
