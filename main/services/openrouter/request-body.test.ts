import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../common/chat-types';
import { chatRequestBody } from './request-body';

const BASE: ChatRequest = {
  model: 'anthropic/claude-sonnet-4.5',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello', reasoningDetails: [{ type: 'reasoning.text', text: 'hm' }] },
    { role: 'user', content: 'And?' },
  ],
  temperature: 0.7,
  maxTokens: 256,
};

/**
 * The body the code before issue 15 built for BASE (JSON.stringify of its chatRequestBody), kept as a
 * literal: with no option chosen, the request must stay byte-for-byte this.
 */
const BASE_BODY_BEFORE_ISSUE_15 =
  '{"model":"anthropic/claude-sonnet-4.5","messages":[{"role":"system","content":"Be brief."},' +
  '{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello","reasoning_details":' +
  '[{"type":"reasoning.text","text":"hm"}]},{"role":"user","content":"And?"}],"stream":true,' +
  '"temperature":0.7,"max_tokens":256}';

/** The body for BASE plus `options`, minus BASE's own body: exactly what the options added or changed. */
function added(options: Partial<ChatRequest>): Record<string, unknown> {
  const base = chatRequestBody(BASE);
  const body = chatRequestBody({ ...BASE, ...options });
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (JSON.stringify(value) !== JSON.stringify(base[name])) changed[name] = value;
  }
  for (const name of Object.keys(base)) if (!(name in body)) changed[name] = 'REMOVED';
  return changed;
}

describe('chatRequestBody without options', () => {
  it('is byte-for-byte the body built before issue 15', () => {
    expect(JSON.stringify(chatRequestBody(BASE))).toBe(BASE_BODY_BEFORE_ISSUE_15);
  });

  it('stays the same when every option is explicitly absent', () => {
    const body = chatRequestBody({
      ...BASE,
      reasoning: undefined,
      provider: undefined,
      fallbackModels: undefined,
      sessionId: undefined,
      webSearch: undefined,
    });
    expect(JSON.stringify(body)).toBe(BASE_BODY_BEFORE_ISSUE_15);
  });
});

describe('chatRequestBody options: each changes only its own field', () => {
  it('reasoning effort → reasoning {effort}', () => {
    expect(added({ reasoning: { kind: 'effort', effort: 'high' } })).toEqual({
      reasoning: { effort: 'high' },
    });
  });

  it('reasoning budget → reasoning {max_tokens}, never with effort', () => {
    expect(added({ reasoning: { kind: 'budget', maxTokens: 4096 } })).toEqual({
      reasoning: { max_tokens: 4096 },
    });
  });

  it('reasoning off → reasoning {enabled: false}', () => {
    expect(added({ reasoning: { kind: 'off' } })).toEqual({ reasoning: { enabled: false } });
  });

  it('provider preferences → provider, snake_case, each field as set', () => {
    expect(
      added({
        provider: {
          order: ['anthropic', 'google-vertex'],
          only: ['anthropic', 'google-vertex', 'deepinfra/fp8'],
          ignore: ['together'],
          allowFallbacks: false,
          sort: 'throughput',
          dataCollection: 'deny',
          zdr: true,
          quantizations: ['fp8', 'bf16'],
          maxPrice: { promptPerMTok: 3, completionPerMTok: 15 },
          requireParameters: true,
        },
      }),
    ).toEqual({
      provider: {
        order: ['anthropic', 'google-vertex'],
        only: ['anthropic', 'google-vertex', 'deepinfra/fp8'],
        ignore: ['together'],
        allow_fallbacks: false,
        sort: 'throughput',
        data_collection: 'deny',
        zdr: true,
        quantizations: ['fp8', 'bf16'],
        max_price: { prompt: 3, completion: 15 },
        require_parameters: true,
      },
    });
  });

  it('a single provider field sends only that field', () => {
    expect(added({ provider: { dataCollection: 'deny' } })).toEqual({
      provider: { data_collection: 'deny' },
    });
    expect(added({ provider: { maxPrice: { completionPerMTok: 2.5 } } })).toEqual({
      provider: { max_price: { completion: 2.5 } },
    });
  });

  it('empty provider preferences send no provider field', () => {
    expect(added({ provider: {} })).toEqual({});
    expect(added({ provider: { maxPrice: {} } })).toEqual({});
  });

  it('fallback models → models with the primary first; model stays', () => {
    expect(added({ fallbackModels: ['openai/gpt-4o', 'google/gemini-2.5-pro'] })).toEqual({
      models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o', 'google/gemini-2.5-pro'],
    });
  });

  it('a fallback equal to the primary (or repeated) is dropped; nothing left → no models field', () => {
    expect(
      added({ fallbackModels: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o', 'openai/gpt-4o'] }),
    ).toEqual({
      models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'],
    });
    expect(added({ fallbackModels: ['anthropic/claude-sonnet-4.5'] })).toEqual({});
    expect(added({ fallbackModels: [] })).toEqual({});
  });

  it('sessionId → session_id', () => {
    expect(added({ sessionId: 'conv-0f3a' })).toEqual({ session_id: 'conv-0f3a' });
  });

  it('web search → the openrouter:web_search tool; engine auto (the default) is left out', () => {
    expect(added({ webSearch: { engine: 'auto', maxResults: 5 } })).toEqual({
      tools: [{ type: 'openrouter:web_search', parameters: { max_results: 5 } }],
    });
    expect(added({ webSearch: { engine: 'exa', maxResults: 3 } })).toEqual({
      tools: [{ type: 'openrouter:web_search', parameters: { engine: 'exa', max_results: 3 } }],
    });
  });

  it('all options together keep the old fields first and in their old order', () => {
    const body = chatRequestBody({
      ...BASE,
      reasoning: { kind: 'effort', effort: 'low' },
      provider: { sort: 'price' },
      fallbackModels: ['openai/gpt-4o'],
      sessionId: 's1',
      webSearch: { engine: 'native', maxResults: 2 },
    });
    expect(Object.keys(body)).toEqual([
      'model',
      'messages',
      'stream',
      'temperature',
      'max_tokens',
      'reasoning',
      'provider',
      'models',
      'session_id',
      'tools',
    ]);
  });
});

/** Small real-looking bytes: a PNG signature, a PDF header, UTF-8 text, a WAV header. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const TEXT = new TextEncoder().encode('const café = "☕";\n');
const WAV = new TextEncoder().encode('RIFF\u0024\u0000\u0000\u0000WAVEfmt ');
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00]);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function userWith(
  content: string,
  attachments: ChatRequest['messages'][number]['attachments'],
  missingAttachments?: string[],
): ChatRequest {
  return {
    model: 'openai/gpt-4o',
    messages: [
      {
        role: 'user',
        content,
        attachments,
        ...(missingAttachments !== undefined ? { missingAttachments } : {}),
      },
    ],
  };
}

describe('chatRequestBody with attachments (issue 17)', () => {
  it('sends a message with attachments as parts: the text first, then each file in order', () => {
    const body = chatRequestBody(
      userWith('Look at these', [
        { kind: 'image', name: 'shot.png', mimeType: 'image/png', bytes: PNG },
        { kind: 'pdf', name: 'report.pdf', mimeType: 'application/pdf', bytes: PDF },
        { kind: 'text', name: 'main.ts', mimeType: 'text/plain', bytes: TEXT },
        { kind: 'audio', name: 'voice.wav', mimeType: 'audio/wav', bytes: WAV },
        { kind: 'audio', name: 'song.mp3', mimeType: 'audio/mpeg', bytes: MP3 },
      ]),
    );
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look at these' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${b64(PNG)}` } },
          {
            type: 'file',
            file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${b64(PDF)}` },
          },
          { type: 'text', text: '<file name="main.ts">\nconst café = "☕";\n\n</file>' },
          { type: 'input_audio', input_audio: { data: b64(WAV), format: 'wav' } },
          { type: 'input_audio', input_audio: { data: b64(MP3), format: 'mp3' } },
        ],
      },
    ]);
  });

  it('leaves the text part out when the message has no text', () => {
    const body = chatRequestBody(
      userWith('', [{ kind: 'image', name: 'a.png', mimeType: 'image/png', bytes: PNG }]),
    );
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${b64(PNG)}` } }],
      },
    ]);
  });

  it('escapes the file name of an inlined text file so it cannot close or forge the wrapper', () => {
    const body = chatRequestBody(
      userWith('', [
        { kind: 'text', name: 'a"><b>&.txt', mimeType: 'text/plain', bytes: new TextEncoder().encode('x') },
      ]),
    );
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [{ type: 'text', text: '<file name="a&quot;&gt;&lt;b&gt;&amp;.txt">\nx\n</file>' }],
      },
    ]);
  });

  it('says in a text part that a missing attachment is no longer available', () => {
    const body = chatRequestBody(
      userWith('Again', [{ kind: 'image', name: 'a.png', mimeType: 'image/png', bytes: PNG }], ['old.pdf']),
    );
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Again' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${b64(PNG)}` } },
          { type: 'text', text: '[The attached file "old.pdf" is no longer available.]' },
        ],
      },
    ]);
    // Only missing files: still parts, never a silent drop.
    expect(chatRequestBody(userWith('Hi', undefined, ['gone.png'])).messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'text', text: '[The attached file "gone.png" is no longer available.]' },
        ],
      },
    ]);
  });

  it('turns attachments into parts only on user messages', () => {
    const body = chatRequestBody({
      model: 'm',
      messages: [
        {
          role: 'assistant',
          content: 'Here',
          attachments: [{ kind: 'image', name: 'a.png', mimeType: 'image/png', bytes: PNG }],
          missingAttachments: ['b.png'],
        },
      ],
    });
    expect(body.messages).toEqual([{ role: 'assistant', content: 'Here' }]);
  });

  it('keeps a plain string content when the attachment lists are empty', () => {
    expect(chatRequestBody(userWith('Hi', [], [])).messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('adds the file-parser plugin with the engine when a message carries a PDF', () => {
    const pdf = userWith('Read', [{ kind: 'pdf', name: 'r.pdf', mimeType: 'application/pdf', bytes: PDF }]);
    expect(chatRequestBody({ ...pdf, pdfEngine: 'mistral-ocr' }).plugins).toEqual([
      { id: 'file-parser', pdf: { engine: 'mistral-ocr' } },
    ]);
    // Last, after every older field.
    expect(Object.keys(chatRequestBody({ ...pdf, pdfEngine: 'native', maxTokens: 5 })).at(-1)).toBe(
      'plugins',
    );
    // No engine chosen: no plugin (OpenRouter's default applies).
    expect(chatRequestBody(pdf)).not.toHaveProperty('plugins');
  });

  it('sends no plugin for an engine when no message carries a PDF', () => {
    const image = userWith('See', [{ kind: 'image', name: 'a.png', mimeType: 'image/png', bytes: PNG }]);
    expect(chatRequestBody({ ...image, pdfEngine: 'cloudflare-ai' })).not.toHaveProperty('plugins');
    expect(JSON.stringify(chatRequestBody({ ...BASE, pdfEngine: 'cloudflare-ai' }))).toBe(
      BASE_BODY_BEFORE_ISSUE_15,
    );
  });

  it("sends an assistant message's file annotations back unmodified", () => {
    const annotation = {
      type: 'file',
      file: {
        hash: 'abc123def456',
        name: 'bitcoin.pdf',
        content: [{ type: 'text', text: 'Page 1 content' }],
      },
    };
    const body = chatRequestBody({
      model: 'openai/gpt-4o',
      messages: [
        {
          role: 'user',
          content: 'Read',
          attachments: [{ kind: 'pdf', name: 'bitcoin.pdf', mimeType: 'application/pdf', bytes: PDF }],
        },
        { role: 'assistant', content: 'Done', fileAnnotations: [annotation] },
        { role: 'user', content: 'More?' },
      ],
    });
    const messages = body.messages as Record<string, unknown>[];
    expect(messages[1]).toEqual({ role: 'assistant', content: 'Done', annotations: [annotation] });
    expect(messages[2]).toEqual({ role: 'user', content: 'More?' });
    // An empty list sends nothing.
    const none = chatRequestBody({
      model: 'm',
      messages: [{ role: 'assistant', content: 'x', fileAnnotations: [] }],
    });
    expect(none.messages).toEqual([{ role: 'assistant', content: 'x' }]);
  });
});
