/**
 * The id of every indexed message, by message number.
 *
 * Why not a string[]: 200,000 separate strings cost ~30–60 bytes each in V8's heap (header, hash,
 * pointer), several MB for the benchmark history and more with real (longer) ids. Compacted ids live in
 * one string, newline-separated, with their start offsets in a Uint32Array; ids added since are kept
 * as plain strings until the next `compact()`. The persisted index stores exactly that text.
 * Message ids cannot contain a newline (MessageIdSchema), but the start-up build reads files without
 * full validation (index-source.ts), so an id that does is kept apart rather than trusted.
 */
export class MessageIds {
  private text = '';
  /** Id `doc` (below `compacted`) is text[starts[doc], starts[doc + 1] - 1). */
  private starts = new Uint32Array([0]);
  private compacted = 0;
  private added: string[] = [];
  private odd = new Map<number, string>();

  get count(): number {
    return this.compacted + this.added.length;
  }

  get(doc: number): string {
    if (doc >= this.compacted) return this.added[doc - this.compacted] ?? '';
    const odd = this.odd.get(doc);
    if (odd !== undefined) return odd;
    return this.text.slice(this.starts[doc] as number, (this.starts[doc + 1] as number) - 1);
  }

  /** Sets the id of the next message number (`doc` must be `count`). */
  push(doc: number, id: string): void {
    if (doc !== this.count) throw new Error('message numbers are dense');
    this.added.push(id);
  }

  /** All ids joined by newlines (`keep(doc)` false: written as ''). */
  joined(keep: (doc: number) => boolean): string {
    const parts: string[] = new Array(this.count);
    for (let doc = 0; doc < this.count; doc++) {
      const id = keep(doc) ? this.get(doc) : '';
      parts[doc] = id.includes('\n') ? '' : id;
    }
    return parts.join('\n');
  }

  /** Moves the ids added since the last call into the single string. */
  compact(keep: (doc: number) => boolean): void {
    if (this.added.length === 0) return;
    const odd = new Map<number, string>();
    for (let doc = 0; doc < this.count; doc++) {
      const id = this.get(doc);
      if (keep(doc) && id.includes('\n')) odd.set(doc, id);
    }
    const table = MessageIds.fromText(this.joined(keep), this.count);
    if (!table) throw new Error('message ids did not round-trip');
    this.text = table.text;
    this.starts = table.starts;
    this.compacted = table.compacted;
    this.added = [];
    this.odd = odd;
  }

  /** The table `joined` wrote for `count` messages, or null if it holds another number of ids. */
  static fromText(text: string, count: number): MessageIds | null {
    const starts = new Uint32Array(count + 1);
    let n = 1;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) !== 10) continue;
      if (n >= count) return null;
      starts[n++] = i + 1;
    }
    if (count === 0 ? text.length !== 0 : n !== count) return null;
    starts[count] = text.length + 1;
    const ids = new MessageIds();
    ids.text = text;
    ids.starts = starts;
    ids.compacted = count;
    return ids;
  }
}
