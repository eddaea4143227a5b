import type { AttachmentKind } from '../../../common/attachment-types';

/** Longest name shown for an attachment (AttachmentNameSchema's limit). */
export const MAX_NAME_CHARS = 120;
/** An extension longer than this is not kept apart when a name is shortened. */
const MAX_EXTENSION_CHARS = 16;

const FALLBACK_BY_KIND: Readonly<Record<AttachmentKind, string>> = {
  image: 'attachment.png',
  pdf: 'attachment.pdf',
  text: 'attachment.txt',
  audio: 'attachment.audio',
};

/**
 * Characters that never belong in a shown name: controls (C0, DEL, C1: \p{Cc}); format characters
 * (\p{Cf}: bidirectional overrides and isolates U+202A–202E and U+2066–2069, marks U+200E/F and U+061C,
 * zero-width U+200B–200D, U+2060, U+FEFF, soft hyphen), which can make "evil\u202Egnp.exe" look like
 * "evilexe.png"; and lone surrogates (\p{Cs}), which are not text.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/**
 * The name to show for a file the person attached, from whatever name the dialog, the drop or the
 * paste gave: its last path segment (either separator, so a Windows path from a drop on any system
 * shows its file name), without invisible characters, whitespace collapsed, dots and spaces trimmed
 * from both ends, at most 120 characters with the extension kept. Display text only: the store names
 * files by their hash, so this never becomes a path. An empty result falls back to a name by kind
 * (`null` when the kind is not known yet, e.g. for a refusal).
 */
export function cleanFileName(raw: string, kind: AttachmentKind | null): string {
  const segments = raw.split(/[/\\]/);
  // Line breaks and tabs become spaces (then collapse), other invisible characters go.
  const visible = (segments[segments.length - 1] ?? '')
    .normalize('NFC')
    .replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/gu, ' ');
  const trimmed = trimDotsAndSpaces(visible);
  const short = shorten(trimmed);
  if (short === '') return kind === null ? 'file' : FALLBACK_BY_KIND[kind];
  return short;
}

function trimDotsAndSpaces(s: string): string {
  return s.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

/** Cuts by code points (never half a surrogate pair) and keeps a short extension. */
function shorten(name: string): string {
  if (name.length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= MAX_EXTENSION_CHARS ? name.slice(dot) : '';
  const stem = Array.from(ext ? name.slice(0, dot) : name);
  let out = '';
  for (const c of stem) {
    if (out.length + c.length + ext.length > MAX_NAME_CHARS) break;
    out += c;
  }
  return trimDotsAndSpaces(out) + ext;
}
