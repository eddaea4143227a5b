import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../services/log/testing/memory-logger';
import { resolveOptions } from '../services/openrouter/options';
import { BaseUrlError, parseBaseUrl } from './base-url';
import { ENV_BASE_URL, readLaunchConfig } from './launch-config';

describe('parseBaseUrl', () => {
  it('accepts https and loopback http, normalising a trailing slash', () => {
    expect(parseBaseUrl('https://openrouter.ai/api/v1/').href).toBe('https://openrouter.ai/api/v1');
    expect(parseBaseUrl('http://127.0.0.1:4010/api/v1').origin).toBe('http://127.0.0.1:4010');
    expect(parseBaseUrl('http://localhost:4010/api/v1').origin).toBe('http://localhost:4010');
    expect(parseBaseUrl('http://[::1]:4010/api/v1').origin).toBe('http://[::1]:4010');
  });

  it('refuses plain http off loopback, credentials, queries and non-URLs', () => {
    expect(() => parseBaseUrl('http://openrouter.ai/api/v1')).toThrow(/https/);
    expect(() => parseBaseUrl('https://user:pw@openrouter.ai/api/v1')).toThrow();
    expect(() => parseBaseUrl('https://openrouter.ai/api/v1?x=1')).toThrow();
    expect(() => parseBaseUrl('file:///etc/passwd')).toThrow();
    expect(() => parseBaseUrl('not a url')).toThrow();
  });

  it.each([
    ['not a url', 'not_a_url'],
    ['http://openrouter.ai/api/v1', 'not_https'],
    ['ftp://127.0.0.1/api', 'not_https'],
    ['https://user:pw@openrouter.ai/api/v1', 'has_extras'],
    ['https://openrouter.ai/api/v1#x', 'has_extras'],
  ])('says which rule %s breaks', (raw, problem) => {
    expect(() => parseBaseUrl(raw)).toThrow(expect.objectContaining({ problem }));
    expect(() => parseBaseUrl(raw)).toThrow(BaseUrlError);
  });
});

describe('one rule for the launch config and the OpenRouter client', () => {
  const accepts = {
    launch: (raw: string) => {
      try {
        return readLaunchConfig({ [ENV_BASE_URL]: raw }, [], isAbsolute).openRouterBaseUrl;
      } catch {
        return 'refused';
      }
    },
    client: (raw: string) => {
      try {
        return resolveOptions({ baseUrl: raw, getKey: () => null, log: createMemoryLogger() }).baseUrl.href;
      } catch {
        return 'refused';
      }
    },
  };

  it.each([
    'https://openrouter.ai/api/v1/',
    'https://proxy.example/or/v1',
    'http://127.0.0.1:4010/api/v1',
    'http://localhost:4010/api/v1//',
    'http://[::1]:4010/api/v1',
    'http://openrouter.ai/api/v1',
    'http://127.0.0.2/api/v1',
    'http://[::2]/api/v1',
    'ftp://127.0.0.1/api',
    'https://user:pw@proxy.example/api/v1',
    'https://openrouter.ai/api/v1?x=1',
    'https://openrouter.ai/api/v1#x',
    'not a url',
  ])('%s: both accept it as the same URL, or both refuse it', (raw) => {
    expect(accepts.launch(raw)).toBe(accepts.client(raw));
  });
});
