import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';
import { fakeRendererDir, httpGet, tryUpgrade } from './testing/probe';
import {
  CHAT_PRELOAD_PATH,
  CHAT_TOKEN_PARAM,
  CHAT_WS_PATH,
  KEY_ENTRY_PRELOAD_PATH,
  KEY_ENTRY_WS_PATH,
  KEY_WINDOW_TOKEN_PARAM,
} from './ws-protocol';

/**
 * The harness's credentials against a local process (or a DNS-rebinding page) rather than a page in
 * the browser: anything on the machine can fetch what the two loopback servers serve and send any
 * Origin and Host it likes. Neither credential may be in anything served, and both servers answer
 * only to their own `127.0.0.1:<port>`.
 */
let harness: Harness;
let rendererDir: string;
let rendererFiles: string[];
let chatPort: number;
let keyPort: number;
let chatOrigin: string;
let keyOrigin: string;

beforeAll(async () => {
  const renderer = await fakeRendererDir();
  rendererDir = renderer.dir;
  rendererFiles = renderer.files;
  harness = await startHarness({ rendererDir });
  chatOrigin = new URL(harness.url).origin;
  keyOrigin = harness.keyEntryOrigin;
  chatPort = Number(new URL(chatOrigin).port);
  keyPort = Number(new URL(keyOrigin).port);
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await rm(harness?.dataDir ?? '', { recursive: true, force: true });
  await rm(rendererDir ?? '', { recursive: true, force: true });
});

/** The chat socket's credential, as the driver receives it: in the fragment of `harness.url`. */
function driverToken(): string {
  return new URLSearchParams(new URL(harness.url).hash.slice(1)).get(CHAT_TOKEN_PARAM) ?? '';
}

/** Main "opens" a key window (asked through the chat socket), minting a key-entry token. */
async function mintKeyWindowToken(): Promise<string> {
  const opened = await tryUpgrade({
    port: chatPort,
    path: CHAT_WS_PATH,
    token: driverToken(),
    origin: chatOrigin,
    channel: 'chat:openKeyWindow',
  });
  expect(opened, 'the driver can ask for a key window').toBe('answered ok');
  return new URLSearchParams(new URL(harness.keyEntryUrl).hash.slice(1)).get(KEY_WINDOW_TOKEN_PARAM) ?? '';
}

/** Every path either server could serve, fetched from both with a plain HTTP client. */
async function fetchEverything(): Promise<Array<{ where: string; status: number; body: string }>> {
  const paths = ['/', ...rendererFiles, CHAT_PRELOAD_PATH, KEY_ENTRY_PRELOAD_PATH];
  const out: Array<{ where: string; status: number; body: string }> = [];
  for (const port of [chatPort, keyPort]) {
    for (const path of paths) out.push({ where: `127.0.0.1:${port}${path}`, ...(await httpGet(port, path)) });
  }
  return out;
}

describe('the harness credentials', () => {
  it('are in nothing either server serves, and nothing served opens a socket', async () => {
    const served = await fetchEverything();
    // Positive control: each server really served its page, its preload and the assets.
    const ok = served.filter((s) => s.status === 200).map((s) => s.where);
    expect(ok).toEqual(
      expect.arrayContaining([
        `127.0.0.1:${chatPort}/`,
        `127.0.0.1:${chatPort}${CHAT_PRELOAD_PATH}`,
        `127.0.0.1:${chatPort}/assets/index.js`,
        `127.0.0.1:${keyPort}/key-entry.html`,
        `127.0.0.1:${keyPort}${KEY_ENTRY_PRELOAD_PATH}`,
        `127.0.0.1:${keyPort}/assets/key-entry.js`,
      ]),
    );
    // Whatever a local process can read there, tried as the credential of each socket with the
    // Origin and Host a real page would send (a process can forge both). Tokens are 64 hex digits.
    const found = [...new Set(served.flatMap((s) => s.body.match(/[0-9a-f]{32,}/gi) ?? []))];
    for (const candidate of found) {
      for (const [port, path, origin, channel] of [
        [chatPort, CHAT_WS_PATH, chatOrigin, 'chat:getAppInfo'],
        [keyPort, KEY_ENTRY_WS_PATH, keyOrigin, 'keyEntry:getKeyEntryContext'],
      ] as const) {
        const outcome = await tryUpgrade({ port, path, token: candidate, origin, channel });
        expect(outcome, `${candidate.slice(0, 8)}… from the served files on ${path}`).toMatch(/^refused 403/);
      }
    }

    // The driver holds both credentials, and neither is in anything served (before or after use).
    const chatToken = driverToken();
    expect(chatToken).toMatch(/^[0-9a-f]{64}$/);
    const keyToken = await mintKeyWindowToken();
    expect(keyToken).toMatch(/^[0-9a-f]{64}$/);
    for (const { where, body } of await fetchEverything()) {
      expect(body, where).not.toContain(chatToken);
      expect(body, where).not.toContain(keyToken);
    }
  });

  it('the chat socket refuses the right Origin and Host without the token handed to the driver', async () => {
    const token = driverToken();
    const otherRun = 'ab'.repeat(32); // the shape of another run's token
    const attempts: Record<string, string | null> = {
      'no token': null,
      'empty token': '',
      "another run's token": otherRun,
      'the token, one digit changed': `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`,
      'the token, truncated': token.slice(0, 32),
      'the token, doubled': `${token}${token}`,
    };
    for (const [what, attempt] of Object.entries(attempts)) {
      const outcome = await tryUpgrade({
        port: chatPort,
        path: CHAT_WS_PATH,
        token: attempt,
        origin: chatOrigin,
        channel: 'chat:getAppInfo',
      });
      expect(outcome, what).toBe('refused 403');
    }
    // Positive control: the driver's token is admitted, again and again (page reloads reconnect).
    for (let i = 0; i < 2; i++) {
      expect(
        await tryUpgrade({
          port: chatPort,
          path: CHAT_WS_PATH,
          token,
          origin: chatOrigin,
          channel: 'chat:getAppInfo',
        }),
      ).toBe('answered ok');
    }
  });

  it('both servers refuse a foreign Host, for every page, file and socket', async () => {
    const foreignHosts = (port: number, otherPort: number) => [
      `attacker.example:${port}`,
      `127.0.0.1.attacker.example:${port}`,
      'attacker.example',
      '127.0.0.1',
      `127.0.0.1:${otherPort}`,
      `localhost.:${port}`,
      `[::1]:${port}`,
    ];
    for (const [port, otherPort, paths] of [
      [chatPort, keyPort, ['/', '/index.html', CHAT_PRELOAD_PATH, '/assets/index.js', '/assets/app.css']],
      [
        keyPort,
        chatPort,
        ['/key-entry.html', KEY_ENTRY_PRELOAD_PATH, '/assets/key-entry.js', '/assets/app.css'],
      ],
    ] as const) {
      for (const path of paths) {
        // Positive control: the honest Host gets the file.
        expect((await httpGet(port, path)).status, `${port}${path}`).toBe(200);
        for (const host of foreignHosts(port, otherPort)) {
          const refused = await httpGet(port, path, host);
          expect(refused.status, `${path} with Host ${host}`).toBe(403);
          expect(refused.body, `${path} with Host ${host}`).not.toMatch(/script|html|body/i);
        }
      }
    }

    // Upgrades carrying every other credential the socket asks for (token, Origin) are refused too.
    const token = driverToken();
    for (const host of foreignHosts(chatPort, keyPort)) {
      const outcome = await tryUpgrade({
        port: chatPort,
        path: CHAT_WS_PATH,
        token,
        origin: chatOrigin,
        host,
        channel: 'chat:getAppInfo',
      });
      expect(outcome, `chat socket with Host ${host}`).toMatch(/^refused 403/);
    }
    for (const host of foreignHosts(keyPort, chatPort)) {
      const outcome = await tryUpgrade({
        port: keyPort,
        path: KEY_ENTRY_WS_PATH,
        token: await mintKeyWindowToken(),
        origin: keyOrigin,
        host,
        channel: 'keyEntry:getKeyEntryContext',
      });
      expect(outcome, `key-entry socket with Host ${host}`).toMatch(/^refused 403/);
    }
    // Positive controls: the honest Host is admitted on both sockets.
    expect(
      await tryUpgrade({
        port: chatPort,
        path: CHAT_WS_PATH,
        token,
        origin: chatOrigin,
        channel: 'chat:getAppInfo',
      }),
    ).toBe('answered ok');
    expect(
      await tryUpgrade({
        port: keyPort,
        path: KEY_ENTRY_WS_PATH,
        token: await mintKeyWindowToken(),
        origin: keyOrigin,
        channel: 'keyEntry:getKeyEntryContext',
      }),
    ).toBe('answered ok');
  });
});
