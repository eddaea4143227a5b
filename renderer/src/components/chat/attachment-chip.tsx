import { forwardRef, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import { useActions } from '../../app-context';
import { describeResize, formatBytes, kindLabel } from '../../format/attachments';
import { useNoteText } from '../../i18n/use-note-text';
import type { StagedChip } from '../../state/staged-attachments-store';

/** A staged image's thumbnail, asked of main (which checks the bytes are that image first). */
function useThumbnail(chip: StagedChip): string | null {
  const actions = useActions();
  const sha256 =
    chip.status === 'reading' || chip.attachment.kind !== 'image' ? null : chip.attachment.sha256;
  const [thumbUrl, setThumbUrl] = useState<string | null>(null);
  useEffect(() => {
    setThumbUrl(null);
    if (sha256 === null) return;
    let current = true;
    let url: string | null = null;
    void actions.attachments.thumbnail(sha256).then((made) => {
      if (made === null) return;
      if (current) {
        url = made;
        setThumbUrl(made);
      } else actions.attachments.releaseThumbnail(made);
    });
    return () => {
      current = false;
      if (url !== null) actions.attachments.releaseThumbnail(url);
    };
  }, [actions, sha256]);
  return thumbUrl;
}

interface AttachmentChipProps {
  chip: StagedChip;
  onRemove: (id: string) => void;
}

/**
 * One file in the composer: thumbnail or kind badge, name (text only; long names are cut with the
 * full name in a tooltip), size, what is happening to it, and its remove button (the chip's one
 * focusable control, so the forwarded ref is that button).
 */
export const AttachmentChip = forwardRef<HTMLButtonElement, AttachmentChipProps>(function AttachmentChip(
  { chip, onRemove },
  removeRef,
) {
  const intl = useIntl();
  const noteText = useNoteText();
  const locale = intl.locale as DisplayLocale;
  const thumbnail = useThumbnail(chip);
  const attachment = chip.status === 'reading' ? null : chip.attachment;
  const resized = attachment && chip.status === 'staged' ? describeResize(attachment, intl) : null;
  return (
    <li
      className={`attachment-chip attachment-chip-${chip.status}`}
      aria-busy={chip.status === 'reading' || chip.status === 'resizing' ? true : undefined}
    >
      {thumbnail ? (
        <img className="attachment-chip-thumb" src={thumbnail} alt="" width={32} height={32} />
      ) : (
        <span className="attachment-chip-badge">
          {attachment ? intl.formatMessage({ id: 'chat.attachments.badge' }, { kind: attachment.kind }) : '…'}
        </span>
      )}
      <span className="attachment-chip-text">
        <span className="attachment-chip-name" title={chip.name} data-i18n-content>
          {chip.name}
        </span>
        <span className="attachment-chip-detail">
          {attachment
            ? intl.formatMessage(
                { id: 'chat.attachments.detail' },
                { kind: kindLabel(attachment.kind, intl), size: formatBytes(attachment.byteLength, locale) },
              )
            : ''}
          {chip.status === 'reading' && intl.formatMessage({ id: 'chat.attachments.reading' })}
          {chip.status === 'resizing' && ` · ${intl.formatMessage({ id: 'chat.attachments.resizing' })}`}
          {resized && ` · ${resized}`}
        </span>
        {chip.status === 'failed' && (
          // Main's reason inside is main's text; the sentence around it is the catalog's.
          <span className="attachment-chip-error">{noteText(chip.reason)}</span>
        )}
      </span>
      <button
        ref={removeRef}
        type="button"
        className="attachment-chip-remove"
        aria-label={intl.formatMessage({ id: 'chat.attachments.remove' }, { name: chip.name })}
        title={intl.formatMessage({ id: 'chat.attachments.remove' }, { name: chip.name })}
        onClick={() => onRemove(chip.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});
