import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAttachments } from './attachments';
import { buildReplyText } from './reply';
import { hashString } from './rng';
import { type Emulator, startEmulator } from './server';
import { chat, chunksOf, contentOf, type ErrorJson } from './test-support';

// Content parts (issue 17): strict part shapes, the exact bytes in the request log, the image-input
// 404 for a model without `image`, `file` annotations for parsed PDFs and the parse skipped when the
// request sends the annotation back, and the deterministic echo at the start of the reply.

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.clearRequests());

/** A real 1×1 PNG (70 bytes). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const WAV = Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const imagePart = {
  type: 'image_url',
  image_url: { url: `data:image/png;base64,${PNG.toString('base64')}` },
};
const pdfPart = {
  type: 'file',
  file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${PDF.toString('base64')}` },
};
const textFilePart = {
  type: 'text',
  text: '<file name="notes &amp; &quot;todo&quot;.txt">\nbuy milk\n</file>',
};
const audioPart = { type: 'input_audio', input_audio: { data: WAV.toString('base64'), format: 'wav' } };
const PLUGINS = [{ id: 'file-parser', pdf: { engine: 'cloudflare-ai' } }];

function userParts(...parts: unknown[]) {
  return [{ role: 'user', content: [{ type: 'text', text: 'Look' }, ...parts] }];
}

async function send(messages: unknown[], opts: { model?: string; stream?: boolean; plugins?: unknown } = {}) {
  return chat(emu, {
    model: opts.model ?? 'openai/gpt-4o',
    stream: opts.stream ?? true,
    extra: { messages, ...(opts.plugins !== undefined ? { plugins: opts.plugins } : {}) },
  });
}

type Annotated = {
  annotations?: { type: string; file: { hash: string; name: string; content: unknown[] } }[];
};

describe('content parts', () => {
  it('records the decoded bytes of every part, equal to what was attached', async () => {
    const res = await send(userParts(imagePart, pdfPart, textFilePart, audioPart), { plugins: PLUGINS });
    expect(res.status).toBe(200);
    await res.text();
    const recorded = emu.requests.find((r) => r.path === '/api/v1/chat/completions');
    const got = recorded?.attachments;
    expect(Buffer.from(got?.images[0]?.bytes ?? [])).toEqual(PNG);
    expect(got?.images[0]?.mimeType).toBe('image/png');
    expect(got?.files[0]).toMatchObject({ filename: 'report.pdf', sha256: sha256(PDF), parse: 'parsed' });
    expect(Buffer.from(got?.files[0]?.bytes ?? [])).toEqual(PDF);
    expect(got?.textFiles).toEqual([{ name: 'notes & "todo".txt', text: 'buy milk' }]);
    expect(Buffer.from(got?.audio[0]?.bytes ?? [])).toEqual(WAV);
    expect(got?.pdfEngine).toBe('cloudflare-ai');
    // The full body stays in the log too.
    expect((recorded?.body as { messages?: unknown[] } | undefined)?.messages).toEqual(
      userParts(imagePart, pdfPart, textFilePart, audioPart),
    );
  });

  it('starts the reply with a deterministic echo of what arrived, then the seeded text', async () => {
    const messages = userParts(imagePart, pdfPart, textFilePart);
    const res = await send(messages, { plugins: PLUGINS });
    const text = contentOf(chunksOf(await res.text()));
    const echo = `Received 1 image (image/png, ${PNG.byteLength} bytes), 1 file (report.pdf, engine cloudflare-ai), 1 text file.`;
    expect(text).toBe(
      `${echo}\n\n${buildReplyText({ seed: hashString(JSON.stringify(messages)), tokens: 40, multibyte: false, hugeLine: false })}`,
    );
    const audio = await send(userParts(audioPart), { model: 'openai/gpt-4o-audio-preview' });
    expect(contentOf(chunksOf(await audio.text()))).toMatch(/^Received 1 audio clip \(wav, 16 bytes\)\.\n\n/);
  });

  it('leaves a reply to plain text exactly as before', async () => {
    const messages = [{ role: 'user', content: 'Hi' }];
    const text = contentOf(chunksOf(await (await send(messages)).text()));
    expect(text).toBe(
      buildReplyText({
        seed: hashString(JSON.stringify(messages)),
        tokens: 40,
        multibyte: false,
        hugeLine: false,
      }),
    );
    expect(emu.requests[0]?.attachments).toEqual({
      images: [],
      files: [],
      textFiles: [],
      audio: [],
      pdfEngine: null,
      annotatedHashes: [],
    });
  });

  it.each([
    ['a part without type', { text: 'x' }, 'expected an object with a string "type"'],
    ['a text part without text', { type: 'text' }, 'a text part needs a string "text"'],
    [
      'an image_url with a plain string',
      { type: 'image_url', image_url: 'data:image/png;base64,AA==' },
      'image_url.url',
    ],
    ['an image_url over http', { type: 'image_url', image_url: { url: 'http://x.test/a.png' } }, 'https URL'],
    [
      'an image_url with a non-image data URL',
      { type: 'image_url', image_url: { url: 'data:application/pdf;base64,AA==' } },
      'data:image',
    ],
    [
      'an unknown detail',
      { type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'max' } },
      'detail',
    ],
    [
      'a file without filename',
      { type: 'file', file: { file_data: 'data:application/pdf;base64,AA==' } },
      'file.filename',
    ],
    [
      'a file with raw base64',
      { type: 'file', file: { filename: 'a.pdf', file_data: 'JVBERi0=' } },
      'file.file_data',
    ],
    [
      'audio with a data: prefix',
      { type: 'input_audio', input_audio: { data: 'data:audio/wav;base64,AA==', format: 'wav' } },
      'without a data: prefix',
    ],
    ['audio without format', { type: 'input_audio', input_audio: { data: 'AA==' } }, 'input_audio.format'],
    ['an unknown part type', { type: 'video' }, 'unsupported content part type "video"'],
  ])('rejects %s with a 400 naming the part', async (_name, part, wording) => {
    const res = await send(userParts(part));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.message).toContain('messages[0].content[1]');
    expect(body.error.message).toContain(wording);
  });

  it('rejects content that is neither a string nor a list', async () => {
    const res = await send([{ role: 'user', content: { type: 'text', text: 'x' } }]);
    expect(res.status).toBe(400);
  });
});

describe('models that cannot read images', () => {
  it('answers an image sent to a text-only model with the real 404 body, byte for byte', async () => {
    const res = await send(userParts(imagePart), { model: 'openai/gpt-3.5-turbo' });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(
      '{"error":{"message":"No endpoints found that support image input","code":404}}',
    );
  });

  it('answers the same model without an image, and a vision model with one', async () => {
    expect((await send([{ role: 'user', content: 'Hi' }], { model: 'openai/gpt-3.5-turbo' })).status).toBe(
      200,
    );
    expect((await send(userParts(imagePart), { model: 'openai/gpt-4o' })).status).toBe(200);
  });

  it('lists models for each input the tests need: image, file (native PDF), audio, and text only', async () => {
    const res = await fetch(`${emu.baseUrl}/models`, {
      headers: { authorization: `Bearer ${emu.defaultKey}` },
    });
    const { data } = (await res.json()) as {
      data: { id: string; architecture: { input_modalities: string[] } }[];
    };
    const inputs = (id: string) => data.find((m) => m.id === id)?.architecture.input_modalities;
    expect(inputs('openai/gpt-4o')).toEqual(['text', 'image', 'file']);
    expect(inputs('openai/gpt-4o-audio-preview')).toEqual(['text', 'audio']);
    expect(inputs('openai/gpt-3.5-turbo')).toEqual(['text']);
  });
});

describe('PDF parse annotations', () => {
  it('streams a file annotation for a parsed PDF: hash = SHA-256 of the bytes, name, <file name> text', async () => {
    const res = await send(userParts(pdfPart), { plugins: PLUGINS });
    const chunks = chunksOf(await res.text());
    const annotated = chunks.map((c) => c.choices[0]?.delta as Annotated).find((d) => d?.annotations);
    expect(annotated?.annotations).toEqual([
      {
        type: 'file',
        file: {
          hash: sha256(PDF),
          name: 'report.pdf',
          content: [
            { type: 'text', text: '<file name="report.pdf">' },
            { type: 'text', text: `Parsed by the emulator: ${PDF.byteLength} bytes.` },
          ],
        },
      },
    ]);
    expect(emu.pdfParses()).toEqual({ parsed: 1, skipped: 0 });
  });

  it('skips the parse when the request sends the annotation back, and counts it', async () => {
    const first = await send(userParts(pdfPart), { plugins: PLUGINS, stream: false });
    const message = ((await first.json()) as { choices: { message: Annotated & { content: string } }[] })
      .choices[0]?.message;
    expect(message?.annotations?.[0]?.file.hash).toBe(sha256(PDF));
    const second = await send(
      [
        ...userParts(pdfPart),
        { role: 'assistant', content: message?.content, annotations: message?.annotations },
        { role: 'user', content: 'And page 2?' },
      ],
      { plugins: PLUGINS, stream: false },
    );
    const again = ((await second.json()) as { choices: { message: Annotated & { content: string } }[] })
      .choices[0]?.message;
    expect(again?.annotations).toBeUndefined();
    expect(again?.content).toMatch(/^Received 1 file \(report\.pdf, engine cloudflare-ai, parse skipped\)\./);
    expect(emu.pdfParses()).toEqual({ parsed: 1, skipped: 1 });
    expect(emu.requests.map((r) => r.attachments?.files.map((f) => f.parse))).toEqual([
      ['parsed'],
      ['skipped'],
    ]);
  });

  it('puts web-search citations and file annotations side by side in a whole completion', async () => {
    const res = await chat(emu, {
      stream: false,
      extra: { messages: userParts(pdfPart), tools: [{ type: 'openrouter:web_search' }] },
    });
    const message = ((await res.json()) as { choices: { message: Annotated }[] }).choices[0]?.message;
    expect(message?.annotations?.map((a) => a.type)).toEqual(['url_citation', 'url_citation', 'file']);
  });
});

describe('readAttachments', () => {
  it('reads a message without content parts as nothing attached', () => {
    expect(readAttachments({ messages: [{ role: 'user', content: 'x' }] })).toMatchObject({
      ok: true,
      received: { images: [], files: [] },
    });
  });
});
