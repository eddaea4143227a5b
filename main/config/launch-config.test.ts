import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENROUTER_BASE_URL, ENV_BASE_URL, readLaunchConfig } from './launch-config';

const read = (env: Record<string, string>, argv: string[] = []) => readLaunchConfig(env, argv, isAbsolute);
const readPackaged = (env: Record<string, string>, argv: string[] = []) =>
  readLaunchConfig(env, argv, isAbsolute, { isPackaged: true });

describe('launch config', () => {
  it('defaults to OpenRouter and the platform user-data directory', () => {
    expect(read({})).toEqual({
      openRouterBaseUrl: DEFAULT_OPENROUTER_BASE_URL,
      userDataDir: null,
      notices: [],
    });
  });

  it('reads the environment', () => {
    expect(
      read({
        SWITCHBOARD_OPENROUTER_BASE_URL: 'http://127.0.0.1:4000/api/v1/',
        SWITCHBOARD_USER_DATA_DIR: '/tmp/sb',
      }),
    ).toEqual({ openRouterBaseUrl: 'http://127.0.0.1:4000/api/v1', userDataDir: '/tmp/sb', notices: [] });
  });

  it('lets command-line flags win over the environment', () => {
    const cfg = read({ SWITCHBOARD_OPENROUTER_BASE_URL: 'https://a.example/api/v1' }, [
      '--openrouter-base-url=https://proxy.example/or/v1',
      '--switchboard-user-data',
      '/data/sb',
    ]);
    expect(cfg).toEqual({
      openRouterBaseUrl: 'https://proxy.example/or/v1',
      userDataDir: '/data/sb',
      notices: [],
    });
  });

  describe('packaged builds: the base URL only from the command line', () => {
    // The environment is inherited, and same-user software can set it persistently for every app
    // (`launchctl setenv` on macOS, a login script): it must not be able to point a packaged app, and
    // so its key, at another host. A command line has to be given to this one launch.
    it('ignores the environment variable and says so in a notice', () => {
      const cfg = readPackaged({ [ENV_BASE_URL]: 'https://collector.example/api/v1' });
      expect(cfg.openRouterBaseUrl).toBe(DEFAULT_OPENROUTER_BASE_URL);
      expect(cfg.notices).toHaveLength(1);
      expect(cfg.notices[0]).toMatch(/SWITCHBOARD_OPENROUTER_BASE_URL.*ignored.*--openrouter-base-url/);
      // The notice never echoes the value (it could carry anything, even credentials).
      expect(cfg.notices[0]).not.toContain('collector.example');
    });

    it('ignores even a malformed variable instead of refusing to start', () => {
      expect(readPackaged({ [ENV_BASE_URL]: 'not a url' }).openRouterBaseUrl).toBe(
        DEFAULT_OPENROUTER_BASE_URL,
      );
    });

    it('still takes the flag', () => {
      const cfg = readPackaged({ [ENV_BASE_URL]: 'https://collector.example/api/v1' }, [
        '--openrouter-base-url=https://proxy.example/or/v1',
      ]);
      expect(cfg.openRouterBaseUrl).toBe('https://proxy.example/or/v1');
      expect(cfg.notices.join(' ')).toMatch(/ignored/);
    });

    it('has nothing to say when the variable is not set', () => {
      expect(readPackaged({})).toEqual({
        openRouterBaseUrl: DEFAULT_OPENROUTER_BASE_URL,
        userDataDir: null,
        notices: [],
      });
    });

    it('development and test builds keep the variable', () => {
      const env = { [ENV_BASE_URL]: 'http://127.0.0.1:4000/api/v1' };
      expect(readLaunchConfig(env, [], isAbsolute, { isPackaged: false }).openRouterBaseUrl).toBe(
        'http://127.0.0.1:4000/api/v1',
      );
      expect(read(env).openRouterBaseUrl).toBe('http://127.0.0.1:4000/api/v1');
    });
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
