import type { ReasoningDetail } from '../../../common/chat-types';
import type { Logger } from '../log/logger';

/**
 * Keeps a reply's `reasoning_details` so they can be sent back unmodified on later turns (OpenRouter
 * requires that for reasoning models, signatures and encrypted blocks included).
 *
 * In a stream they arrive as fragments: each delta carries pieces of a `reasoning.text` entry (same
 * `index`), and the signature comes on a later piece (real recording: fixtures/real/streams/
 * …VatY3XorSc2…, whose first piece has `signature: ""` and a later one the real signature). Merged the
 * way OpenRouter's own AI SDK provider does it (OpenRouterTeam/ai-sdk-provider `src/chat/index.ts`
 * @ 4247ab25f917144e8978c70b82daf42ab3bb7d2b, the `accumulatedReasoningDetails` loop): a
 * `reasoning.text` piece following a `reasoning.text` entry is appended to it (text concatenated, the
 * first non-empty `signature` and `format` kept); every other type (encrypted, summary) is kept as its
 * own entry, as sent. One addition: pieces with different `index` values are separate entries, so two
 * thinking blocks never fuse. A non-streamed message's details are complete and kept as they are.
 *
 * The total is bounded; past the cap all details are dropped (a partial set cannot be sent back) with a
 * log line.
 */

export const MAX_REASONING_DETAILS_CHARS = 2 * 1024 * 1024;

export class ReasoningDetailsCollector {
  private readonly details: ReasoningDetail[] = [];
  private chars = 0;
  private overflowed = false;

  constructor(private readonly log: Logger) {}

  /** Stream fragments, merged into the entries so far. */
  addFragments(fragments: readonly unknown[] | null | undefined): void {
    for (const fragment of fragments ?? []) {
      if (!this.admit(fragment)) return;
      const last = this.details.at(-1);
      if (isText(fragment) && last !== undefined && isText(last) && sameIndex(last, fragment)) {
        mergeText(last, fragment);
      } else {
        this.details.push({ ...fragment });
      }
    }
  }

  /** A non-streamed message's details: complete entries, kept as sent. */
  addComplete(details: readonly unknown[] | null | undefined): void {
    for (const detail of details ?? []) {
      if (!this.admit(detail)) return;
      this.details.push({ ...detail });
    }
  }

  result(): ReasoningDetail[] {
    return this.overflowed ? [] : this.details;
  }

  private admit(value: unknown): value is ReasoningDetail {
    if (this.overflowed) return false;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.log.warn('Dropped a reasoning detail from OpenRouter', { reason: 'malformed' });
      return false;
    }
    this.chars += JSON.stringify(value).length;
    if (this.chars > MAX_REASONING_DETAILS_CHARS) {
      this.overflowed = true;
      this.details.length = 0;
      this.log.warn('Dropped the reasoning details from OpenRouter', {
        reason: 'too-large',
        limitChars: MAX_REASONING_DETAILS_CHARS,
      });
      return false;
    }
    return true;
  }
}

function isText(d: ReasoningDetail): boolean {
  return d.type === 'reasoning.text';
}

function sameIndex(a: ReasoningDetail, b: ReasoningDetail): boolean {
  return a.index === undefined || b.index === undefined || a.index === b.index;
}

function mergeText(into: ReasoningDetail, piece: ReasoningDetail): void {
  into.text = str(into.text) + str(piece.text);
  if (!into.signature && piece.signature) into.signature = piece.signature;
  if (!into.format && piece.format) into.format = piece.format;
  // Anything else a later piece brings (an id, a field added later) is kept if not already set.
  for (const [name, value] of Object.entries(piece)) {
    if (!(name in into) && value !== undefined) into[name] = value;
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
