import type { Attachment, AttachOutcome, StagedAttachment } from '../../../common/attachment-types';

/** An attachment with its bytes: what the intake stages, the chat hands history, and history reads back. */
export interface AttachmentBytes {
  attachment: Attachment;
  bytes: Uint8Array;
}

/** Reading the files the person picked in "Attach files" (main's dialog): the glue passes node:fs. */
export interface AttachmentFileReader {
  /** Size first, so an oversized file is refused without reading it. */
  size(path: string): Promise<number>;
  read(path: string): Promise<Uint8Array>;
}

/**
 * Attachments in the composer, held by main until their message is sent (issue 17). Every way in —
 * the dialog's paths, dropped and pasted bytes, an image the window resized — ends in `stage`, which
 * recognises the type by the bytes and enforces the limits; nothing else puts a file in a request.
 */
export interface AttachmentIntake {
  /** Throws `attachment_refused` (what happened and what to do) for a file it will not take. */
  stage(rawName: string, bytes: Uint8Array, replaces?: string): StagedAttachment;
  /** The files picked in the dialog: each staged or refused on its own. */
  stageFiles(paths: readonly string[]): Promise<AttachOutcome>;
  /**
   * A staged attachment and its bytes, or null when it is not (or no longer) staged. `pendingResize`:
   * an image over the send limits whose resized copy has not arrived; it must not be sent as it is.
   */
  get(sha256: string): (AttachmentBytes & { pendingResize: boolean }) | null;
  /** Forgets a staged attachment (chip removed, or sent and now in history). */
  discard(sha256: string): boolean;
}
