import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from './models';
import { DEFAULT_PRESETS, DEFAULT_PRIVACY_EXCLUDED, type Emulator, startEmulator } from './server';
import { chat, chunksOf, get } from './test-support';

// Issue 15: reasoning metadata, provider endpoints, the account's model list, providers, fallbacks, presets,
// and the checks and routing of `reasoning`, `provider`, `models` and `session_id` on chat requests.

const LIMITED_KEY = `sk-or-v1-${'7'.repeat(64)}`;
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ keys: [{ key: LIMITED_KEY, mayListAccountModels: false }] });
});
afterAll(() => emu.close());
beforeEach(() => emu.clearRequests());

async function modelsById(path = '/models?output_modalities=all'): Promise<Map<string, Model>> {
  const body = (await (await get(emu, path)).json()) as { data: Model[] };
  return new Map(body.data.map((m) => [m.id, m]));
}

async function json(res: Response): Promise<{
  model?: string;
  provider?: string;
  error?: { code: number; message: string; metadata?: Record<string, unknown> };
}> {
  return (await res.json()) as never;
}

describe('GET /models reasoning{…}', () => {
  it('reasoning models carry it (mandatory, token budgets, effort lists); others do not', async () => {
    const models = await modelsById();
    expect(models.get('openai/o3')?.reasoning).toEqual({
      mandatory: true,
      default_enabled: true,
      supported_efforts: ['high', 'medium', 'low', 'minimal'],
      default_effort: 'medium',
    });
    expect(models.get('anthropic/claude-sonnet-4.5')?.reasoning).toMatchObject({
      mandatory: false,
      supports_max_tokens: true,
      supported_efforts: ['high', 'medium', 'low'],
    });
    expect(models.get('openai/gpt-5.1')?.reasoning?.supported_efforts).toContain('none');
    // A budget without effort levels.
    expect(models.get('qwen/qwen3-235b-a22b')?.reasoning).toEqual({
      mandatory: false,
      default_enabled: true,
      supports_max_tokens: true,
    });
    expect(models.get('openai/gpt-4o')?.reasoning).toBeUndefined();
    for (const m of models.values()) {
      expect(m.reasoning !== undefined).toBe(m.supported_parameters.includes('reasoning'));
    }
  });
});

describe('GET /models/{author}/{slug}/endpoints', () => {
  it('lists 2–3 providers with tag, quantization, prices per token and uptime', async () => {
    const res = await get(emu, '/models/meta-llama/llama-3.3-70b-instruct/endpoints');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string; endpoints: Record<string, unknown>[] } };
    expect(body.data.id).toBe('meta-llama/llama-3.3-70b-instruct');
    expect(body.data.endpoints.length).toBeGreaterThanOrEqual(2);
    expect(body.data.endpoints.length).toBeLessThanOrEqual(3);
    for (const e of body.data.endpoints) {
      expect(e).toMatchObject({
        provider_name: expect.any(String),
        tag: expect.stringMatching(/^[a-z-]+\/(fp8|bf16|fp16|fp4)$/),
        quantization: expect.stringMatching(/^(fp8|bf16|fp16|fp4)$/),
        context_length: expect.any(Number),
        pricing: { prompt: expect.stringMatching(/^0\.\d+$/), completion: expect.stringMatching(/^0\.\d+$/) },
        uptime_last_30m: expect.any(Number),
        status: expect.any(Number),
        supported_parameters: expect.arrayContaining(['temperature']),
      });
    }
  });

  it('closed models list their makers and clouds; percent-encoded segments work; unknown → 404', async () => {
    const anthropic = (await (await get(emu, '/models/anthropic/claude-sonnet-4.5/endpoints')).json()) as {
      data: { endpoints: { tag: string }[] };
    };
    expect(anthropic.data.endpoints.map((e) => e.tag)).toEqual([
      'anthropic',
      'amazon-bedrock',
      'google-vertex',
    ]);
    expect((await get(emu, '/models/deepseek/deepseek-chat-v3.1%3Afree/endpoints')).status).toBe(200);
    const missing = await get(emu, '/models/nobody/nothing/endpoints');
    expect(missing.status).toBe(404);
  });
});

describe('GET /models/user', () => {
  it('leaves out the models the account’s privacy settings exclude', async () => {
    const all = await modelsById('/models');
    const user = await modelsById('/models/user');
    expect(DEFAULT_PRIVACY_EXCLUDED.every((id) => all.has(id) && !user.has(id))).toBe(true);
    expect(user.size).toBe(all.size - DEFAULT_PRIVACY_EXCLUDED.length);
  });

  it('is configurable, and answers 403 for a key that may not list them', async () => {
    const other = await startEmulator({ privacyExcludedModels: ['openai/gpt-4o'] });
    try {
      const res = await fetch(`${other.baseUrl}/models/user`, {
        headers: { authorization: `Bearer ${other.defaultKey}` },
      });
      const ids = ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id);
      expect(ids).not.toContain('openai/gpt-4o');
      expect(ids).toContain(DEFAULT_PRIVACY_EXCLUDED[0]);
    } finally {
      await other.close();
    }
    const denied = await get(emu, '/models/user', { authorization: `Bearer ${LIMITED_KEY}` });
    expect(denied.status).toBe(403);
  });
});

describe('GET /providers', () => {
  it('lists slug, name and privacy policy of each host', async () => {
    const body = (await (await get(emu, '/providers')).json()) as { data: Record<string, unknown>[] };
    expect(body.data).toContainEqual(
      expect.objectContaining({
        slug: 'deepinfra',
        name: 'DeepInfra',
        privacy_policy_url: expect.stringMatching(/^https:/),
      }),
    );
  });
});

describe('the request log', () => {
  it('records reasoning, provider, models, session_id and tools exactly as sent', async () => {
    const extra = {
      reasoning: { effort: 'high' },
      provider: { sort: 'price', data_collection: 'deny' },
      models: ['openai/gpt-4o', 'openai/gpt-4o-mini'],
      session_id: 'conv-1',
      tools: [{ type: 'openrouter:web_search', parameters: { max_results: 3 } }],
    };
    await (await chat(emu, { model: 'openai/gpt-5', extra })).text();
    const [request] = emu.requests;
    expect(request?.chatOptions).toEqual(extra);
    expect(request?.served).toEqual({ model: 'openai/gpt-5', provider: 'OpenAI' });
  });

  it('records none of them when none were sent', async () => {
    await (await chat(emu)).text();
    expect(emu.requests[0]?.chatOptions).toEqual({});
  });
});

describe('checks like OpenRouter’s', () => {
  it('effort and max_tokens together → 400', async () => {
    const res = await chat(emu, {
      model: 'anthropic/claude-sonnet-4.5',
      extra: { reasoning: { effort: 'high', max_tokens: 2048 } },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error?.message).toMatch(/effort.*max_tokens/);
  });

  it('turning reasoning off on a model where it is mandatory → 400; allowed elsewhere', async () => {
    const res = await chat(emu, { model: 'openai/o3', extra: { reasoning: { enabled: false } } });
    expect(res.status).toBe(400);
    expect((await json(res)).error?.message).toMatch(/mandatory/);
    expect(
      (await chat(emu, { model: 'anthropic/claude-sonnet-4.5', extra: { reasoning: { enabled: false } } }))
        .status,
    ).toBe(200);
  });

  it.each([
    [{ sort: 'cheapest' }],
    [{ order: 'openai' }],
    [{ max_price: { prompt: -1 } }],
    [{ data_collection: 'never' }],
    [{ quantizations: ['fp9'] }],
    ['openai'],
  ])('a malformed provider %j → 400', async (provider) => {
    const res = await chat(emu, { extra: { provider } });
    expect(res.status).toBe(400);
    expect((await json(res)).error?.message).toMatch(/provider/);
  });

  it('a malformed models list or session_id → 400', async () => {
    expect((await chat(emu, { extra: { models: 'openai/gpt-4o' } })).status).toBe(400);
    expect((await chat(emu, { extra: { models: ['nobody/nothing'] } })).status).toBe(400);
    expect((await chat(emu, { extra: { session_id: 'x'.repeat(257) } })).status).toBe(400);
  });
});

describe('provider routing', () => {
  it('only / order pick the endpoint that serves, named in every chunk', async () => {
    const res = await chat(emu, {
      model: 'anthropic/claude-sonnet-4.5',
      extra: { provider: { only: ['google-vertex'] } },
    });
    const chunks = chunksOf(await res.text());
    expect(new Set(chunks.map((c) => (c as { provider?: string }).provider))).toEqual(
      new Set(['Google Vertex']),
    );
    const ordered = await chat(emu, {
      model: 'anthropic/claude-sonnet-4.5',
      stream: false,
      extra: { provider: { order: ['amazon-bedrock', 'anthropic'] } },
    });
    expect((await json(ordered)).provider).toBe('Amazon Bedrock');
  });

  it('without provider preferences the reply names the model’s maker as before', async () => {
    expect((await json(await chat(emu, { model: 'google/gemini-2.5-flash', stream: false }))).provider).toBe(
      'Google',
    );
  });

  it('data_collection deny on a model only a collecting host serves → the real 404', async () => {
    const res = await chat(emu, {
      model: 'meta-llama/llama-3.3-70b-instruct:free',
      extra: { provider: { data_collection: 'deny' } },
    });
    expect(res.status).toBe(404);
    expect((await json(res)).error).toEqual({
      code: 404,
      message: 'No allowed providers are available for the selected model.',
      metadata: { available_providers: ['chutes'], requested_providers: [] },
    });
  });

  it('max_price in USD per million tokens rules out dearer endpoints', async () => {
    // claude-sonnet-4.5 lists at $3/M prompt on all three hosts.
    expect(
      (
        await chat(emu, {
          model: 'anthropic/claude-sonnet-4.5',
          extra: { provider: { max_price: { prompt: 2.5 } } },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await chat(emu, {
          model: 'anthropic/claude-sonnet-4.5',
          extra: { provider: { max_price: { prompt: 3 } } },
        })
      ).status,
    ).toBe(200);
  });
});

describe('fallback models and presets', () => {
  it('when the first model fails, the next serves and the reply names it', async () => {
    const res = await chat(emu, {
      model: 'emulator/status-503',
      stream: false,
      extra: { models: ['emulator/status-503', 'openai/gpt-4o-mini'] },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).model).toBe('openai/gpt-4o-mini');
    expect(emu.requests[0]?.served?.model).toBe('openai/gpt-4o-mini');
  });

  it('a model the account’s privacy settings exclude is passed over; alone it gets the data-policy 404', async () => {
    const excluded = DEFAULT_PRIVACY_EXCLUDED[0] as string;
    const alone = await chat(emu, { model: excluded, stream: false });
    expect(alone.status).toBe(404);
    expect((await json(alone)).error?.message).toMatch(/data policy/);
    const withFallback = await chat(emu, {
      model: excluded,
      stream: false,
      extra: { models: [excluded, 'openai/gpt-4o'] },
    });
    expect((await json(withFallback)).model).toBe('openai/gpt-4o');
  });

  it('the last model’s error is returned when every model fails', async () => {
    const res = await chat(emu, { model: 'emulator/status-503', extra: { models: ['emulator/status-429'] } });
    expect(res.status).toBe(429);
  });

  it('@preset/<slug> is served by the model it names; an unknown preset → 404', async () => {
    const [slug, target] = Object.entries(DEFAULT_PRESETS)[0] as [string, string];
    const res = await chat(emu, { model: `@preset/${slug}`, stream: false });
    expect(res.status).toBe(200);
    expect((await json(res)).model).toBe(target);
    const unknown = await chat(emu, { model: '@preset/nope' });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error?.message).toMatch(/Preset/);
  });
});
