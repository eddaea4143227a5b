import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../common/chat-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { FileAnnotationCollector, MAX_FILE_ANNOTATION_BYTES, MAX_FILE_ANNOTATIONS } from './file-annotations';
import type { ReplyData } from './reply-data';
import { readRealFixture, resplit } from './testing/real-fixtures';
import { fakeFetch, TEST_KEY, writableBody } from './testing/test-support';

/**
 * `file` annotations (a parsed PDF) read from the exact bytes of fixtures/real/annotations/ (the
 * ai-sdk-provider's anonymised copies of real answers and its stream test; SOURCES.md), through the
 * real client, and handed over in ReplyData beside (never instead of) the citations.
 */

const REQUEST: ChatRequest = { model: 'any/model', messages: [{ role: 'user', content: 'Read it' }] };
const STREAM = 'annotations/ai-sdk-provider-index-test-file-annotation-stream.sse';
const TWO_FILES = 'annotations/ai-sdk-provider-index-test-two-file-annotations-stream.sse';
const ALL_REAL_FIELDS = 'annotations/ai-sdk-provider-file-parser-schema-all-real-fields.json';
const CONTENT_ARRAY = 'annotations/ai-sdk-provider-file-parser-schema-content-array.json';
const PDF_ANSWER = 'completions/ai-sdk-provider-IcAxzM4Kgpg-gemini-2.0-flash-pdf-data-url.json';

function clientAnswering(respond: () => Response) {
  const { fetch } = fakeFetch(respond);
  const log = createMemoryLogger();
  const client = createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log,
    fetch,
    sleep: async () => {},
  });
  return { client, log };
}

async function replyDataOf(respond: () => Response) {
  const { client, log } = clientAnswering(respond);
  const replyData: ReplyData[] = [];
  const result = await client.streamChat(REQUEST, {
    onEvent: () => {},
    onReplyData: (d) => replyData.push(d),
  });
  expect(replyData).toHaveLength(1);
  return { result, data: replyData[0] as ReplyData, log };
}

function sse(chunks: readonly (string | Uint8Array)[]): () => Response {
  return () => {
    const body = writableBody();
    for (const c of chunks) body.push(c);
    body.close();
    return new Response(body.stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

function json(text: string): () => Response {
  return () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
}

describe('file annotations in a stream (fixture bytes)', () => {
  for (const size of [0, 7, 1]) {
    it(`keeps the delta's file annotation as sent${size ? ` (${size}-byte chunks)` : ''}`, async () => {
      const wire = readRealFixture(STREAM);
      const { result, data } = await replyDataOf(sse(size ? resplit([wire], size) : [wire]));
      expect(result.content).toBe('The title is Bitcoin.');
      expect(result.citations).toEqual([]);
      expect(data.fileAnnotations).toEqual([
        {
          type: 'file',
          file: {
            hash: 'abc123def456',
            name: 'bitcoin.pdf',
            content: [
              { type: 'text', text: 'Page 1 content' },
              { type: 'text', text: 'Page 2 content' },
            ],
          },
        },
      ]);
    });
  }

  it('keeps two files announced in two deltas, in order', async () => {
    const { data } = await replyDataOf(sse([readRealFixture(TWO_FILES)]));
    expect(data.fileAnnotations?.map((a) => (a.file as { hash: string }).hash)).toEqual(['hash1', 'hash2']);
  });
});

describe('file annotations in a whole completion (fixture bytes)', () => {
  it('keeps the annotation of the anonymised real answer', async () => {
    const text = readRealFixture(ALL_REAL_FIELDS);
    const { result, data } = await replyDataOf(json(text));
    expect(result.content).toBe('Test response content');
    expect(data.fileAnnotations).toEqual(JSON.parse(text).choices[0].message.annotations);
  });

  it('keeps the content array (the <file name> text part and the parsed text) unmodified', async () => {
    const { data } = await replyDataOf(json(readRealFixture(CONTENT_ARRAY)));
    expect(data.fileAnnotations).toEqual([
      {
        type: 'file',
        file: {
          hash: '85bd49b97b7ff5be002d9f654776119f253c1cae333b49ba8f4a53da346284ba',
          name: '',
          content: [
            { type: 'text', text: '<file name="">' },
            { type: 'text', text: 'Some file content' },
          ],
        },
      },
    ]);
  });

  it('reads a real PDF answer with leading keep-alive whitespace and `annotations: []` as no annotations', async () => {
    const text = readRealFixture(PDF_ANSWER);
    expect(text.startsWith('\n')).toBe(true);
    const { result, data } = await replyDataOf(json(text));
    expect(result.content).toBe('Bitcoin: A Peer-to-Peer Electronic Cash System');
    expect(data.fileAnnotations).toEqual([]);
  });
});

describe('FileAnnotationCollector', () => {
  const file = (hash: string, extra: Record<string, unknown> = {}) => ({
    type: 'file',
    file: { hash, name: `${hash}.pdf`, content: [{ type: 'text', text: 'x' }], ...extra },
  });

  it('skips url_citation and other types quietly, drops malformed file entries with a log line', () => {
    const log = createMemoryLogger();
    const c = new FileAnnotationCollector(log);
    c.add([
      { type: 'url_citation', url_citation: { url: 'https://a.example/' } },
      file('h1'),
      { type: 'file', file: null },
      { type: 'file', file: { hash: 42 } },
      { type: 'file' },
      'text',
    ]);
    c.add('not-a-list');
    c.add(null);
    expect(c.result()).toEqual([file('h1')]);
    expect(log.lines.join('\n')).toContain('Dropped file annotations from OpenRouter');
    expect(log.lines.filter((l) => l.includes('file annotations'))).toHaveLength(1);
    expect(log.lines.join('\n')).toContain('count=3 reason="malformed"');
  });

  it('keeps one annotation per hash', () => {
    const c = new FileAnnotationCollector(createMemoryLogger());
    c.add([file('h1')]);
    c.add([file('h1', { name: 'again.pdf' })]);
    expect(c.result()).toEqual([file('h1')]);
  });

  it(`keeps at most ${MAX_FILE_ANNOTATIONS}, and drops the rest with a log line`, () => {
    const log = createMemoryLogger();
    const c = new FileAnnotationCollector(log);
    c.add(Array.from({ length: MAX_FILE_ANNOTATIONS + 3 }, (_, i) => file(`h${i}`)));
    expect(c.result()).toHaveLength(MAX_FILE_ANNOTATIONS);
    expect(log.lines.join('\n')).toMatch(/too-many/);
  });

  it('keeps no more than about 2 MB of annotations in all, never logging their text', () => {
    const log = createMemoryLogger();
    const c = new FileAnnotationCollector(log);
    const page = 'secret page text '.repeat(Math.ceil(MAX_FILE_ANNOTATION_BYTES / 2 / 17));
    c.add([file('a', { content: [{ type: 'text', text: page }] })]);
    c.add([file('b', { content: [{ type: 'text', text: page }] })]);
    c.add([file('c')]);
    expect(c.result().map((a) => (a.file as { hash: string }).hash)).toEqual(['a', 'c']);
    expect(log.lines.join('\n')).toMatch(/too-large/);
    expect(log.lines.join('\n')).not.toContain('secret page');
  });
});
