import type { Citation } from '../../../common/chat-types';
import type { Logger } from '../log/logger';
import { stripControlCharacters } from './chunk';

/**
 * Reads `annotations` (a delta's or a non-streamed message's) into the reply's citations. Web search
 * results arrive as `{type:"url_citation", url_citation:{url, title, content, start_index, end_index}}`
 * (../shared/docs/openrouter-api.md §11; real shape in fixtures/real/streams/…SQdqVfHTM78…). Only what
 * is safe to show and open is kept: https URLs without credentials, a cleaned title, the host. Anything
 * else is dropped with a log line giving the count and the reason, never the URL (it may carry tokens).
 * Other annotation types (e.g. `file`) are not citations and are skipped quietly.
 */

export const MAX_CITATIONS = 50;
export const MAX_CITATION_TITLE_CHARS = 500;
export const MAX_CITATION_URL_CHARS = 4096;
const MAX_HOST_CHARS = 255;

type DropReason =
  | 'not-a-list'
  | 'malformed'
  | 'not-https'
  | 'bad-url'
  | 'credentials'
  | 'too-long'
  | 'too-many';

export class CitationCollector {
  readonly citations: Citation[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly log: Logger) {}

  /** Adds every valid `url_citation` in `annotations`; logs one line per reason something was dropped. */
  add(annotations: unknown): void {
    if (annotations === undefined || annotations === null) return;
    const dropped = new Map<DropReason, number>();
    const drop = (reason: DropReason) => dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
    if (!Array.isArray(annotations)) {
      drop('not-a-list');
    } else {
      for (const entry of annotations as unknown[]) {
        const outcome = this.read(entry);
        if (outcome !== 'kept' && outcome !== 'skipped') drop(outcome);
      }
    }
    for (const [reason, count] of dropped) {
      this.log.warn('Dropped citations from OpenRouter', { count, reason });
    }
  }

  private read(entry: unknown): DropReason | 'kept' | 'skipped' {
    if (!isRecord(entry)) return 'malformed';
    if (entry.type !== 'url_citation') return 'skipped';
    const inner = entry.url_citation;
    if (!isRecord(inner) || typeof inner.url !== 'string') return 'malformed';
    if (inner.url.length > MAX_CITATION_URL_CHARS) return 'too-long';
    let url: URL;
    try {
      url = new URL(inner.url);
    } catch {
      return 'bad-url';
    }
    if (url.protocol !== 'https:') return 'not-https';
    if (url.username !== '' || url.password !== '') return 'credentials';
    const href = url.href;
    if (href.length > MAX_CITATION_URL_CHARS || url.hostname.length > MAX_HOST_CHARS) return 'too-long';
    // The same source cited twice (several passages of one page) is one numbered source.
    if (this.seen.has(href)) return 'skipped';
    if (this.citations.length >= MAX_CITATIONS) return 'too-many';
    this.seen.add(href);
    this.citations.push({ url: href, title: cleanTitle(inner.title, url.hostname), host: url.hostname });
    return 'kept';
  }
}

/** A single-line title without control or bidi characters, at most 500 characters; the host when empty. */
export function cleanTitle(raw: unknown, host: string): string {
  const text = typeof raw === 'string' ? stripControlCharacters(raw).replace(/\s+/g, ' ').trim() : '';
  if (text === '') return host;
  return capUtf16(text, MAX_CITATION_TITLE_CHARS);
}

/** At most `max` UTF-16 units (the contract's `.max()` counts those), never half a surrogate pair. */
export function capUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
