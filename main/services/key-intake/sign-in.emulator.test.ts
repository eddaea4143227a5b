/**
 * "Sign in with OpenRouter" end to end against the emulator: real loopback server, real HTTP, the
 * real code exchange, a real vault verifying through the real client. The test's `openExternal`
 * plays the browser: it opens the one-time launch URL, follows its redirect to `/auth`, then `/auth`'s
 * redirect to the loopback callback, like a browser would.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorWithText } from '../../../common/errors';
import { englishErrorText } from '../../../common/i18n/error-messages';
import { maskKey } from '../../../common/redact';
import { textFailure } from '../../../common/testing/text-failure';
import { CODE_LIFETIME_MS } from '../../../e2e/emulator/oauth';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import type { Logger } from '../log/logger';
import { createOpenRouterClient } from '../openrouter/client';
import type { KeyVault, StoreKeyResult } from '../vault/key-vault';
import { expectFailure } from '../vault/testing/test-support';
import { exchangeAuthCode } from './exchange-code';
import { challengeFor } from './pkce';
import { createReplaceKeyCheck, type ReplaceKeyQuestion } from './replace-key';
import { createSignInFlow, type SignInDeps, type SignInFlow, type SignInProgress } from './sign-in';
import { SIGN_IN_MESSAGES } from './sign-in-errors';
import {
  acceptsConnections,
  type CaptureLogger,
  createCaptureLogger,
  createEmulatorVault,
  type EmulatorVault,
  FULL_KEY_PATTERN,
} from './testing/test-support';

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
  /** What main handed to `openExternal`: the launch URLs (what lands in xdg-open's argv). */
  const opened: string[] = [];
  /** Where the launch URLs redirected: OpenRouter's consent page with the sign-in's parameters. */
  const consents: string[] = [];
  const callbacks: URL[] = [];
  const pages: Promise<BrowserPage>[] = [];
  let firstOpen: (url: string) => void = () => {};
  const opening = new Promise<string>((resolve) => {
    firstOpen = resolve;
  });

  async function visit(url: string): Promise<BrowserPage> {
    const launch = await fetch(url, { redirect: 'manual' });
    await launch.text();
    if (launch.status !== 303) throw new Error(`the launch URL answered ${launch.status}`);
    const consent = launch.headers.get('location') ?? '';
    consents.push(consent);
    const auth = new URL(consent);
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
    consents,
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

/** The launch URL is served by the same loopback server as the callback. */
function callbackPort(launchUrl: string): number {
  return Number(new URL(launchUrl).port);
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
  overrides: Partial<Omit<SignInDeps, 'storeKey' | 'confirmReplace'>> & {
    storeKey?: (key: string, store: SignInDeps['storeKey']) => Promise<StoreKeyResult>;
    /** Builds `confirmReplace` over the fixture's vault. */
    confirmReplace?: (vault: KeyVault, log: Logger) => NonNullable<SignInDeps['confirmReplace']>;
  } = {},
): Fixture {
  const log = createCaptureLogger();
  const { vault, cipher } = createEmulatorVault(emulator, log);
  const browser = createTestBrowser(browserOptions);
  const store: SignInDeps['storeKey'] = (key) =>
    vault.store({ key, source: 'oauth', persistence: 'encrypted' });
  const { storeKey, confirmReplace, ...rest } = overrides;
  const flow = createSignInFlow({
    authUrl: `${emulator.origin}/auth`,
    exchangeCode: (input) => exchangeAuthCode({ baseUrl: emulator.baseUrl, log }, input),
    openExternal: (url) => browser.openExternal(url),
    storeKey: storeKey ? (key) => storeKey(key, store) : store,
    ...(confirmReplace ? { confirmReplace: confirmReplace(vault, log) } : {}),
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

    const authorize = new URL(f.browser.consents[0] ?? '');
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

    expect(result).toEqual({ phase: 'failed', error: errorWithText(code, message) });
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
      error: { ...errorWithText('forbidden', SIGN_IN_MESSAGES.invalidCode), status: 403 },
    });
    expect(englishErrorText(SIGN_IN_MESSAGES.invalidCode)).toBe(
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
      error: errorWithText('forbidden', SIGN_IN_MESSAGES.invalidCode),
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
    expect(page?.body).toContain(englishErrorText(SIGN_IN_MESSAGES.cancelled));
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

    const second = await expectFailure(f.flow.start(), 'sign_in_in_progress');
    expect(second.message).toBe(englishErrorText(SIGN_IN_MESSAGES.inProgress));
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
    ['an AppFailure', (key: string) => textFailure('internal', `could not keep ${key}`)],
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
      error: errorWithText('internal', SIGN_IN_MESSAGES.browserOpenFailed),
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

describe('the URL handed to the system browser', () => {
  it('is a one-time loopback launch URL without the state, the challenge or the callback path', async () => {
    const f = setup();
    expect(await f.flow.start()).toMatchObject({ phase: 'done' });

    const [launch, ...more] = f.browser.opened;
    expect(more).toEqual([]);
    expect(launch).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[A-Za-z0-9_-]{43}$/);
    const consent = new URL(f.browser.consents[0] ?? '');
    const callback = new URL(consent.searchParams.get('callback_url') ?? '');
    const secrets = [
      consent.searchParams.get('state'),
      consent.searchParams.get('code_challenge'),
      callback.pathname,
      callback.pathname.slice('/callback/'.length),
    ];
    for (const secret of secrets) {
      expect(secret).toMatch(/[A-Za-z0-9_-]{43}/);
      expect(launch).not.toContain(secret);
    }
    expect(launch).not.toMatch(/state=|code_challenge|callback/);
    // It was the callback's own server: gone with the sign-in.
    expect(await f.portOpen()).toBe(false);
  });

  it('a second visit of the launch URL gets an error page and ends the sign-in', async () => {
    const f = setup({ visit: false });
    const running = f.flow.start();
    const launch = await f.browser.opening;

    // Someone who read the URL (e.g. from xdg-open's command line) gets there first...
    const first = await fetch(launch, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/\/auth\?.*state=/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    // ...the person's browser comes second and is told; the sign-in stops, so neither can finish it.
    const second = await fetch(launch, { redirect: 'manual' });
    expect(second.status).toBe(410);
    expect(await second.text()).toContain('already used');
    expect(await running).toEqual({
      phase: 'failed',
      error: errorWithText('upstream_error', SIGN_IN_MESSAGES.launchReused),
    });
    expect(await f.portOpen()).toBe(false);
    expect(exchangeRequests()).toEqual([]);
  });
});

describe('a sign-in while a key is already kept', () => {
  /** A key the vault holds before the sign-in, with a label OpenRouter knows it by. */
  async function keepCurrentKey(vault: KeyVault): Promise<string> {
    const current = `sk-or-v1-${randomBytes(32).toString('hex')}`;
    emulator.addKey({ key: current, label: 'Work laptop' });
    await vault.store({ key: current, source: 'typed', persistence: 'encrypted' });
    return current;
  }

  function askingSetup(answer: boolean) {
    const asked: ReplaceKeyQuestion[] = [];
    const f = setup(
      {},
      {
        confirmReplace: (vault, log) =>
          createReplaceKeyCheck({
            vault,
            verifyCandidate: (key) =>
              createOpenRouterClient({ baseUrl: emulator.baseUrl, getKey: () => null, log }).getKeyInfo(key),
            ask: async (question) => {
              asked.push(question);
              return answer;
            },
            log,
          }),
      },
    );
    return { f, asked };
  }

  it("asks with the new key's label; a no keeps the current key and says so", async () => {
    const { f, asked } = askingSetup(false);
    const current = await keepCurrentKey(f.vault);
    emulator.clearRequests();
    const result = await f.flow.start();

    expect(result).toEqual({ phase: 'kept' });
    expect(f.phases()).toEqual(['waiting-for-browser', 'exchanging', 'kept']);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      kind: 'replace-key',
      currentLabel: 'Work laptop',
      currentPreview: maskKey(current),
      newLabel: 'OAuth key',
    });
    expect(asked[0]?.newPreview).toMatch(/^sk-or-v1-…[0-9a-f]{4}$/);
    expect(JSON.stringify(asked)).not.toMatch(FULL_KEY_PATTERN);
    // The label came from OpenRouter before anything was stored: one exchange, nothing replaced.
    expect(exchangeRequests()).toHaveLength(1);
    expect(f.vault.currentKey()).toBe(current);
    expect(f.vault.status()).toMatchObject({ state: 'stored', source: 'typed' });

    const page = await f.browser.pages[0];
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('kept your current key');
    expect(page?.body).toContain('openrouter.ai/settings/keys');
    expect(await f.portOpen()).toBe(false);
  });

  it('a yes replaces it with the signed-in key', async () => {
    const { f, asked } = askingSetup(true);
    const current = await keepCurrentKey(f.vault);
    const result = await f.flow.start();

    expect(result).toMatchObject({ phase: 'done', status: { state: 'stored', source: 'oauth' } });
    expect(asked).toHaveLength(1);
    expect(f.vault.currentKey()).toMatch(FULL_KEY_PATTERN);
    expect(f.vault.currentKey()).not.toBe(current);
    expect((await f.browser.pages[0])?.body).toContain('Signed in to Switchboard');
  });

  it('asks nothing when no key is kept', async () => {
    const { f, asked } = askingSetup(false);
    expect(await f.flow.start()).toMatchObject({ phase: 'done' });
    expect(asked).toEqual([]);
  });
});
