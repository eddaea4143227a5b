import { forwardRef, useEffect, useState } from 'react';
import type { AttachmentKind } from '../../../../common/attachment-types';
import { useActions } from '../../app-context';
import { describeResize, formatBytes, kindLabel } from '../../format/attachments';
import type { StagedChip } from '../../state/staged-attachments-store';

/** The short badge shown where an image's thumbnail would be. */
const KIND_BADGES: Readonly<Record<AttachmentKind, string>> = {
  image: 'IMG',
  pdf: 'PDF',
  text: 'TXT',
  audio: 'AUDIO',
};

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
  const thumbnail = useThumbnail(chip);
  const attachment = chip.status === 'reading' ? null : chip.attachment;
  const resized = attachment && chip.status === 'staged' ? describeResize(attachment) : null;
  return (
    <li
      className={`attachment-chip attachment-chip-${chip.status}`}
      aria-busy={chip.status === 'reading' || chip.status === 'resizing' ? true : undefined}
    >
      {thumbnail ? (
        <img className="attachment-chip-thumb" src={thumbnail} alt="" width={32} height={32} />
      ) : (
        <span className="attachment-chip-badge">{attachment ? KIND_BADGES[attachment.kind] : '…'}</span>
      )}
      <span className="attachment-chip-text">
        <span className="attachment-chip-name" title={chip.name}>
          {chip.name}
        </span>
        <span className="attachment-chip-detail">
          {attachment ? `${kindLabel(attachment.kind)}, ${formatBytes(attachment.byteLength)}` : ''}
          {chip.status === 'reading' && 'Reading…'}
          {chip.status === 'resizing' && ' · Resizing…'}
          {resized && ` · ${resized}`}
        </span>
        {chip.status === 'failed' && <span className="attachment-chip-error">{chip.reason}</span>}
      </span>
      <button
        ref={removeRef}
        type="button"
        className="attachment-chip-remove"
        aria-label={`Remove ${chip.name}`}
        title={`Remove ${chip.name}`}
        onClick={() => onRemove(chip.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});
