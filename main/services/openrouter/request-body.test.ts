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
