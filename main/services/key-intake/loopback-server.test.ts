import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { expectFailure } from '../vault/testing/test-support';
import { SUCCESS_PAGE } from './callback-page';
import { type LoopbackServer, startLoopbackServer } from './loopback-server';
import { acceptsConnections, createCaptureLogger, rawRequest } from './testing/test-support';

const open: LoopbackServer[] = [];

async function start(options: { timeoutMs?: number; port?: number } = {}) {
  const server = await startLoopbackServer({ log: createCaptureLogger(), ...options });
  open.push(server);
  return server;
}

function pathOf(server: LoopbackServer): string {
  return new URL(server.callbackUrl).pathname;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('loopback server', () => {
  it('listens on 127.0.0.1, on an ephemeral port, at a random one-time path', async () => {
    const a = await start();
    const b = await start();
    expect(a.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/[A-Za-z0-9_-]{43}$/);
    expect(a.port).toBeGreaterThan(0);
    expect(a.port).not.toBe(b.port);
    expect(pathOf(a)).not.toBe(pathOf(b));
    expect(await acceptsConnections(a.port)).toBe(true);
  });

  it('resolves with the first callback query and shows the final page once the caller decides', async () => {
    const server = await start();
    const browser = rawRequest(server.port, `${pathOf(server)}?code=abc&state=xyz`);
    const query = await server.waitForCallback();
    expect(Object.fromEntries(query)).toEqual({ code: 'abc', state: 'xyz' });
    // The listening socket closes as soon as the callback arrives; the browser's request stays open.
    expect(await acceptsConnections(server.port)).toBe(false);

    await server.close(SUCCESS_PAGE);
    const page = await browser;
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Signed in to Switchboard</h1>');
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toMatch(/<script|src=|href=|https?:\/\//i);
  });

  it('accepts the callback only once, even when two requests race', async () => {
    const server = await start();
    const hits = [1, 2].map((n) =>
      rawRequest(server.port, `${pathOf(server)}?n=${n}`).then(
        (r) => r.status,
        (e: NodeJS.ErrnoException) => e.code ?? 'error',
      ),
    );
    const first = (await server.waitForCallback()).get('n');
    await server.close(SUCCESS_PAGE);
    const statuses = await Promise.all(hits);
    const winner = Number(first) - 1;
    expect(statuses[winner]).toBe(200);
    // The loser was answered 410, or found the door already shut.
    expect([410, 'ECONNREFUSED', 'ECONNRESET']).toContain(statuses[1 - winner]);
  });

  it('refuses a later hit on the callback path', async () => {
    const server = await start();
    void rawRequest(server.port, `${pathOf(server)}?code=1`).catch(() => undefined);
    await server.waitForCallback();
    await expect(rawRequest(server.port, `${pathOf(server)}?code=2`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('answers other paths, other hosts and other methods without consuming the callback', async () => {
    const server = await start();
    const path = pathOf(server);
    expect((await rawRequest(server.port, '/favicon.ico')).status).toBe(404);
    expect((await rawRequest(server.port, '/callback/guess?code=x')).status).toBe(404);
    expect((await rawRequest(server.port, `${path}x`)).status).toBe(404);
    expect((await rawRequest(server.port, path, { host: 'attacker.example' })).status).toBe(404);
    expect((await rawRequest(server.port, path, { method: 'POST' })).status).toBe(405);
    const notFound = await rawRequest(server.port, '/');
    expect(notFound.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");

    const browser = rawRequest(server.port, `${path}?code=real`);
    expect((await server.waitForCallback()).get('code')).toBe('real');
    await server.close();
    expect((await browser).status).toBe(400);
  });

  it('times out, closes, and refuses connections afterwards', async () => {
    const server = await start({ timeoutMs: 50 });
    const failure = await expectFailure(server.waitForCallback(), 'timeout');
    expect(failure.message).toMatch(/timed out/);
    await server.close();
    expect(await acceptsConnections(server.port)).toBe(false);
  });

  it('closes on cancel: the wait ends as cancelled and the port is released', async () => {
    const server = await start();
    const waiting = server.waitForCallback();
    await server.close();
    await expectFailure(waiting, 'cancelled');
    expect(await acceptsConnections(server.port)).toBe(false);
    // Closing again is harmless.
    await server.close();
  });

  it('reports a busy port with a clear, typed error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const failure = await expectFailure(
        startLoopbackServer({ log: createCaptureLogger(), port }),
        'internal',
      );
      expect(failure.message).toContain(`127.0.0.1:${port}`);
      expect(failure.message).toMatch(/already in use/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('loopback launch URL (what the system browser is handed)', () => {
  const TARGET = 'https://openrouter.example/auth?callback_url=x&code_challenge=c&state=s';

  it('is a random one-time loopback path that carries nothing of the sign-in', async () => {
    const server = await start();
    const launch = server.launchUrlFor(TARGET);
    expect(launch).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/launch/[A-Za-z0-9_-]{43}$`));
    expect(new URL(launch).pathname).not.toBe(pathOf(server));
    expect(launch).not.toContain(pathOf(server).slice('/callback/'.length));
    expect(launch).not.toMatch(/state|challenge|callback|openrouter/);
    expect(() => server.launchUrlFor(TARGET)).toThrow();
  });

  it('redirects once to the consent page, uncached and without a Referer, and keeps waiting for the callback', async () => {
    const server = await start();
    const launch = new URL(server.launchUrlFor(TARGET));
    const first = await rawRequest(server.port, launch.pathname);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(TARGET);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect(first.body).not.toContain('state=');

    // The callback is still open after the launch.
    const browser = rawRequest(server.port, `${pathOf(server)}?code=abc&state=xyz`);
    expect((await server.waitForCallback()).get('code')).toBe('abc');
    await server.close(SUCCESS_PAGE);
    expect((await browser).status).toBe(200);
  });

  it('a second visit gets an error page and ends the sign-in: whoever read the URL first cannot use it', async () => {
    const server = await start();
    const waiting = server.waitForCallback();
    const launch = new URL(server.launchUrlFor(TARGET));
    expect((await rawRequest(server.port, launch.pathname)).status).toBe(303);
    const second = await rawRequest(server.port, launch.pathname);
    expect(second.status).toBe(410);
    expect(second.headers.location).toBeUndefined();
    expect(second.body).not.toContain(TARGET);
    expect(second.body).toContain('already used');
    const failure = await expectFailure(waiting, 'upstream_error');
    expect(failure.message).toMatch(/opened more than once/);
    await server.close();
    expect(await acceptsConnections(server.port)).toBe(false);
  });

  it('refuses the launch path before it is armed, from another Host, and by another method', async () => {
    const server = await start();
    const path = `/launch/${'A'.repeat(43)}`;
    expect((await rawRequest(server.port, path)).status).toBe(404);
    const launch = new URL(server.launchUrlFor(TARGET));
    expect((await rawRequest(server.port, launch.pathname, { host: 'attacker.example' })).status).toBe(404);
    expect((await rawRequest(server.port, launch.pathname, { method: 'POST' })).status).toBe(405);
    expect((await rawRequest(server.port, `${launch.pathname}x`)).status).toBe(404);
    // None of those used it up.
    expect((await rawRequest(server.port, launch.pathname)).status).toBe(303);
  });

  it('expires with the flow: nothing answers once the sign-in has ended', async () => {
    const server = await start();
    const launch = new URL(server.launchUrlFor(TARGET));
    await server.close();
    await expect(rawRequest(server.port, launch.pathname)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
