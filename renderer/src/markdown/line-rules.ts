// Line classifiers used by the block splitter. They deliberately mirror only the
// CommonMark rules that decide where a top-level block can end; anything they get
// wrong is caught by the parser-backed verification in `structure.ts`, so they
// err on the side of "keep scanning" rather than "split here".

/** A multi-line construct whose content must never be split: fenced code, `$$` math, raw HTML. */
export type OpenConstruct =
  | { readonly kind: 'fence'; readonly char: '`' | '~'; readonly length: number }
  | { readonly kind: 'math'; readonly length: number }
  | { readonly kind: 'html'; readonly end: RegExp };

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const MATH_OPEN = /^ {0,3}(\${2,})([^$]*)$/;
const MATH_CLOSE = /^ {0,3}(\${2,})[ \t]*$/;
// A list marker; its groups are the bullet character, or an ordered marker's delimiter (listMarkerKind).
const LIST_MARKER = /^ {0,3}(?:([-+*])|\d{1,9}([.)]))(?:[ \t]|$)/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
// Link reference and footnote definitions apply to the whole document, so their
// presence anywhere (even inside list items or quotes) disables block splitting.
const DEFINITION_LIKE = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)?\[(?:[^\]\\\n]|\\.)+\]:/;

// HTML block start conditions 1-5 of CommonMark: the only HTML blocks that may
// contain blank lines, so the only ones that matter for finding boundaries.
const HTML_BLOCKS: ReadonlyArray<{ readonly start: RegExp; readonly end: RegExp }> = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];

export function isBlank(line: string): boolean {
  return BLANK.test(line);
}

export function isListMarker(line: string): boolean {
  return LIST_MARKER.test(line);
}

/**
 * The kind of list a marker line belongs to (its bullet character, or its ordered delimiter), or null
 * for no marker: CommonMark starts a new list when the kind changes.
 */
export function listMarkerKind(line: string): string | null {
  const marker = LIST_MARKER.exec(line);
  if (marker === null) return null;
  return marker[1] ?? `1${marker[2] ?? ''}`;
}

export function isAtxHeading(line: string): boolean {
  return ATX_HEADING.test(line);
}

export function looksLikeDefinition(line: string): boolean {
  return DEFINITION_LIKE.test(line);
}

/**
 * A line that cannot start or continue a container (list, quote), an indented
 * code block, an HTML block or a definition. In a run of such lines (plus the
 * fenced code and math the scanner tracks exactly), a column-0 line after a
 * blank line always starts a new top-level block, so no parser needs to confirm it.
 */
export function isSimpleLine(line: string): boolean {
  const first = line[0];
  return (
    first !== undefined &&
    first !== ' ' &&
    first !== '\t' &&
    first !== '>' &&
    first !== '<' &&
    !isListMarker(line) &&
    !looksLikeDefinition(line)
  );
}

// Container prefixes: indentation, quote markers and list markers, in any order and number.
const CONTAINER_PREFIX = /^(?:[ \t>]|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))*/;
const MULTILINE_OPENER = /^(?:```|~~~|\$\$|<)/;

/**
 * A line that may sit inside a list or quote but opens nothing that can span
 * blank lines (fence, math, HTML block) inside it. Whatever a run of such lines
 * builds, a column-0 line after a blank line closes all of it: list items need
 * indentation to continue, quotes need `>`, and laziness ends at blank lines.
 */
export function isPlainLine(line: string): boolean {
  return !MULTILINE_OPENER.test(line.replace(CONTAINER_PREFIX, '')) && !looksLikeDefinition(line);
}

// Candidate starts that read the same whether or not micromark believes it is
// interrupting a paragraph (it can wrongly believe so after indented code inside
// a container): lists, HTML, fences, math and tables are excluded.
const INTERRUPT_NEUTRAL_START = /^[\p{L}\p{N}#*_!"'([]/u;

export function startsInterruptNeutral(line: string): boolean {
  return INTERRUPT_NEUTRAL_START.test(line) && !isListMarker(line);
}

export function startsAtColumnZero(line: string): boolean {
  const first = line.charCodeAt(0);
  return first !== 0x20 && first !== 0x09 && !Number.isNaN(first);
}

/** Returns the construct a line opens at the top level, or null. */
export function openedConstruct(line: string): OpenConstruct | null {
  const fence = FENCE_OPEN.exec(line);
  if (fence?.[1] !== undefined) {
    const marker = fence[1];
    const char = marker[0] === '`' ? '`' : '~';
    // CommonMark: a backtick fence's info string may not contain backticks.
    if (char === '`' && (fence[2] ?? '').includes('`')) return null;
    return { kind: 'fence', char, length: marker.length };
  }
  const math = MATH_OPEN.exec(line);
  if (math?.[1] !== undefined) return { kind: 'math', length: math[1].length };
  for (const html of HTML_BLOCKS) {
    const start = html.start.exec(line);
    if (start === null) continue;
    // The end condition may already be met on the opening line.
    return html.end.test(line.slice(start[0].length)) ? null : { kind: 'html', end: html.end };
  }
  return null;
}

/** Whether `line` ends the open construct. */
export function closesConstruct(open: OpenConstruct, line: string): boolean {
  switch (open.kind) {
    case 'fence': {
      const close = FENCE_CLOSE.exec(line);
      const marker = close?.[1];
      return marker !== undefined && marker[0] === open.char && marker.length >= open.length;
    }
    case 'math': {
      const marker = MATH_CLOSE.exec(line)?.[1];
      return marker !== undefined && marker.length >= open.length;
    }
    case 'html':
      return open.end.test(line);
  }
}

/** The text that closes `open`, used to close an unterminated construct virtually while streaming. */
export function closerFor(open: OpenConstruct): string | null {
  switch (open.kind) {
    case 'fence':
      return open.char.repeat(open.length);
    case 'math':
      return '$'.repeat(open.length);
    case 'html':
      return null;
  }
}
