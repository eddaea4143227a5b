/**
 * The title and the few messages a search's snippets are cut from, read from a conversation file
 * without parsing all of it (issue 19).
 *
 * Why: a search shows up to 20 hits, in up to 20 conversations, and hits favour long conversations;
 * JSON.parse of those files (~1–2 MB of JSON per search on the benchmark history) was most of a
 * search's time and most of its garbage, while the index lookup itself takes about a millisecond.
 * Files are written by serializeConversationFile (JSON.stringify with 2-space indentation), where a
 * message object's first key is `"id": "<id>"` and no string value can contain an unescaped quote, so
 * `{` + whitespace + `"id": "<id>"` is found only at the start of an object whose id that is. That
 * object alone (found by matching braces outside strings) is parsed and checked; the title likewise
 * from the `"conversation": {` object. Anything unexpected — a file written by hand or another tool,
 * an object that is not a message — returns null, and the caller parses the whole file as before.
 */
export interface SnippetMessage {
  id: string;
  content: string;
  attachments?: unknown;
}

export function titleFromText(text: string, conversationId: string): string | null {
  const key = '"conversation": {';
  const at = text.indexOf(key);
  if (at < 0) return null;
  const object = parseObjectAt(text, at + key.length - 1) as { id?: unknown; title?: unknown } | null;
  return object?.id === conversationId && typeof object.title === 'string' ? object.title : null;
}

export function messageFromText(text: string, messageId: string): SnippetMessage | null {
  const needle = `"id": ${JSON.stringify(messageId)}`;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    let open = at - 1;
    while (open >= 0 && isSpace(text.charCodeAt(open))) open--;
    if (text.charCodeAt(open) !== OPEN) continue;
    const object = parseObjectAt(text, open) as Partial<SnippetMessage & { role: unknown }> | null;
    if (object?.id === messageId && typeof object.content === 'string' && typeof object.role === 'string') {
      return object as SnippetMessage;
    }
  }
  return null;
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** JSON.parse of the object starting at text[start] (a `{`), or null. */
function parseObjectAt(text: string, start: number): unknown {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN) {
      depth++;
    } else if (code === CLOSE && --depth === 0) {
      try {
        return JSON.parse(text.slice(start, i + 1));
      } catch {
        return null;
      }
    }
  }
  return null;
}
