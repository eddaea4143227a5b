import type { IntlShape } from 'react-intl';
import type { Attachment } from '../../../../common/attachment-types';
import { REPLY_IMAGE_TYPES } from '../../../../common/chat-types';
import { formatPixelSize } from '../../format/attachments';

/** Said on an image Switchboard shrank before sending it. */
export function resizedNote(from: NonNullable<Attachment['resizedFrom']>, intl: IntlShape): string {
  return intl.formatMessage({ id: 'messages.attachment.resizedFrom' }, { size: formatPixelSize(from) });
}

/**
 * Drawn as an `<img>`: a raster image (PNG, JPEG, WebP, GIF) whose file is there. Everything else is
 * a chip with its name; an SVG is text (main files it so), never drawn.
 */
export function isDrawnImage(attachment: Attachment): boolean {
  return (
    attachment.kind === 'image' &&
    attachment.missing !== true &&
    (REPLY_IMAGE_TYPES as readonly string[]).includes(attachment.mimeType)
  );
}

/** The thumbnail's box: the image's shape within 160×120 CSS pixels (a square when the size is unknown). */
export const THUMBNAIL_BOX = { width: 160, height: 120 } as const;

export function thumbnailBox(size: Attachment['size']): { width: number; height: number } {
  if (!size) return { width: THUMBNAIL_BOX.height, height: THUMBNAIL_BOX.height };
  const scale = Math.min(1, THUMBNAIL_BOX.width / size.width, THUMBNAIL_BOX.height / size.height);
  return {
    width: Math.max(24, Math.round(size.width * scale)),
    height: Math.max(24, Math.round(size.height * scale)),
  };
}
