import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Rebuilds the SSE wire text of a stream recorded by @effect-native/fetch-hooks (the JSONL files under
 * fixtures/real/streams/, see SOURCES.md there for the recorder's format and its known loss). Returns the
 * original network chunks in order, so a test can replay them as they arrived or re-split them.
 */
export const REAL_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'real');

export function readRealFixture(relativePath: string): string {
  return readFileSync(join(REAL_FIXTURES, relativePath), 'utf8');
}

type RecordedLine = { delay_ms: number } | { comment: string } | { json: unknown } | { text: string };

export function recordedNetworkChunks(jsonl: string): string[] {
  const chunks: string[] = [''];
  // True while an event split across network chunks is still missing its terminating blank line.
  let insideSplitEvent = false;
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const item = JSON.parse(line) as RecordedLine;
    let wire: string;
    if ('delay_ms' in item) {
      chunks.push('');
      continue;
    } else if ('comment' in item) {
      wire = item.comment;
    } else if ('json' in item) {
      wire = `data: ${JSON.stringify(item.json)}\n\n`;
    } else if (insideSplitEvent) {
      // A continuation piece is the raw text of its network chunk.
      wire = item.text;
    } else {
      // The first piece of a split event is what followed `data: `; a complete non-JSON event ([DONE])
      // was recorded the same way, without its blank line.
      wire = item.text === '[DONE]' ? 'data: [DONE]\n\n' : `data: ${item.text}`;
    }
    insideSplitEvent = !wire.endsWith('\n\n');
    chunks[chunks.length - 1] += wire;
  }
  return chunks.filter((c) => c !== '');
}

/** The same bytes re-split every `size` bytes, so characters and lines break at awkward places. */
export function resplit(chunks: readonly string[], size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(chunks.join(''));
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}
