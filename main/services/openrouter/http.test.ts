import { describe, expect, it } from 'vitest';
import { parseBaseUrl } from '../../config/base-url';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { buildHeaders, buildUrl } from './http';
import { safeLabel } from './key-info';
import { fakeFetch, TEST_KEY } from './testing/test-support';

describe('buildUrl', () => {
  it('joins the fixed paths under the base URL', () => {
    const base = parseBaseUrl('https://openrouter.ai/api/v1');
    expect(buildUrl(base, 'chat/completions').href).toBe('https://openrouter.ai/api/v1/chat/completions');
    expect(buildUrl(base, 'models').href).toBe('https://openrouter.ai/api/v1/models?output_modalities=all');
    expect(buildUrl(base, 'key').href).toBe('https://openrouter.ai/api/v1/key');
  });

  it.each(['//evil.example/x', '@evil.example/x', '../../../x', 'https://evil.example/x', '\\evil.example'])(
    'never leaves the origin, even for a hostile path %s',
    (path) => {
      const base = parseBaseUrl('https://openrouter.ai/api/v1');
      // Not a valid ApiPath: the cast simulates a future mistake in a path constant.
      let origin: string;
      try {
        origin = buildUrl(base, path as 'models').origin;
      } catch {
        origin = 'refused';
      }
      expect(['https://openrouter.ai', 'refused']).toContain(origin);
    },
  );
});

describe('buildHeaders', () => {
  it('sets Bearer and attribution headers, and Content-Type only with a body', () => {
    expect(buildHeaders('k', 'https://app', true)).toMatchObject({
      Authorization: 'Bearer k',
      'HTTP-Referer': 'https://app',
      'X-OpenRouter-Title': 'Switchboard',
      'X-Title': 'Switchboard',
      'Content-Type': 'application/json',
    });
    expect(buildHeaders('k', 'https://app', false)).not.toHaveProperty('Content-Type');
  });
});

describe('getKeyInfo', () => {
  const keyBody = {
    data: { label: 'laptop', usage: 1.5, limit: null, limit_remaining: null, is_free_tier: true },
  };

  it('uses a candidate key instead of the stored one and maps the fields', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json(keyBody));
    const client = createOpenRouterClient({
      baseUrl: 'https://openrouter.test/api/v1',
      getKey: () => 'stored-key-that-must-not-be-used',
      log: createMemoryLogger(),
      fetch,
      appUrl: 'https://example.test/app',
    });
    await expect(client.getKeyInfo(TEST_KEY)).resolves.toEqual({
      label: 'laptop',
      usage: 1.5,
      limit: null,
      limitRemaining: null,
      isFreeTier: true,
    });
    expect(calls[0]?.url).toBe('https://openrouter.test/api/v1/key');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.headers).toMatchObject({
      authorization: `Bearer ${TEST_KEY}`,
      'http-referer': 'https://example.test/app',
      'x-openrouter-title': 'Switchboard',
      'x-title': 'Switchboard',
    });
    expect(calls[0]?.headers).not.toHaveProperty('content-type');
  });

  it('refuses an empty candidate or a missing stored key without a request', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json(keyBody));
    const client = createOpenRouterClient({
      baseUrl: 'https://openrouter.test/api/v1',
      getKey: () => null,
      log: createMemoryLogger(),
      fetch,
    });
    await expect(client.getKeyInfo()).rejects.toMatchObject({ error: { code: 'key_missing' } });
    await expect(client.getKeyInfo('  ')).rejects.toMatchObject({ error: { code: 'key_missing' } });
    await expect(client.listModels()).rejects.toMatchObject({ error: { code: 'key_missing' } });
    expect(calls).toHaveLength(0);
  });

  it('maps a malformed body to upstream_error and invalid JSON too', async () => {
    const { fetch } = fakeFetch((_c, i) =>
      i === 0 ? Response.json({ nope: true }) : new Response('<html>'),
    );
    const client = createOpenRouterClient({
      baseUrl: 'https://openrouter.test/api/v1',
      getKey: () => TEST_KEY,
      log: createMemoryLogger(),
      fetch,
    });
    await expect(client.getKeyInfo()).rejects.toMatchObject({ error: { code: 'upstream_error' } });
    await expect(client.getKeyInfo()).rejects.toMatchObject({ error: { code: 'upstream_error' } });
  });
});

describe('safeLabel', () => {
  it('keeps a masked label but removes a full key', () => {
    expect(safeLabel('sk-or-v1-abc...def', TEST_KEY)).toBe('sk-or-v1-abc...def');
    expect(safeLabel(`mine ${TEST_KEY}`, TEST_KEY)).not.toContain(TEST_KEY.slice(9));
    expect(safeLabel(`other sk-or-v1-${'9'.repeat(64)}`, TEST_KEY)).toBe('other sk-or-[REDACTED]');
  });
});
