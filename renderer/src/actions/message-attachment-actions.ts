import { createElement } from 'react';
import { FormattedMessage } from 'react-intl';
import type { AttachmentRef } from '../../../common/attachment-types';
import type { AppError } from '../../../common/errors';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import { errorNote } from '../../shared/i18n/error-text';
import { createTranslate, type Translate } from '../i18n/note';
import { type AttachmentImageCache, createAttachmentImageCache } from '../state/attachment-image-cache';
import { imageDataUrlToBlob } from '../state/image-data-url';
import type { ToastsStore } from '../state/toasts-store';

/**
 * What a message shows for an attachment whose file is gone or could not be read: the catalog's words
 * as an element, so wherever it is placed it reads in the interface's language and follows a switch.
 */
export const ATTACHMENT_GONE = createElement(FormattedMessage, { id: 'chat.attachments.gone' });

export interface MessageAttachmentActionsDeps {
  bridge: Pick<SwitchboardBridge, 'getAttachmentImage' | 'saveAttachment'>;
  toasts: ToastsStore;
  /** One per window; a test may pass its own (jsdom has no object URLs). */
  imageCache?: AttachmentImageCache<AppError>;
  /** Writes the renderer's own refusals in the interface's language (English when not given). */
  translate?: Translate;
}

/**
 * Attachments in the conversation: main holds the files; the window asks for an image by the message
 * that names it, to show (as a `blob:` URL from a small cache) or to save through main's dialog.
 */
export function createMessageAttachmentActions(deps: MessageAttachmentActionsDeps) {
  const { bridge, toasts } = deps;
  const cache = deps.imageCache ?? createAttachmentImageCache<AppError>();
  const translate = deps.translate ?? createTranslate();

  const loadBlob = async (ref: AttachmentRef): Promise<Result<Blob>> => {
    const result = await bridge.getAttachmentImage(ref);
    if (!result.ok) return result;
    const blob = imageDataUrlToBlob(result.value.dataUrl);
    // The string is dropped here; only the Blob (outside the JS heap) and its URL are kept.
    return blob
      ? { ok: true, value: blob }
      : {
          ok: false,
          error: { code: 'attachment_refused', message: translate('chat.attachments.goneSentence') },
        };
  };

  return {
    /** The image's object URL, pinned until `releaseImage(ref.sha256)`. */
    acquireImage(ref: AttachmentRef): Promise<Result<string>> {
      return cache.acquire(ref.sha256, () => loadBlob(ref));
    },

    /** The image is no longer on screen. */
    releaseImage(sha256: string): void {
      cache.release(sha256);
    },

    /** Saves through main's save dialog; says where it went, or why not. Cancelling says nothing. */
    async save(ref: AttachmentRef, name: string): Promise<void> {
      const result = await bridge.saveAttachment(ref);
      if (!result.ok) toasts.show(errorNote(result.error), { tone: 'error' });
      else if (result.value.saved)
        toasts.show(
          result.value.fileName == null
            ? { id: 'chat.attachments.savedSomewhere', values: { name } }
            : { id: 'chat.attachments.saved', values: { name, file: result.value.fileName } },
        );
    },

    /** Revokes every cached URL (the window's teardown). */
    dispose(): void {
      cache.clear();
    },
  };
}

export type MessageAttachmentActions = ReturnType<typeof createMessageAttachmentActions>;
