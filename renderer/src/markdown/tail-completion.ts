import remend from 'remend';

/**
 * Completes the unfinished end of the streaming tail so no Markdown syntax flashes as text for a
 * few frames (`**bol` shows as bold, `[docs](https://ex` as "docs", a table's header waits for its
 * delimiter row). Only while streaming: the finished message is rendered from its own text.
 *
 * Streamdown's `remend` does the emphasis, links, strikethrough, setext and HTML cases. Around it:
 * - open code spans are closed first: remend closes `**` after the span's backtick instead of
 *   after the span (`**`code` → `**`code**``, showing `**` as text);
 * - a marker run at the very end (`and **`, `use \``, the `*` of a `***both*` closer) is dropped
 *   before remend completes the text: remend leaves a lone marker as typed and misreads partial closers;
 * - `[text]` waiting for its `(url)` shows as text: remend completes links only from the `(`;
 * - table lines are hidden until the delimiter row is complete, where remend leaves them as text;
 * - single-`$` math is left alone (as remend's default): `$5` is far more often money.
 */
const REMEND_OPTIONS = { linkMode: 'text-only', inlineCode: false } as const;

export function completeTail(text: string): string {
  // remend scans the whole text on each call: give it only the last paragraph-like chunk, unless a
  // fence is around (it must see the fence to leave code alone).
  const cut = /^ {0,3}(?:`{3,}|~{3,}|\$\$)/m.test(text) ? 0 : text.lastIndexOf('\n\n') + 1;
  return text.slice(0, cut) + completeInline(hidePartialTable(text.slice(cut)));
}

/** completeTail without the table rule: for a table row being written (StreamingTable). */
export function completeInline(text: string): string {
  const completed = remend(closeCodeSpan(hideDanglingMarker(text)), REMEND_OPTIONS);
  return completed.replace(BRACKETS_BEFORE_URL, '$1');
}

// `[text]` whose `(url)` has not arrived (remend completes only once the `(` is there).
const BRACKETS_BEFORE_URL = /!?\[([^[\]]*)\]$/;

// An emphasis marker run at the very end opens something not yet written, or is part of a closer
// (`***both*`): either way remend completes the text correctly without it. A backtick run at the
// end after a space opens a code span with nothing in it yet.
const DANGLING_MARKER = /[*_~]+$|(^|[\s([])`+$/;

function hideDanglingMarker(text: string): string {
  return text.replace(DANGLING_MARKER, '$1');
}

/** Appends the closing backticks of a code span left open on the last line (CommonMark: equal-length runs). */
function closeCodeSpan(text: string): string {
  const lineStart = text.lastIndexOf('\n') + 1;
  let open = 0;
  const runs = /\\*`+/g;
  runs.lastIndex = lineStart;
  for (let match = runs.exec(text); match !== null; match = runs.exec(text)) {
    const backslashes = match[0].length - match[0].replace(/^\\+/, '').length;
    const ticks = match[0].length - backslashes;
    if (open === 0) {
      // An escaped backtick opens nothing.
      if (backslashes % 2 === 1) {
        if (ticks > 1) open = ticks - 1;
      } else open = ticks;
    } else if (ticks === open) open = 0;
  }
  if (open === 0) return text;
  // Nothing typed after the opener yet: hide it rather than show an empty span's backticks.
  if (text.endsWith('`')) return text.slice(0, -open);
  return text + '`'.repeat(open);
}

const TABLE_LINE = /^ {0,3}\|/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * A table shows once its delimiter row is complete (its line ended); before that, its header line
 * and the partial delimiter would render as a paragraph of pipes and dashes.
 */
function hidePartialTable(text: string): string {
  const lines = text.split('\n');
  // With a final newline every line is complete; otherwise the last one is still being written.
  const complete = lines.at(-1) === '';
  const end = complete ? lines.length - 1 : lines.length;
  let start = end;
  while (start > 0 && TABLE_LINE.test(lines[start - 1] ?? '')) start -= 1;
  if (start === end) return text;
  const delimiterComplete = start + 1 < end - 1 || (start + 1 === end - 1 && complete);
  if (delimiterComplete && DELIMITER_ROW.test(lines[start + 1] ?? '')) return text;
  // Only a run that starts a block: after a paragraph line the pipes may be that paragraph's text.
  if (start > 0 && (lines[start - 1] ?? '').trim() !== '') return text;
  return lines.slice(0, start).join('\n') + (start > 0 ? '\n' : '');
}
