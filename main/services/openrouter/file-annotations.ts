import type { FileAnnotation } from '../../../common/chat-types';
import type { Logger } from '../log/logger';

/**
 * Reads `annotations` (a delta's or a non-streamed message's) for the `file` entries OpenRouter adds
 * after parsing a PDF: `{type:"file", file:{hash, name, content:[{type:"text", text}|…]}}`
 * (fixtures/real/annotations/, the ai-sdk-provider's anonymised copies of real answers and its
 * stream test). They are kept as received, opaque beyond a loose check, and handed to the chat
 * service in ReplyData so the next turn sends them back and OpenRouter skips parsing the file again
 * (https://openrouter.ai/docs/guides/overview/multimodal/pdfs, "Skip Parsing Costs").
 *
 * Bounded, because they are stored with the conversation and resent on every later turn: at most
 * MAX_FILE_ANNOTATIONS entries and MAX_FILE_ANNOTATION_BYTES of JSON in all. Anything beyond, or
 * malformed, is dropped with a log line (count and reason, never the content: it is the person's
 * document). `url_citation` and other types are citations.ts's business and skipped quietly here.
 */

export const MAX_FILE_ANNOTATIONS = 20;
export const MAX_FILE_ANNOTATION_BYTES = 2 * 1024 * 1024;

type DropReason = 'malformed' | 'too-many' | 'too-large';

export class FileAnnotationCollector {
  private readonly kept: FileAnnotation[] = [];
  private readonly hashes = new Set<string>();
  private bytes = 0;

  constructor(private readonly log: Logger) {}

  add(annotations: unknown): void {
    // Not a list: citations.ts, which reads the same field, already logs that.
    if (!Array.isArray(annotations)) return;
    const dropped = new Map<DropReason, number>();
    for (const entry of annotations as unknown[]) {
      const outcome = this.read(entry);
      if (outcome !== 'kept' && outcome !== 'skipped') dropped.set(outcome, (dropped.get(outcome) ?? 0) + 1);
    }
    for (const [reason, count] of dropped) {
      this.log.warn('Dropped file annotations from OpenRouter', { count, reason });
    }
  }

  /** As received, in order; [] when the reply had none. */
  result(): FileAnnotation[] {
    return [...this.kept];
  }

  private read(entry: unknown): DropReason | 'kept' | 'skipped' {
    if (!isRecord(entry) || entry.type !== 'file') return 'skipped';
    const file = entry.file;
    if (!isRecord(file) || typeof file.hash !== 'string' || file.hash === '') return 'malformed';
    // The same file announced twice (a delta and a later repeat) is one parse.
    if (this.hashes.has(file.hash)) return 'skipped';
    if (this.kept.length >= MAX_FILE_ANNOTATIONS) return 'too-many';
    const size = Buffer.byteLength(JSON.stringify(entry), 'utf8');
    if (this.bytes + size > MAX_FILE_ANNOTATION_BYTES) return 'too-large';
    this.bytes += size;
    this.hashes.add(file.hash);
    this.kept.push(entry);
    return 'kept';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
