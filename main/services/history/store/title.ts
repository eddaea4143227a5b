/**
 * A conversation title from the first thing the person wrote, with no extra API call: the first
 * non-empty line, whitespace collapsed, at most 60 characters (counted as what a person sees as one
 * character, so emoji and accents are never cut in half), cut at a word boundary with an ellipsis.
 */
export const MAX_TITLE_CHARS = 60;
const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function titleFromMessage(content: string): string | null {
  const firstLine = content
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .find((line) => line !== '');
  if (!firstLine) return null;
  // A leading Markdown heading or quote marker is formatting, not part of what was said.
  const line = firstLine.replace(/^(?:#{1,6}|>)\s+/, '').trim() || firstLine;
  const chars = Array.from(segmenter.segment(line), (s) => s.segment);
  if (chars.length <= MAX_TITLE_CHARS) return line;
  const head = chars.slice(0, MAX_TITLE_CHARS - 1);
  const lastSpace = head.lastIndexOf(' ');
  // Cut at the last word boundary unless that would leave only a stub of the line.
  const kept = lastSpace >= MAX_TITLE_CHARS / 3 ? head.slice(0, lastSpace) : head;
  return `${kept.join('').replace(/[\s,.;:!?-]+$/, '')}${ELLIPSIS}`;
}

/** Titles set by the person: one line, trimmed, not empty, bounded. */
export const MAX_RENAME_CHARS = 200;
export function normalizeTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  const chars = Array.from(segmenter.segment(line), (s) => s.segment);
  return chars.length <= MAX_RENAME_CHARS ? line : chars.slice(0, MAX_RENAME_CHARS).join('');
}
