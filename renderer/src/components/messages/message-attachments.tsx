import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Attachment } from '../../../../common/attachment-types';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { ATTACHMENT_GONE } from '../../actions/message-attachment-actions';
import { useActions } from '../../app-context';
import { formatBytes } from '../../format/attachments';
import { useAttachmentImage } from '../../hooks/use-attachment-image';
import { useInView } from '../../hooks/use-in-view';
import { AttachmentLightbox, type LightboxImage } from './attachment-lightbox';
import { isDrawnImage, resizedNote, thumbnailBox } from './attachment-notes';

interface MessageAttachmentsProps {
  conversationId: string;
  messageId: string;
  attachments: readonly Attachment[];
}

/**
 * A user message's attachments, under its text: images as thumbnails (loaded once scrolled into view;
 * click, Enter or Space opens the viewer), other files as chips with name, size and "Save <name>". A
 * file that is gone says so on its own chip; the rest of the message renders as usual.
 */
export function MessageAttachments({ conversationId, messageId, attachments }: MessageAttachmentsProps) {
  const actions = useActions();
  const intl = useIntl();
  const images: LightboxImage[] = attachments
    .filter(isDrawnImage)
    .map((attachment) => ({ conversationId, messageId, attachment }));
  const [viewing, setViewing] = useState<number | null>(null);
  // After the viewer closes, focus goes to the thumbnail of the image it showed last.
  const [returnFocusTo, setReturnFocusTo] = useState<number | null>(null);
  const thumbnails = useRef(new Map<number, HTMLButtonElement>());

  useEffect(() => {
    if (returnFocusTo === null) return;
    thumbnails.current.get(returnFocusTo)?.focus();
    setReturnFocusTo(null);
  }, [returnFocusTo]);

  const close = useCallback(() => {
    setReturnFocusTo(viewing);
    setViewing(null);
  }, [viewing]);
  const save = useCallback(
    (image: LightboxImage) =>
      void actions.messageAttachments.save(
        { sha256: image.attachment.sha256, conversationId: image.conversationId, messageId: image.messageId },
        image.attachment.name,
      ),
    [actions],
  );

  if (attachments.length === 0) return null;
  let imageNumber = 0;
  return (
    <>
      <ul className="message-attachments" aria-label={intl.formatMessage({ id: 'messages.attachment.list' })}>
        {attachments.map((attachment, position) => {
          if (!isDrawnImage(attachment)) {
            return (
              <AttachmentChip
                // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be attached twice; the list never reorders.
                key={`${position}-${attachment.sha256}`}
                attachment={attachment}
                onSave={() =>
                  void actions.messageAttachments.save(
                    { sha256: attachment.sha256, conversationId, messageId },
                    attachment.name,
                  )
                }
              />
            );
          }
          const index = imageNumber++;
          return (
            <AttachmentThumbnail
              // biome-ignore lint/suspicious/noArrayIndexKey: as above.
              key={`${position}-${attachment.sha256}`}
              conversationId={conversationId}
              messageId={messageId}
              attachment={attachment}
              buttonRef={(el) => {
                if (el) thumbnails.current.set(index, el);
                else thumbnails.current.delete(index);
              }}
              onOpen={() => setViewing(index)}
            />
          );
        })}
      </ul>
      {viewing !== null && (
        <AttachmentLightbox
          images={images}
          index={viewing}
          onIndexChange={setViewing}
          onSave={save}
          onClose={close}
        />
      )}
    </>
  );
}

function AttachmentThumbnail({
  conversationId,
  messageId,
  attachment,
  buttonRef,
  onOpen,
}: {
  conversationId: string;
  messageId: string;
  attachment: Attachment;
  buttonRef: (el: HTMLButtonElement | null) => void;
  onOpen: () => void;
}) {
  const intl = useIntl();
  const boxRef = useRef<HTMLLIElement>(null);
  const seen = useInView(boxRef);
  const image = useAttachmentImage({ conversationId, messageId, sha256: attachment.sha256 }, seen);
  const box = thumbnailBox(attachment.size);

  if (image.state === 'failed') {
    return <AttachmentChip attachment={{ ...attachment, missing: true }} onSave={() => {}} />;
  }
  return (
    <li ref={boxRef} className="attachment-thumb-item">
      <button
        ref={buttonRef}
        type="button"
        className="attachment-thumb"
        aria-label={intl.formatMessage({ id: 'messages.attachment.view' }, { name: attachment.name })}
        style={{ width: box.width, height: box.height }}
        onClick={onOpen}
      >
        {image.state === 'ready' ? (
          <img
            src={image.url}
            alt={attachment.name}
            data-i18n-content
            width={attachment.size?.width}
            height={attachment.size?.height}
            decoding="async"
          />
        ) : (
          <span className="attachment-thumb-placeholder" aria-hidden="true" />
        )}
      </button>
    </li>
  );
}

function AttachmentChip({ attachment, onSave }: { attachment: Attachment; onSave: () => void }) {
  const intl = useIntl();
  return (
    <li className={attachment.missing ? 'attachment-chip attachment-chip-gone' : 'attachment-chip'}>
      <span className="attachment-kind">
        {intl.formatMessage({ id: 'messages.attachment.kind' }, { kind: attachment.kind })}
      </span>
      <span className="attachment-name" data-i18n-content>
        {attachment.name}
      </span>
      <span className="attachment-size">
        {formatBytes(attachment.byteLength, intl.locale as DisplayLocale)}
      </span>
      {attachment.resizedFrom && (
        <span className="attachment-note">{resizedNote(attachment.resizedFrom, intl)}</span>
      )}
      {attachment.missing ? (
        <span className="attachment-gone">{ATTACHMENT_GONE}</span>
      ) : (
        <button type="button" className="button-quiet" onClick={onSave}>
          {intl.formatMessage({ id: 'messages.attachment.save' }, { name: attachment.name })}
        </button>
      )}
    </li>
  );
}
