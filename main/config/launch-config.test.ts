import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENROUTER_BASE_URL, readLaunchConfig } from './launch-config';

const read = (env: Record<string, string>, argv: string[] = []) => readLaunchConfig(env, argv, isAbsolute);

describe('launch config', () => {
  it('defaults to OpenRouter and the platform user-data directory', () => {
    expect(read({})).toEqual({ openRouterBaseUrl: DEFAULT_OPENROUTER_BASE_URL, userDataDir: null });
  });

  it('reads the environment', () => {
    expect(
      read({
        SWITCHBOARD_OPENROUTER_BASE_URL: 'http://127.0.0.1:4000/api/v1/',
        SWITCHBOARD_USER_DATA_DIR: '/tmp/sb',
      }),
    ).toEqual({ openRouterBaseUrl: 'http://127.0.0.1:4000/api/v1', userDataDir: '/tmp/sb' });
  });

  it('lets command-line flags win over the environment', () => {
    const cfg = read({ SWITCHBOARD_OPENROUTER_BASE_URL: 'https://a.example/api/v1' }, [
      '--openrouter-base-url=https://proxy.example/or/v1',
      '--switchboard-user-data',
      '/data/sb',
    ]);
    expect(cfg).toEqual({ openRouterBaseUrl: 'https://proxy.example/or/v1', userDataDir: '/data/sb' });
  });

  it.each([
    'http://openrouter.ai/api/v1', // the key would travel in clear text
    'ftp://127.0.0.1/api',
    'https://user:pw@proxy.example/api/v1',
    'https://openrouter.ai/api/v1?x=1',
    'not a url',
  ])('refuses %s', (url) => {
    expect(() => read({ SWITCHBOARD_OPENROUTER_BASE_URL: url })).toThrow(/SWITCHBOARD_OPENROUTER_BASE_URL/);
  });

  it('refuses a relative user-data directory', () => {
    expect(() => read({ SWITCHBOARD_USER_DATA_DIR: 'data' })).toThrow(/absolute/);
  });
});
