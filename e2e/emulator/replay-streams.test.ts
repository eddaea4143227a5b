import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_FIXTURES, recordedNetworkChunks } from '../../main/services/openrouter/testing/real-fixtures';
import { parseFaults } from './faults';
import { REPLAYS } from './replay-streams';
import { type Emulator, startEmulator } from './server';
import { chat, type ErrorJson, parseSse } from './test-support';

// `replay-<fixture>` serves replies recorded against the live API exactly as the client's unit tests
// (main/services/openrouter/real-stream.test.ts) rebuild them.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const STREAMS = Object.entries(REPLAYS)
  .filter(([, kind]) => kind === 'stream')
  .map(([name]) => name);
const CITATIONS = 'ai-sdk-provider-SQdqVfHTM78-claude-3.5-sonnet-web-search-citations';

describe('replay-<recorded stream>', () => {
  it('lists every recording in fixtures/real/streams except the truncated web-search one', () => {
    const recorded = readdirSync(join(REAL_FIXTURES, 'streams'))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -'.jsonl'.length));
    expect([...STREAMS, CITATIONS].sort()).toEqual(recorded.sort());
    expect(parseFaults(undefined, `emulator/replay-${CITATIONS}`)).toEqual({
      ok: false,
      message: `Unknown recorded reply in emulator fault mode "replay-${CITATIONS}"`,
    });
  });

  it.each(STREAMS.map((n) => [n]))('%s: serves those bytes as SSE, by header or model id', async (name) => {
    const expected = recordedNetworkChunks(
      readFileSync(join(REAL_FIXTURES, 'streams', `${name}.jsonl`), 'utf8'),
    ).join('');
    for (const res of [
      await chat(emu, { fault: `replay-${name}` }),
      await chat(emu, { model: `emulator/replay-${name}` }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const text = await res.text();
      expect(text).toBe(expected);
      expect(parseSse(text).data.at(-1)).toBe('[DONE]');
    }
  });

  it('keeps the event the recorder saw split across network chunks in two writes', () => {
    const jsonl = readFileSync(
      join(
        REAL_FIXTURES,
        'streams',
        'ai-sdk-provider-i2VRzTzhjbW-claude-3.5-sonnet-event-split-across-chunks.jsonl',
      ),
      'utf8',
    );
    expect(recordedNetworkChunks(jsonl).some((c) => !c.endsWith('\n\n'))).toBe(true);
  });
});

describe('replay-<recorded completion>', () => {
  it('serves the non-streamed chat.completion body byte for byte, even to a streaming request', async () => {
    const name = 'ai-sdk-provider-JBHEylom5vE-claude-sonnet-4';
    const expected = readFileSync(join(REAL_FIXTURES, 'completions', `${name}.json`), 'utf8');
    const res = await chat(emu, { fault: `replay-${name}`, stream: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe(expected);
  });

  it('rejects an unknown recording by name', async () => {
    const res = await chat(emu, { fault: 'replay-nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.message).toContain('replay-nope');
  });
});
