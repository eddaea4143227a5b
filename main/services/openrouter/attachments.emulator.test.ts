/**
 * Issue 17 against the OpenRouter emulator (e2e/emulator), over real HTTP: attachments reach
 * OpenRouter as content parts with exactly their bytes, the PDF engine as the file-parser plugin, and
 * the PDF's `file` annotation comes back in ReplyData; sent back on the next turn, it spares the parse.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest, ChatStreamEvent } from '../../../common/chat-types';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import type { ReplyData } from './reply-data';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clearRequests());

/** A real 1×1 PNG. */
const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const NOTES = new TextEncoder().encode('Milk, eggs, café.');

async function send(req: ChatRequest) {
  const client = createOpenRouterClient({
    baseUrl: emulator.baseUrl,
    getKey: () => emulator.defaultKey,
    log: createMemoryLogger(),
  });
  const replyData: ReplyData[] = [];
  const events: ChatStreamEvent[] = [];
  const result = await client.streamChat(req, {
    onEvent: (e) => events.push(e),
    onReplyData: (d) => replyData.push(d),
  });
  return { result, replyData, events };
}

const firstTurn: ChatMessage = {
  role: 'user',
  content: 'What is in these?',
  attachments: [
    { kind: 'image', name: 'dot.png', mimeType: 'image/png', bytes: PNG },
    { kind: 'pdf', name: 'report.pdf', mimeType: 'application/pdf', bytes: PDF },
    { kind: 'text', name: 'notes.txt', mimeType: 'text/plain', bytes: NOTES },
  ],
};

describe('attachments through the emulator', () => {
  it('the image and the PDF arrive with exactly their bytes, the engine as the file-parser plugin', async () => {
    const { result } = await send({
      model: 'openai/gpt-4o',
      messages: [firstTurn],
      pdfEngine: 'cloudflare-ai',
    });
    const recorded = emulator.requests.find((r) => r.path === '/api/v1/chat/completions');
    const got = recorded?.attachments;
    expect(got?.images.map((i) => [i.mimeType, Buffer.from(i.bytes ?? []).equals(Buffer.from(PNG))])).toEqual(
      [['image/png', true]],
    );
    expect(got?.files.map((f) => [f.filename, Buffer.from(f.bytes ?? []).equals(Buffer.from(PDF))])).toEqual([
      ['report.pdf', true],
    ]);
    expect(got?.textFiles).toEqual([{ name: 'notes.txt', text: 'Milk, eggs, café.' }]);
    expect(got?.pdfEngine).toBe('cloudflare-ai');
    expect((recorded?.body as { plugins?: unknown } | undefined)?.plugins).toEqual([
      { id: 'file-parser', pdf: { engine: 'cloudflare-ai' } },
    ]);
    expect(result.content).toMatch(
      new RegExp(
        `^Received 1 image \\(image/png, ${PNG.byteLength} bytes\\), 1 file \\(report\\.pdf, engine cloudflare-ai\\), 1 text file\\.\\n\\n`,
      ),
    );
  });

  it('the annotation comes back in ReplyData, and sent back on the next turn it spares the parse', async () => {
    const first = await send({ model: 'openai/gpt-4o', messages: [firstTurn], pdfEngine: 'cloudflare-ai' });
    const annotations = first.replyData[0]?.fileAnnotations ?? [];
    expect(annotations).toEqual([
      {
        type: 'file',
        file: {
          hash: createHash('sha256').update(PDF).digest('hex'),
          name: 'report.pdf',
          content: [
            { type: 'text', text: '<file name="report.pdf">' },
            { type: 'text', text: `Parsed by the emulator: ${PDF.byteLength} bytes.` },
          ],
        },
      },
    ]);
    // The annotation never reaches the renderer's events.
    expect(JSON.stringify(first.events)).not.toContain('Parsed by the emulator');

    const second = await send({
      model: 'openai/gpt-4o',
      pdfEngine: 'cloudflare-ai',
      messages: [
        firstTurn,
        { role: 'assistant', content: first.result.content, fileAnnotations: [...annotations] },
        { role: 'user', content: 'And the second page?' },
      ],
    });
    expect(emulator.pdfParses()).toEqual({ parsed: 1, skipped: 1 });
    expect(second.result.content).toContain('parse skipped');
    expect(second.replyData[0]?.fileAnnotations).toEqual([]);
  });

  it('a missing attachment is said in the request, never dropped silently', async () => {
    await send({
      model: 'openai/gpt-4o',
      messages: [{ role: 'user', content: 'Again', missingAttachments: ['old.png'] }],
    });
    const body = emulator.requests[0]?.body as { messages: { content: unknown }[] };
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'Again' },
      { type: 'text', text: '[The attached file "old.png" is no longer available.]' },
    ]);
  });

  it('an image sent to a model without image input fails with the 404 OpenRouter sends', async () => {
    const failure = await send({
      model: 'openai/gpt-3.5-turbo',
      messages: [{ role: 'user', content: 'See', attachments: [firstTurn.attachments?.[0] as never] }],
    }).catch((e: unknown) => e);
    expect(emulator.requests[0]?.responseStatus).toBe(404);
    expect(failure).toMatchObject({ error: { status: 404 } });
  });
});
