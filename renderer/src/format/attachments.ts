import type { IntlShape } from 'react-intl';
import type { AttachmentKind, StagedAttachment } from '../../../common/attachment-types';
import { type DisplayLocale, PSEUDO_LOCALE } from '../../../common/i18n/locales';
import { englishIntl } from './format-intl';

const KIB = 1024;
const MIB = 1024 * 1024;

/** One decimal below ten ("2.4 MB"), whole numbers above ("120 KB"). */
function scaled(value: number, unit: string): string {
  const rounded = value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${unit}`;
}

/**
 * A file size as people read it, in binary units written KB and MB (as main's limits are: 20 MB is
 * 20 × 1024 × 1024 bytes, so a refusal's figure and a chip's figure agree).
 */
export function formatBytes(bytes: number, locale: DisplayLocale = 'en'): string {
  if (locale !== 'en' && locale !== PSEUDO_LOCALE) return localFileSize(bytes, locale);
  if (bytes < KIB) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  // A size that would round to "1024 KB" is written as the next unit.
  if (bytes < MIB - KIB / 2) return scaled(bytes / KIB, 'KB');
  return scaled(bytes / MIB, 'MB');
}

/**
 * The same binary sizes in another language's units and digits, through Intl (`2,4 kB`, `2,4 ko`,
 * `512 Byte`, `20 MB`). English keeps "KB", as main's limit messages write it.
 */
function localFileSize(bytes: number, locale: DisplayLocale): string {
  const [unit, value]: [string, number] =
    bytes < KIB
      ? ['byte', bytes]
      : bytes < MIB - KIB / 2
        ? ['kilobyte', bytes / KIB]
        : ['megabyte', bytes / MIB];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: value < 9.95 ? 1 : 0,
  }).format(value);
}

/** "1920×1080" */
export function formatPixelSize(size: { width: number; height: number }): string {
  return `${size.width}×${size.height}`;
}

/** "Image", "PDF", "Text file", "Audio", in `intl`'s language (English when not given). */
export function kindLabel(kind: AttachmentKind, intl: IntlShape = englishIntl()): string {
  return intl.formatMessage({ id: 'format.attachment.kind' }, { kind });
}

/** "Resized to 8000×4500" for an image Switchboard shrank to fit providers' limits; else null. */
export function describeResize(attachment: StagedAttachment, intl: IntlShape = englishIntl()): string | null {
  if (!attachment.resizedFrom || !attachment.size) return null;
  return intl.formatMessage({ id: 'format.attachment.resized' }, { size: formatPixelSize(attachment.size) });
}
