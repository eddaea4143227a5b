/**
 * "Sign in with OpenRouter" end to end against the emulator: real loopback server, real HTTP, the
 * real code exchange, a real vault verifying through the real client. The test's `openExternal`
 * plays the browser: it follows `/auth`'s redirect to the loopback callback like a browser would.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appError } from '../../../common/errors';
import { CODE_LIFETIME_MS } from '../../../e2e/emulator/oauth';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import type { StoreKeyResult } from '../vault/key-vault';
import { expectFailure } from '../vault/vault-test-support';
import { exchangeAuthCode } from './exchange-code';
import { challengeFor } from './pkce';
import { createSignInFlow, type SignInDeps, type SignInFlow, type SignInProgress } from './sign-in';
import { SIGN_IN_MESSAGES } from './sign-in-errors';
import {
  acceptsConnections,
  type CaptureLogger,
  createCaptureLogger,
  createEmulatorVault,
  type EmulatorVault,
  FULL_KEY_PATTERN,
} from './test-support';

const EXCHANGE_PATH = '/api/v1/auth/keys';

let emulator: Emulator;
/** Added to the emulator's clock, to make a code expire between the redirect and the exchange. */
let skew = 0;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => Date.now() + skew });
});

afterAll(async () => {
  await emulator?.close();
});

interface BrowserPage {
  status: number;
  body: string;
  csp: string | null;
}

interface BrowserOptions {
  /** The emulator's misbehaviour on `/auth`. */
  mode?: 'deny' | 'no_code' | 'bad_state';
  /** Runs between the redirect and the callback request; may edit the callback URL. */
  beforeCallback?: (callback: URL) => void;
  /** False: the browser opens but the person never finishes (cancel, timeout tests). */
  visit?: boolean;
  /** True: `openExternal` settles only when the page has loaded, unlike `shell.openExternal`. */
  awaitPage?: boolean;
}

function createTestBrowser(options: BrowserOptions) {
  const opened: string[] = [];
  const callbacks: URL[] = [];
  const pages: Promise<BrowserPage>[] = [];
  let firstOpen: (url: string) => void = () => {};
  const opening = new Promise<string>((resolve) => {
    firstOpen = resolve;
  });

  async function visit(url: string): Promise<BrowserPage> {
    const auth = new URL(url);
    if (options.mode) auth.searchParams.set('emulator_auth', options.mode);
    const redirect = await fetch(auth, { redirect: 'manual' });
    await redirect.text();
    if (redirect.status !== 302) throw new Error(`/auth answered ${redirect.status}`);
    const callback = new URL(redirect.headers.get('location') ?? '');
    options.beforeCallback?.(callback);
    callbacks.push(callback);
    const page = await fetch(callback);
    return { status: page.status, body: await page.text(), csp: page.headers.get('content-security-policy') };
  }

  return {
    opened,
    callbacks,
    pages,
    opening,
    visit,
    async openExternal(url: string) {
      opened.push(url);
      firstOpen(url);
      if (options.visit === false) return;
      const page = visit(url);
      pages.push(page);
      if (options.awaitPage) await page;
    },
  };
}

function callbackPort(authorizeUrl: string): number {
  return Number(new URL(new URL(authorizeUrl).searchParams.get('callback_url') ?? '').port);
}

interface Fixture {
  flow: SignInFlow;
  events: SignInProgress[];
  log: CaptureLogger;
  browser: ReturnType<typeof createTestBrowser>;
  vault: EmulatorVault['vault'];
  cipher: EmulatorVault['cipher'];
  phases(): string[];
  /** The loopback port the browser was sent to still accepts connections. */
  portOpen(): Promise<boolean>;
}

const fixtures: Fixture[] = [];

function setup(
  browserOptions: BrowserOptions = {},
  overrides: Partial<Omit<SignInDeps, 'storeKey'>> & {
    storeKey?: (key: string, store: SignInDeps['storeKey']) => Promise<StoreKeyResult>;
  } = {},
): Fixture {
  const log = createCaptureLogger();
  const { vault, cipher } = createEmulatorVault(emulator, log);
  const browser = createTestBrowser(browserOptions);
  const store: SignInDeps['storeKey'] = (key) =>
    vault.store({ key, source: 'oauth', persistence: 'encrypted' });
  const { storeKey, ...rest } = overrides;
  const flow = createSignInFlow({
    authUrl: `${emulator.origin}/auth`,
    exchangeCode: (input) => exchangeAuthCode({ baseUrl: emulator.baseUrl, log }, input),
    openExternal: (url) => browser.openExternal(url),
    storeKey: storeKey ? (key) => storeKey(key, store) : store,
    log,
    ...rest,
  });
  const events: SignInProgress[] = [];
  flow.onProgress((event) => events.push(event));
  const fixture: Fixture = {
    flow,
    events,
    log,
    browser,
    vault,
    cipher,
    phases: () => events.map((e) => e.phase),
    portOpen: async () => {
      const url = browser.opened[0];
      if (url === undefined) throw new Error('the browser was never opened');
      return acceptsConnections(callbackPort(url));
    },
  };
  fixtures.push(fixture);
  return fixture;
}

const exchangeRequests = () => emulator.requests.filter((r) => r.path === EXCHANGE_PATH);

beforeEach(() => {
  emulator.clearRequests();
  skew = 0;
});

// Whatever happened in the test: no progress event and no log line carries a key, a code or a verifier.
afterEach(() => {
  for (const f of fixtures.splice(0)) {
    f.flow.cancel();
    const seen = [JSON.stringify(f.events), ...f.log.lines].join('\n');
    expect(seen).not.toMatch(FULL_KEY_PATTERN);
    for (const callback of f.browser.callbacks) {
      const code = callback.searchParams.get('code');
      if (code) expect(seen).not.toContain(code);
    }
    for (const request of exchangeRequests()) {
      const verifier = (request.body as { code_verifier?: string } | null)?.code_verifier;
      if (verifier) expect(seen).not.toContain(verifier);
    }
  }
});

describe('sign in with OpenRouter (emulator)', () => {
  it.each([
    ['returns at once, like shell.openExternal', false],
    ['settles only after the page loaded', true],
  ])('stores the key when the person approves (openExternal %s)', async (_name, awaitPage) => {
    const f = setup({ awaitPage });
    const result = await f.flow.start();

    expect(result).toMatchObject({
      phase: 'done',
      status: { state: 'stored', source: 'oauth' },
      info: { label: 'OAuth key' },
      verified: true,
    });
    expect(f.phases()).toEqual(['waiting-for-browser', 'exchanging', 'done']);
    expect(f.vault.currentKey()).toMatch(FULL_KEY_PATTERN);

    const authorize = new URL(f.browser.opened[0] ?? '');
    expect(authorize.origin + authorize.pathname).toBe(`${emulator.origin}/auth`);
    expect(authorize.searchParams.get('callback_url')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/callback\/[A-Za-z0-9_-]{43}$/,
    );
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The emulator saw one exchange, with the verifier that belongs to the challenge, and no Bearer.
    const [exchange, ...more] = exchangeRequests();
    expect(more).toEqual([]);
    const body = exchange?.body as { code: string; code_verifier: string; code_challenge_method: string };
    expect(body.code).toBe(f.browser.callbacks[0]?.searchParams.get('code'));
    expect(body.code_challenge_method).toBe('S256');
    expect(challengeFor(body.code_verifier)).toBe(authorize.searchParams.get('code_challenge'));
    expect(exchange?.headers.authorization).toBeUndefined();
    expect(exchange?.responseStatus).toBe(200);

    const page = await f.browser.pages[0];
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('Signed in to Switchboard');
    expect(page?.csp).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(await f.portOpen()).toBe(false);
    expect(f.flow.isRunning()).toBe(false);
  });

  it.each([
    ['deny', 'cancelled', SIGN_IN_MESSAGES.deniedInBrowser],
    ['no_code', 'upstream_error', SIGN_IN_MESSAGES.noCode],
    ['bad_state', 'upstream_error', SIGN_IN_MESSAGES.stateMismatch],
  ] as const)('fails clearly, without any exchange, when /auth answers %s', async (mode, code, message) => {
    const f = setup({ mode });
    const result = await f.flow.start();

    expect(result).toEqual({ phase: 'failed', error: { code, message } });
    expect(f.phases()).toEqual(['waiting-for-browser', 'failed']);
    expect(exchangeRequests()).toEqual([]);
    expect(f.vault.status().state).toBe('none');
    const page = await f.browser.pages[0];
    expect(page?.status).toBe(400);
    expect(page?.body).toContain('Sign-in did not finish');
    expect(await f.portOpen()).toBe(false);
  });

  it('fails with the invalid-code message when the code was tampered with', async () => {
    const f = setup({
      beforeCallback: (callback) => callback.searchParams.set('code', 'deadbeef'.repeat(4)),
    });
    const result = await f.flow.start();

    expect(result).toEqual({
      phase: 'failed',
      error: { code: 'forbidden', message: SIGN_IN_MESSAGES.invalidCode, status: 403 },
    });
    expect(SIGN_IN_MESSAGES.invalidCode).toBe(
      'The sign-in code was invalid or expired. Try signing in again.',
    );
    expect(f.phases()).toEqual(['waiting-for-browser', 'exchanging', 'failed']);
    expect(exchangeRequests()[0]?.responseStatus).toBe(403);
    expect(f.vault.status().state).toBe('none');
    expect(await f.portOpen()).toBe(false);
  });

  it('fails with the invalid-code message when the code expired before the exchange', async () => {
    const f = setup({
      beforeCallback: () => {
        skew = CODE_LIFETIME_MS + 60_000;
      },
    });
    const result = await f.flow.start();

    expect(result).toMatchObject({
      phase: 'failed',
      error: { code: 'forbidden', message: SIGN_IN_MESSAGES.invalidCode },
    });
    expect(exchangeRequests()[0]?.responseStatus).toBe(403);
    expect(f.vault.status().state).toBe('none');
    expect(await f.portOpen()).toBe(false);
  });

  it('can be cancelled while waiting for the browser', async () => {
    const f = setup({ visit: false });
    const running = f.flow.start();
    const url = await f.browser.opening;
    expect(await f.portOpen()).toBe(true);

    f.flow.cancel();
    expect(await running).toEqual({ phase: 'cancelled' });
    expect(f.phases()).toEqual(['waiting-for-browser', 'cancelled']);
    expect(await f.portOpen()).toBe(false);
    // A browser arriving late finds nobody listening.
    await expect(f.browser.visit(url)).rejects.toThrow();
    expect(exchangeRequests()).toEqual([]);
  });

  it('can be cancelled during the exchange; the browser is told', async () => {
    const f = setup(
      {},
      {
        exchangeCode: (input) =>
          new Promise<string>((_resolve, reject) => {
            exchangeStarted();
            input.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      },
    );
    let exchangeStarted = () => {};
    const exchanging = new Promise<void>((resolve) => {
      exchangeStarted = resolve;
    });
    const running = f.flow.start();
    await exchanging;
    f.flow.cancel();
    expect(await running).toEqual({ phase: 'cancelled' });
    expect(f.phases()).toEqual(['waiting-for-browser', 'exchanging', 'cancelled']);
    const page = await f.browser.pages[0];
    expect(page?.status).toBe(400);
    expect(page?.body).toContain(SIGN_IN_MESSAGES.cancelled);
    expect(await f.portOpen()).toBe(false);
  });

  it('honours a cancel made by a progress listener, before anything is exchanged', async () => {
    let exchanges = 0;
    const f = setup(
      {},
      {
        exchangeCode: async () => {
          exchanges += 1;
          return '';
        },
      },
    );
    f.flow.onProgress((event) => {
      if (event.phase === 'exchanging') f.flow.cancel();
    });
    expect(await f.flow.start()).toEqual({ phase: 'cancelled' });
    expect(exchanges).toBe(0);
    expect(await f.portOpen()).toBe(false);
  });

  it('can be cancelled right after start, before the browser opens', async () => {
    const f = setup();
    const running = f.flow.start();
    f.flow.cancel();
    expect(await running).toEqual({ phase: 'cancelled' });
    expect(f.phases()).toEqual(['cancelled']);
    expect(f.browser.opened).toEqual([]);
  });

  it('no longer cancels once the new key is being saved', async () => {
    let flow: SignInFlow | null = null;
    const f = setup(
      {},
      {
        storeKey: (key, store) => {
          flow?.cancel();
          return store(key);
        },
      },
    );
    flow = f.flow;
    expect(await f.flow.start()).toMatchObject({ phase: 'done' });
    expect(f.vault.status().state).toBe('stored');
    expect(await f.portOpen()).toBe(false);
  });

  it('times out when the browser never comes back', async () => {
    const f = setup({ visit: false }, { timeoutMs: 200 });
    const result = await f.flow.start();

    expect(result).toMatchObject({ phase: 'failed', error: { code: 'timeout' } });
    expect(result.phase === 'failed' && result.error.message).toMatch(/did not come back within 0\.2 s/);
    expect(f.phases()).toEqual(['waiting-for-browser', 'failed']);
    expect(await f.portOpen()).toBe(false);
  });

  it('refuses a second start while one runs, without disturbing the first', async () => {
    const f = setup({ visit: false });
    const first = f.flow.start();
    const url = await f.browser.opening;

    const second = await expectFailure(f.flow.start(), 'validation');
    expect(second.message).toBe(SIGN_IN_MESSAGES.inProgress);
    expect(f.flow.isRunning()).toBe(true);
    expect(await f.portOpen()).toBe(true);
    expect(f.browser.opened).toHaveLength(1);

    const [result, page] = await Promise.all([first, f.browser.visit(url)]);
    expect(result).toMatchObject({ phase: 'done' });
    expect(page.status).toBe(200);
    expect(f.phases()).toEqual(['waiting-for-browser', 'exchanging', 'done']);
    expect(await f.portOpen()).toBe(false);

    // Once it has ended, a new sign-in may start.
    const again = f.flow.start();
    await expect.poll(() => f.browser.opened.length).toBe(2);
    f.flow.cancel();
    expect(await again).toEqual({ phase: 'cancelled' });
  });

  it('fails when the key cannot be saved, and closes the port', async () => {
    const f = setup();
    f.cipher.setAvailable(false);
    const result = await f.flow.start();

    expect(result).toMatchObject({ phase: 'failed', error: { code: 'encryption_unavailable' } });
    const page = await f.browser.pages[0];
    expect(page?.status).toBe(400);
    expect(f.vault.currentKey()).toBeNull();
    expect(await f.portOpen()).toBe(false);
  });

  it.each([
    ['an AppFailure', (key: string) => appError('internal', `could not keep ${key}`)],
    ['a plain Error', (key: string) => new Error(`crashed on ${key}`)],
  ])('never lets a key echoed by %s reach the failed event', async (_what, makeError) => {
    let minted = '';
    const f = setup(
      {},
      {
        storeKey: async (key) => {
          minted = key;
          throw makeError(key);
        },
      },
    );
    const result = await f.flow.start();
    expect(result.phase).toBe('failed');
    expect(minted).toMatch(FULL_KEY_PATTERN);
    expect(JSON.stringify(result)).not.toContain(minted);
    expect((await f.browser.pages[0])?.body).not.toContain(minted);
  });

  it('fails when the browser cannot be opened, and closes the port', async () => {
    let port = 0;
    const f = setup(
      {},
      {
        openExternal: async (url) => {
          port = callbackPort(url);
          throw new Error('no browser');
        },
      },
    );
    const result = await f.flow.start();
    expect(result).toEqual({
      phase: 'failed',
      error: { code: 'internal', message: SIGN_IN_MESSAGES.browserOpenFailed },
    });
    expect(await acceptsConnections(port)).toBe(false);
  });

  it('reports a busy loopback port as a failed sign-in', async () => {
    const f = setup({ visit: false }, { port: emulator.port });
    const result = await f.flow.start();
    expect(result).toMatchObject({ phase: 'failed', error: { code: 'internal' } });
    expect(result.phase === 'failed' && result.error.message).toMatch(/already in use/);
    expect(f.phases()).toEqual(['failed']);
    expect(f.browser.opened).toEqual([]);
  });
});
