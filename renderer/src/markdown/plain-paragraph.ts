/**
 * The streaming tail as a paragraph of plain text: one line starting with a letter, made only of
 * characters Markdown reads as text in every position (no emphasis, code, link, math, entity, escape,
 * HTML or table marker, no `www.`, `://` or `@` that GFM turns into a link, no line break). Such a tail
 * renders as `<p>` and its text, exactly what react-markdown makes of it, without parsing it every
 * frame; the first marker sends it back to the parse. Conservative by construction: anything not in
 * the list of plain characters takes the parse.
 */
const PLAIN_LINE = /^\p{L}[\p{L}\p{M}\p{N} .,;:'"?!()/%+=’‘“”–—…-]*$/u;
const AUTOLINK_START = /www\.|:\/\//i;

/** The paragraph's text as rendered (trailing spaces dropped, as Markdown does), or null. */
export function plainParagraphText(text: string): string | null {
  if (!PLAIN_LINE.test(text) || AUTOLINK_START.test(text)) return null;
  return text.replace(/ +$/, '');
}
