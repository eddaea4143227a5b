import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchableText } from '../../../main/services/history/search/searchable-text';
import { buildSnippet, type Snippet } from '../../../main/services/history/search/snippet';
import { type IndexableMessage, SearchIndex } from './search-index';

/**
 * Search as the app answered before issue 19, for the benchmark's baseline: the old in-memory index
 * (this folder, copied from commit ae22d79) built from every conversation file, newest first (the
 * order the old search service used), and snippets read from the hits' files as search-service.ts does.
 */
export interface BaselineHit {
  conversationId: string;
  messageId: string;
  title: string;
  snippet: Snippet;
  score: number;
}

interface RawFile {
  conversation: { id: string; title: string };
  messages: Array<IndexableMessage & { status: string }>;
}

export function buildOldIndex(dir: string, idsNewestFirst: readonly string[]): SearchIndex {
  const index = new SearchIndex();
  for (const id of idsNewestFirst) {
    const file = JSON.parse(readFileSync(join(dir, 'conversations', `${id}.json`), 'utf8')) as RawFile;
    index.setConversation(id, file.conversation.title);
    index.addMessages(
      id,
      file.messages.filter((m) => m.status !== 'streaming'),
    );
  }
  return index;
}

export function oldSearch(
  dir: string,
  index: SearchIndex,
  query: string,
  limit = 20,
): { hits: BaselineHit[]; total: number } {
  const found = index.search(query, limit);
  const docs = new Map<string, RawFile | null>();
  for (const id of new Set(found.hits.map((h) => h.conversationId))) {
    try {
      docs.set(id, JSON.parse(readFileSync(join(dir, 'conversations', `${id}.json`), 'utf8')) as RawFile);
    } catch {
      docs.set(id, null);
    }
  }
  const hits: BaselineHit[] = [];
  for (const hit of found.hits) {
    const doc = docs.get(hit.conversationId);
    const message = doc?.messages.find((m) => m.id === hit.messageId);
    if (!doc || typeof message?.content !== 'string') continue;
    hits.push({
      conversationId: hit.conversationId,
      messageId: hit.messageId,
      title: doc.conversation.title,
      snippet: buildSnippet(searchableText(message), found.terms),
      score: hit.score,
    });
  }
  return { hits, total: found.total };
}
