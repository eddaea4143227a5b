import { describe, expect, it } from 'vitest';
import { readSseData } from './sse-stream';
import { writableBody } from './testing/test-support';

async function collect(chunks: (string | Uint8Array)[], onComment?: (c: string) => void) {
  const body = writableBody();
  for (const c of chunks) body.push(c);
  body.close();
  const out: string[] = [];
  let networkChunks = 0;
  for await (const data of readSseData(body.stream, {
    onChunk: () => {
      networkChunks++;
    },
    ...(onComment ? { onComment } : {}),
  })) {
    out.push(data);
  }
  return { out, networkChunks };
}

describe('readSseData', () => {
  it('yields the data of each event, across arbitrary chunk boundaries', async () => {
    const { out, networkChunks } = await collect([
      'data: {"a"',
      ':1}\n',
      '\ndata: two\n\nda',
      'ta: [DONE]\n\n',
    ]);
    expect(out).toEqual(['{"a":1}', 'two', '[DONE]']);
    expect(networkChunks).toBe(4);
  });

  it('decodes UTF-8 characters split between network chunks', async () => {
    const bytes = new TextEncoder().encode('data: é 中文 🙂 👩‍💻\n\n');
    // Split every byte apart: each multi-byte character spans several chunks.
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    const { out } = await collect(chunks);
    expect(out).toEqual(['é 中文 🙂 👩‍💻']);
  });

  it('handles CRLF, and a CR/LF pair split between chunks', async () => {
    const { out } = await collect(['data: one\r\n\r', '\ndata: two\r\n', '\r\n']);
    expect(out).toEqual(['one', 'two']);
  });

  it('skips comments (keep-alives) but reports them', async () => {
    const comments: string[] = [];
    const { out } = await collect([': OPENROUTER PROCESSING\n\n', 'data: x\n\n'], (c) => comments.push(c));
    expect(out).toEqual(['x']);
    expect(comments).toEqual(['OPENROUTER PROCESSING']);
  });

  it('joins multi-line data with newlines', async () => {
    const { out } = await collect(['data: a\ndata: b\n\n']);
    expect(out).toEqual(['a\nb']);
  });

  it('passes a 1 MB data line in small chunks', async () => {
    const big = 'x'.repeat(1_000_000);
    const line = `data: ${big}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < line.length; i += 16_384) chunks.push(line.slice(i, i + 16_384));
    const { out } = await collect(chunks);
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(1_000_000);
  });

  it('drops an unterminated final event (truncated stream)', async () => {
    const { out } = await collect(['data: complete\n\ndata: cut']);
    expect(out).toEqual(['complete']);
  });

  it('cancels the body when the consumer stops early', async () => {
    const body = writableBody();
    body.push('data: one\n\ndata: two\n\n');
    for await (const data of readSseData(body.stream)) {
      expect(data).toBe('one');
      break;
    }
    expect(body.cancelled).toBe(true);
  });
});
