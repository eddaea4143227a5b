import type { IntlShape } from 'react-intl';
import { englishIntl } from '../format/format-intl';

// Only these schemes are ever made clickable; main additionally confirms with the
// person and opens https only. Everything else (javascript:, data:, file:,
// vbscript:, relative paths that would resolve against the app) stays inert.
const CLICKABLE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export interface LinkTarget {
  /** Normalized URL: exactly what is shown in the tooltip and passed to `onLinkClick`. */
  readonly href: string;
  /** Short visible form of the target: the host (punycode, so look-alikes show) or the mail address. */
  readonly display: string;
}

export function toLinkTarget(raw: string | null | undefined): LinkTarget | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!CLICKABLE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') {
    return url.pathname === '' ? null : { href: url.href, display: safeDecode(url.pathname) };
  }
  return url.hostname === '' ? null : { href: url.href, display: url.hostname };
}

/** Whether the visible link text already shows where the link goes, making a hint redundant. */
export function textShowsTarget(text: string, target: LinkTarget): boolean {
  const visible = text.trim().toLowerCase();
  if (visible === '') return false;
  const href = target.href.toLowerCase();
  const withoutScheme = href.replace(/^(?:https?:\/\/|mailto:)/, '');
  return [href, withoutScheme, target.display.toLowerCase()].some(
    (form) => visible === form || `${visible}/` === form,
  );
}

/**
 * Shortened raw URL for the tooltip of a blocked link, so it can still be inspected; in `intl`'s
 * language (English when not given).
 */
export function describeBlocked(raw: string | null | undefined, intl: IntlShape = englishIntl()): string {
  const value = (raw ?? '').trim();
  if (value === '') return intl.formatMessage({ id: 'markdown.link.noTarget' });
  return intl.formatMessage(
    { id: 'markdown.link.blocked' },
    { url: value.length > 200 ? `${value.slice(0, 200)}…` : value },
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
