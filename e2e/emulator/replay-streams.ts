import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// The one rebuild of a recording's wire text, shared with the client's unit tests (real-stream.test.ts).
import { REAL_FIXTURES, recordedNetworkChunks } from '../../main/services/openrouter/testing/real-fixtures';

// Real replies recorded against the live API (main/services/openrouter/fixtures/real/streams and
// completions, origins in SOURCES.md there), served by the `replay-<fixture>` fault mode exactly as
// they were recorded: a stream as its SSE wire text, the non-streamed completion as its JSON body.
//
// The web-search recording (…SQdqVfHTM78…) is not listed: the recorder lost the tail of its
// annotations event (SOURCES.md), so it cannot be replayed as sent.

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
    return {
      kind: 'completion',
      body: readFileSync(resolve(REAL_FIXTURES, 'completions', `${name}.json`), 'utf8'),
    };
  }
  return {
    kind: 'stream',
    chunks: recordedNetworkChunks(readFileSync(resolve(REAL_FIXTURES, 'streams', `${name}.jsonl`), 'utf8')),
  };
}
