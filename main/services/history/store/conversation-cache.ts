import type { ConversationFile } from './conversation-file';

/**
 * The few conversations in use (open in a window, streaming) kept parsed in memory, least recently
 * used first out. Only the store's per-conversation queue mutates a cached document, right before
 * writing it, so the cache never holds anything the file would not also hold after that write.
 */
export class ConversationCache {
  private readonly docs = new Map<string, ConversationFile>();

  constructor(private readonly capacity = 16) {}

  get(id: string): ConversationFile | undefined {
    const doc = this.docs.get(id);
    if (doc) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.docs.delete(id);
      this.docs.set(id, doc);
    }
    return doc;
  }

  set(id: string, doc: ConversationFile): void {
    this.docs.delete(id);
    this.docs.set(id, doc);
    while (this.docs.size > this.capacity) {
      const oldest = this.docs.keys().next();
      if (oldest.done) break;
      this.docs.delete(oldest.value);
    }
  }

  delete(id: string): void {
    this.docs.delete(id);
  }

  clear(): void {
    this.docs.clear();
  }
}
