/**
 * Shapes of the streaming tail that can be rendered without re-parsing all of it every frame.
 * A long fenced code block or list is ONE top-level block, so re-parsing the whole tail would cost
 * O(block) per frame (quadratic over the block): these shapes cost O(last line / last item).
 */
export type TailShape =
  /** An open (virtually closed) fence: its text is code, no Markdown parse needed. */
  | { readonly kind: 'fence'; readonly language: string | undefined; readonly code: string }
  /**
   * A list: every finished item is rendered once (`settledItems`, parsed as one unit while it does
   * not change), only `lastItem` is parsed again each frame.
   */
  | {
      readonly kind: 'list';
      readonly ordered: boolean;
      readonly start: number;
      readonly taskList: boolean;
      readonly loose: boolean;
      readonly settledItems: string;
      readonly lastItem: string;
      /**
       * When the last item is a one-line head followed by single-line nested items (the common shape of
       * a model's outline): the head, and the nested list in the same parts, so a frame parses the
       * last nested item only.
       */
      readonly nested?: { readonly head: string; readonly list: ListShape };
    }
  /**
   * A table: `head` is its header and delimiter rows; the finished body rows come in fixed chunks
   * of TABLE_CHUNK_ROWS (each with the head, which gives the cells their count and alignment), so
   * a full chunk's text never changes; only `lastRow` is parsed again each frame.
   */
  | {
      readonly kind: 'table';
      readonly head: string;
      readonly rowChunks: readonly string[];
      readonly lastRow: string;
    };

export type ListShape = Extract<TailShape, { kind: 'list' }>;

export const TABLE_CHUNK_ROWS = 16;

// The opener of a fence whose info string needs no unescaping: a plain language word, or none.
const FENCE_OPENER = /^(`{3,}|~{3,})[ \t]*([\w+#.-]*)[ \t]*$/;
const FENCE_CLOSER = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const BULLET_ITEM = /^([-+*])([ \t]|$)/;
const ORDERED_ITEM = /^(\d{1,9})([.)])([ \t]|$)/;
const TASK_ITEM = /^(?:[-+*]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
// A line that could start something other than list content at column 0.
const COLUMN_ZERO_BLOCK = /^(?:[#>|<]|`{3,}|~{3,}|\$\$)/;

/**
 * The shape of `text` (the tail as tailRender returns it, open constructs virtually closed), or
 * null when it must be parsed whole. Conservative: anything unusual (CRLF, indented fence, a second
 * block, escapes in the info string) takes the full parse.
 */
export function tailShape(text: string): TailShape | null {
  if (text.includes('\r') || text.includes('\0')) return null;
  return fenceShape(text) ?? listShape(text) ?? tableShape(text);
}

function fenceShape(text: string): TailShape | null {
  if (!text.endsWith('\n')) return null;
  const firstEnd = text.indexOf('\n');
  const opener = FENCE_OPENER.exec(text.slice(0, firstEnd));
  const marker = opener?.[1];
  if (marker === undefined) return null;
  const language = opener?.[2] ?? '';
  // remark-math turns nothing here into math, but CodeBlock renders a `math` fence as display math.
  if (language === 'math') return null;
  const body = text.slice(firstEnd + 1, -1);
  const lines = body.split('\n');
  const closer = FENCE_CLOSER.exec(lines.at(-1) ?? '')?.[1];
  if (closer === undefined || closer[0] !== marker[0] || closer.length < marker.length) return null;
  const codeLines = lines.slice(0, -1);
  // A line that closes the fence earlier means more than one block: parse it whole.
  for (const line of codeLines) {
    const early = FENCE_CLOSER.exec(line)?.[1];
    if (early !== undefined && early[0] === marker[0] && early.length >= marker.length) return null;
  }
  return { kind: 'fence', language: language === '' ? undefined : language, code: codeLines.join('\n') };
}

interface ItemMarker {
  readonly ordered: boolean;
  readonly delimiter: string;
  readonly number: number;
}

function itemMarker(line: string): ItemMarker | null {
  if (THEMATIC_BREAK.test(line)) return null;
  const bullet = BULLET_ITEM.exec(line);
  if (bullet?.[1] !== undefined) return { ordered: false, delimiter: bullet[1], number: 1 };
  const ordered = ORDERED_ITEM.exec(line);
  if (ordered?.[1] !== undefined && ordered[2] !== undefined)
    return { ordered: true, delimiter: ordered[2], number: Number(ordered[1]) };
  return null;
}

function listShape(text: string): TailShape | null {
  const first = itemMarker(text);
  if (first === null) return null;
  // Items start at column 0 with the same kind of marker; every other column-0 line must be a lazy
  // paragraph continuation (no blank line before it), or the list may have ended or changed kind.
  let lastItemStart = 0;
  let items = 0;
  let blankBefore = false;
  let blankBetweenItems = false;
  let blankInsideItem = false;
  let pos = 0;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const lineEnd = end === -1 ? text.length : end;
    const line = text.slice(pos, lineEnd);
    if (line.trim() === '') {
      blankBefore = true;
    } else if (line[0] !== ' ' && line[0] !== '\t') {
      const marker = itemMarker(line);
      if (marker !== null) {
        if (marker.ordered !== first.ordered || marker.delimiter !== first.delimiter) return null;
        if (items > 0 && blankBefore) blankBetweenItems = true;
        items += 1;
        lastItemStart = pos;
      } else if (blankBefore || COLUMN_ZERO_BLOCK.test(line) || SETEXT_UNDERLINE.test(line)) {
        return null;
      }
      blankBefore = false;
    } else {
      // Indented content after a blank line inside the same item: the item holds two blocks.
      if (blankBefore) blankInsideItem = true;
      blankBefore = false;
    }
    pos = lineEnd + 1;
  }
  const loose = blankBetweenItems || blankInsideItem;
  const lastItem = text.slice(lastItemStart);
  const nested = nestedItems(lastItem);
  return {
    kind: 'list',
    ordered: first.ordered,
    start: first.number,
    taskList: text.split('\n').some((line) => TASK_ITEM.test(line)),
    loose,
    settledItems: text.slice(0, lastItemStart),
    lastItem,
    ...(nested === undefined ? {} : { nested }),
  };
}

// An item's first line: its marker, one space, and a head that starts with something other than a space.
const ITEM_FIRST_LINE = /^((?:[-+*]|\d{1,9}[.)]) )(\S.*)$/;
// A head that can only be the first line of a paragraph: no other block starts like this (a heading,
// a quote, a table, HTML, math, a definition are ruled out here; a fence, a task box, a list marker
// and a thematic break below).
const PARAGRAPH_HEAD = /^[\p{L}\p{N}*_`("'!]/u;
const FENCE_OR_TASK_HEAD = /^(?:`{3,}|~{3,}|\[[ xX]\](?:[ \t]|$))/;
// A nested item that is complete enough to be one: marker, one space, content (a bare marker may
// still be the start of a setext underline or an empty item, which a full parse reads otherwise).
const NESTED_ITEM_LINE = /^(?:[-+*]|\d{1,9}[.)]) \S/;

/**
 * The nested form of a list's last item (see TailShape `nested`), or undefined when the item
 * is anything else: its first line a paragraph, then only single-line items of one nested list at the
 * item's content indent. Conservative, like tailShape: anything unusual takes the item's full parse.
 */
function nestedItems(item: string): { head: string; list: ListShape } | undefined {
  const end = item.indexOf('\n');
  if (end === -1) return undefined;
  const first = ITEM_FIRST_LINE.exec(item.slice(0, end));
  const marker = first?.[1];
  const head = first?.[2];
  if (marker === undefined || head === undefined) return undefined;
  if (
    !PARAGRAPH_HEAD.test(head) ||
    FENCE_OR_TASK_HEAD.test(head) ||
    itemMarker(head) !== null ||
    THEMATIC_BREAK.test(head)
  )
    return undefined;
  const indent = ' '.repeat(marker.length);
  const lines = item.slice(end + 1).split('\n');
  // A final newline leaves an empty last entry.
  const finalNewline = lines.at(-1) === '';
  if (finalNewline) lines.pop();
  if (lines.length === 0) return undefined;
  const inner: string[] = [];
  for (const line of lines) {
    const content = line.slice(indent.length);
    if (!line.startsWith(indent) || !NESTED_ITEM_LINE.test(content) || THEMATIC_BREAK.test(content))
      return undefined;
    inner.push(content);
  }
  const list = listShape(`${inner.join('\n')}${finalNewline ? '\n' : ''}`);
  // A nested list interrupts the head's paragraph only if it is not ordered from another number
  // than 1 (CommonMark, list items); every nested item here is one line, so it is tight.
  if (list?.kind !== 'list' || list.loose || (list.ordered && list.start !== 1)) return undefined;
  return { head, list };
}

const TABLE_ROW = /^\|/;
const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function tableShape(text: string): TailShape | null {
  if (!TABLE_ROW.test(text)) return null;
  const lines = text.split('\n');
  // A final newline leaves an empty last entry: every row is then complete.
  if (lines.at(-1) === '') lines.pop();
  const [header, delimiter] = lines;
  if (header === undefined || delimiter === undefined || lines.length < 3) return null;
  if (!DELIMITER_ROW.test(delimiter) || cellCount(delimiter) !== cellCount(header)) return null;
  const rows = lines.slice(2);
  if (!rows.every((row) => TABLE_ROW.test(row))) return null;
  const head = `${header}\n${delimiter}\n`;
  const settled = rows.slice(0, -1);
  const rowChunks: string[] = [];
  for (let at = 0; at < settled.length; at += TABLE_CHUNK_ROWS) {
    rowChunks.push(`${head}${settled.slice(at, at + TABLE_CHUNK_ROWS).join('\n')}\n`);
  }
  return { kind: 'table', head, rowChunks, lastRow: rows.at(-1) ?? '' };
}

/** GFM: a delimiter row makes a table only with as many cells as the header row. */
function cellCount(line: string): number {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/).length;
}
