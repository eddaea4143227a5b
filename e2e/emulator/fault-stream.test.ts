import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUGE_LINE_LENGTH } from './reply';
import { type Emulator, startEmulator } from './server';
import {
  chat,
  chunksOf,
  contentChunks,
  contentOf,
  parseSse,
  readUntilError,
  type StreamChunk,
} from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const streamText = async (fault: string) => (await chat(emu, { fault })).text();

describe('stream-shaping faults', () => {
  it('error-mid: five content tokens, then the error chunk, then the end (no usage, no [DONE])', async () => {
    const res = await chat(emu, { fault: 'error-mid' });
    expect(res.status).toBe(200);
    const raw = await res.text();
    expect(raw).not.toContain('[DONE]');
    const chunks = chunksOf(raw);
    expect(contentChunks(chunks)).toHaveLength(5);
    const last = chunks.at(-1);
    expect(last?.error).toEqual({
      code: 502,
      message: 'Provider disconnected unexpectedly',
      metadata: { error_type: 'provider_unavailable' },
    });
    expect(last?.choices).toEqual([{ index: 0, delta: { content: '' }, finish_reason: 'error' }]);
    expect(chunks.some((c) => c.usage !== undefined)).toBe(false);
  });

  it('error-mid-string-code: the same with code "server_error"', async () => {
    const chunks = chunksOf(await streamText('error-mid-string-code'));
    expect(contentChunks(chunks)).toHaveLength(5);
    expect(chunks.at(-1)?.error?.code).toBe('server_error');
  });

  it('error-mid without streaming: a 200 body whose choice carries the error', async () => {
    const res = await chat(emu, { fault: 'error-mid', stream: false });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: { finish_reason: string; error: { code: number } }[] };
    expect(body.choices[0]?.finish_reason).toBe('error');
    expect(body.choices[0]?.error.code).toBe(502);
  });

  it('length-then-error: the reply ends with finish_reason "length", then usage, then an error chunk (no [DONE])', async () => {
    const raw = await streamText('length-then-error');
    expect(raw).not.toContain('[DONE]');
    const chunks = chunksOf(raw);
    expect(contentChunks(chunks)).toHaveLength(40);
    const finishes = chunks.map((c) => c.choices?.[0]?.finish_reason ?? null).filter((f) => f !== null);
    expect(finishes).toEqual(['length', 'error']);
    const usageAt = chunks.findIndex((c) => c.usage !== undefined);
    const errorAt = chunks.findIndex((c) => c.error !== undefined);
    expect(usageAt).toBeGreaterThan(0);
    expect(errorAt).toBe(chunks.length - 1);
    expect(usageAt).toBeLessThan(errorAt);
    expect(chunks[errorAt]?.error?.code).toBe(502);
  });

  it('keepalive: comments before the first chunk and between chunks', async () => {
    const raw = await streamText('keepalive');
    expect(raw.startsWith(': OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {')).toBe(true);
    const events = raw.split('\n\n').filter((e) => e !== '');
    for (let i = 2; i < events.length - 1; i++) {
      // Every data event but the last ([DONE]) is followed by a comment.
      if (events[i]?.startsWith('data: ')) expect(events[i + 1]).toBe(': OPENROUTER PROCESSING');
    }
    const parsed = parseSse(raw);
    expect(parsed.comments.length).toBeGreaterThanOrEqual(parsed.data.length);
    expect(contentChunks(chunksOf(raw))).toHaveLength(40);
  });

  it('crlf: every line ends in CRLF', async () => {
    const raw = await streamText('crlf');
    expect(raw).toContain('\r\n\r\n');
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(raw.endsWith('data: [DONE]\r\n\r\n')).toBe(true);
    expect(contentChunks(chunksOf(raw))).toHaveLength(40);
  });

  it('utf8-split: multi-byte characters arrive split across network reads', async () => {
    const res = await chat(emu, { fault: 'utf8-split' });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const pieces: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
    }
    const splitBoundaries = pieces.slice(0, -1).filter(endsInsideMultibyte);
    expect(splitBoundaries.length).toBeGreaterThan(0);
    const text = new TextDecoder().decode(Buffer.concat(pieces));
    const content = contentOf(chunksOf(text));
    for (const s of ['é', '中文', '🙂', '👩‍💻']) expect(content).toContain(s);
  });

  it('huge-line: one data line over 1 MB carrying 1,000,000 characters of content', async () => {
    const raw = await streamText('huge-line');
    const huge = raw.split('\n').filter((line) => line.length > 1_000_000);
    expect(huge).toHaveLength(1);
    const chunk = JSON.parse((huge[0] ?? '').slice('data: '.length)) as {
      choices: { delta: { content: string } }[];
    };
    expect(chunk.choices[0]?.delta.content).toHaveLength(HUGE_LINE_LENGTH);
    expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('usage-in-choices: the usage chunk also has a placeholder choice', async () => {
    const usageChunk = chunksOf(await streamText('usage-in-choices')).at(-1);
    expect(usageChunk?.usage?.completion_tokens).toBe(40);
    expect(usageChunk?.choices).toEqual([{ index: 0, delta: { content: '' }, finish_reason: null }]);
  });

  it('reasoning: reasoning deltas with details before the content, counted in usage', async () => {
    const chunks = chunksOf(await streamText('reasoning'));
    const reasoning = chunks.filter((c) => typeof c.choices[0]?.delta.reasoning === 'string');
    expect(reasoning.length).toBeGreaterThan(3);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    for (const [i, c] of reasoning.entries()) {
      const delta = c.choices[0]?.delta;
      // As the real thinking stream: the first fragment carries an empty signature.
      expect(delta?.reasoning_details).toEqual([
        {
          type: 'reasoning.text',
          text: delta?.reasoning,
          ...(i === 0 ? { signature: '' } : {}),
          format: 'anthropic-claude-v1',
          index: 0,
        },
      ]);
    }
    // Where the reasoning ends: the signature on a fragment without text, then one encrypted block.
    const after = chunks.slice(chunks.indexOf(reasoning.at(-1) as StreamChunk) + 1);
    expect(after[0]?.choices[0]?.delta).toEqual({
      reasoning: null,
      reasoning_details: [
        {
          type: 'reasoning.text',
          signature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
          format: 'anthropic-claude-v1',
          index: 0,
        },
      ],
    });
    expect(after[1]?.choices[0]?.delta).toEqual({
      reasoning: null,
      reasoning_details: [
        { type: 'reasoning.encrypted', data: expect.any(String), format: 'anthropic-claude-v1', index: 1 },
      ],
    });
    const firstContent = chunks.findIndex((c) => (c.choices[0]?.delta.content ?? '') !== '');
    expect(chunks.indexOf(after[1] as StreamChunk)).toBeLessThan(firstContent);
    const usage = chunks.at(-1)?.usage;
    expect(usage?.completion_tokens_details.reasoning_tokens).toBe(reasoning.length);
    expect(usage?.completion_tokens).toBe(40 + reasoning.length);
  });

  it('reasoning without streaming: message.reasoning and reasoning_details', async () => {
    const body = (await (await chat(emu, { fault: 'reasoning', stream: false })).json()) as {
      choices: { message: { reasoning: string; reasoning_details: { text: string }[] } }[];
    };
    const message = body.choices[0]?.message;
    expect(message?.reasoning.length).toBeGreaterThan(10);
    expect(message?.reasoning_details[0]?.text).toBe(message?.reasoning);
    expect(message?.reasoning_details[0]).toHaveProperty('signature');
    expect(message?.reasoning_details[1]).toMatchObject({ type: 'reasoning.encrypted', index: 1 });
  });

  it('tokens-<n>: a reply of n tokens', async () => {
    const chunks = chunksOf(await streamText('tokens-2500'));
    expect(contentChunks(chunks)).toHaveLength(2500);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(2500);
    expect(contentOf(chunks).match(/^```/gm)?.length).toBeGreaterThan(10);
  });

  it('no-done: the usage chunk is the last event', async () => {
    const raw = await streamText('no-done');
    expect(raw).not.toContain('[DONE]');
    expect(chunksOf(raw).at(-1)?.usage).toBeDefined();
  });

  it('combines modes from the header and the model', async () => {
    const raw = await (await chat(emu, { model: 'emulator/crlf+tokens-5', fault: 'keepalive' })).text();
    expect(raw.startsWith(': OPENROUTER PROCESSING\r\n\r\n')).toBe(true);
    expect(contentChunks(chunksOf(raw))).toHaveLength(5);
  });

  it('reads a complete stream with a body reader (helper sanity check)', async () => {
    const { text, error } = await readUntilError(await chat(emu));
    expect(error).toBeNull();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

/** True when the bytes end partway through a UTF-8 multi-byte sequence. */
function endsInsideMultibyte(bytes: Uint8Array): boolean {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b < 0xc0) return false; // ASCII: the sequence is complete
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < length;
  }
  return false;
}
