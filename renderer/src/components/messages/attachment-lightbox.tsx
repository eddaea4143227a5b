import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useIntl } from 'react-intl';
import type { Attachment } from '../../../../common/attachment-types';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { ATTACHMENT_GONE } from '../../actions/message-attachment-actions';
import { formatBytes, formatPixelSize } from '../../format/attachments';
import { useAttachmentImage } from '../../hooks/use-attachment-image';
import { Dialog } from '../dialog';
import { resizedNote } from './attachment-notes';

export interface LightboxImage {
  conversationId: string;
  messageId: string;
  attachment: Attachment;
}

interface AttachmentLightboxProps {
  images: readonly LightboxImage[];
  index: number;
  onIndexChange: (index: number) => void;
  onSave: (image: LightboxImage) => void;
  onClose: () => void;
}

/** The next index in `length` images, wrapping at both ends (so no button is ever disabled under focus). */
export function stepIndex(index: number, step: 1 | -1, length: number): number {
  return length === 0 ? 0 : (index + step + length) % length;
}

/**
 * A message's images, one at a time, fitted to the window: its name and size, "Save image", ←/→ (and
 * "Previous image"/"Next image") between the message's images. A modal dialog: focus stays inside,
 * Escape closes, and the caller gives focus back to the thumbnail of the image last shown.
 */
export function AttachmentLightbox({
  images,
  index,
  onIndexChange,
  onSave,
  onClose,
}: AttachmentLightboxProps) {
  const intl = useIntl();
  const current = images[index];
  const count = images.length;

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || count < 2) return;
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      onIndexChange(stepIndex(index, e.key === 'ArrowRight' ? 1 : -1, count));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [index, count, onIndexChange]);

  if (!current) return null;
  const { attachment } = current;
  return createPortal(
    <Dialog title={attachment.name} onClose={onClose} className="attachment-lightbox">
      <div className="dialog-body attachment-lightbox-body">
        <LightboxPicture key={attachment.sha256} image={current} />
        {/* Polite: moving to another image says which, as the dialog's new name may go unread. */}
        <p className="attachment-lightbox-details" aria-live="polite">
          {formatBytes(attachment.byteLength, intl.locale as DisplayLocale)}
          {attachment.size ? ` · ${formatPixelSize(attachment.size)}` : ''}
          {count > 1
            ? ` · ${intl.formatMessage({ id: 'messages.lightbox.position' }, { index: index + 1, count })}`
            : ''}
        </p>
        {attachment.resizedFrom && (
          <p className="attachment-note">{resizedNote(attachment.resizedFrom, intl)}</p>
        )}
        <div className="attachment-lightbox-actions">
          {count > 1 && (
            <button type="button" onClick={() => onIndexChange(stepIndex(index, -1, count))}>
              {intl.formatMessage({ id: 'messages.lightbox.previous' })}
            </button>
          )}
          {count > 1 && (
            <button type="button" onClick={() => onIndexChange(stepIndex(index, 1, count))}>
              {intl.formatMessage({ id: 'messages.lightbox.next' })}
            </button>
          )}
          <button type="button" onClick={() => onSave(current)}>
            {intl.formatMessage({ id: 'messages.image.save' })}
          </button>
        </div>
      </div>
    </Dialog>,
    document.body,
  );
}

function LightboxPicture({ image }: { image: LightboxImage }) {
  const intl = useIntl();
  const { attachment } = image;
  const loaded = useAttachmentImage(
    { conversationId: image.conversationId, messageId: image.messageId, sha256: attachment.sha256 },
    attachment.missing !== true,
  );
  if (attachment.missing || loaded.state === 'failed') {
    return (
      <p className="attachment-gone" role="status">
        {ATTACHMENT_GONE}
      </p>
    );
  }
  if (loaded.state !== 'ready') {
    return (
      <p className="attachment-lightbox-loading" aria-busy="true">
        {intl.formatMessage({ id: 'messages.lightbox.loading' }, { name: attachment.name })}
      </p>
    );
  }
  return (
    <img
      className="attachment-lightbox-image"
      src={loaded.url}
      alt={attachment.name}
      data-i18n-content
      width={attachment.size?.width}
      height={attachment.size?.height}
      decoding="async"
    />
  );
}
