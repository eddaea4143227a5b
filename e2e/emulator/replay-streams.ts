import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Real replies recorded against the live API (main/services/openrouter/fixtures/real/streams and
// completions, origins in SOURCES.md there), served by the `replay-<fixture>` fault mode exactly as
// they were recorded: a stream as its SSE wire text, the non-streamed completion as its JSON body.
//
// The web-search recording (…SQdqVfHTM78…) is not listed: the recorder lost the tail of its
// annotations event (SOURCES.md), so it cannot be replayed as sent.

const REAL = resolve(import.meta.dirname, '../../main/services/openrouter/fixtures/real');

/** `replay-<name>` → how the recording is stored. */
export const REPLAYS = {
  'ai-sdk-provider-7buJmKWfmK3-claude-sonnet-4-plain': 'stream',
  'ai-sdk-provider-VatY3XorSc2-claude-3.7-sonnet-thinking-reasoning': 'stream',
  'ai-sdk-provider-i2VRzTzhjbW-claude-3.5-sonnet-event-split-across-chunks': 'stream',
  'ai-sdk-provider-JBHEylom5vE-claude-sonnet-4': 'completion',
} as const;

export type ReplayName = keyof typeof REPLAYS;

export function isReplayName(name: string): name is ReplayName {
  return Object.hasOwn(REPLAYS, name);
}

export type Replay = { kind: 'stream'; chunks: string[] } | { kind: 'completion'; body: string };

/** The recording as it is served (read on each request, so an edited fixture is served at once). */
export function readReplay(name: ReplayName): Replay {
  if (REPLAYS[name] === 'completion') {
    return { kind: 'completion', body: readFileSync(resolve(REAL, 'completions', `${name}.json`), 'utf8') };
  }
  return {
    kind: 'stream',
    chunks: recordedNetworkChunks(readFileSync(resolve(REAL, 'streams', `${name}.jsonl`), 'utf8')),
  };
}

type RecordedLine = { delay_ms: number } | { comment: string } | { json: unknown } | { text: string };

/**
 * The SSE wire text of a @effect-native/fetch-hooks recording, one string per recorded network chunk.
 *
 * The same rebuild as main/services/openrouter/testing/real-fixtures.ts `recordedNetworkChunks`, which
 * the unit tests replay through the client. It is repeated here, not imported, because that module
 * computes its folder from CommonJS `__dirname` at load time, which Playwright's ESM loader (the harness
 * runs this emulator in-process) does not define. replay-streams.test.ts checks both rebuilds give the
 * same bytes for every recording.
 */
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
