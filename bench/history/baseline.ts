import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/**
 * The baseline the index is compared with: for every query, read every conversation file, parse it,
 * and scan each message for all query words (case-insensitive substring). No index, no cache.
 */
export async function naiveSearch(dir: string, query: string): Promise<number> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const folder = join(dir, 'conversations');
  const names = (await fs.readdir(folder)).filter((n) => n.endsWith('.json'));
  let hits = 0;
  for (let i = 0; i < names.length; i += 64) {
    const files = await Promise.all(names.slice(i, i + 64).map((n) => fs.readFile(join(folder, n), 'utf8')));
    for (const text of files) {
      const doc = JSON.parse(text) as {
        conversation: { title: string };
        messages: Array<{ content: string }>;
      };
      for (const m of doc.messages) {
        const haystack = `${doc.conversation.title}\n${m.content}`.toLowerCase();
        if (words.every((w) => haystack.includes(w))) hits++;
      }
    }
  }
  return hits;
}
