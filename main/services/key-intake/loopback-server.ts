/**
 * The one-shot HTTP server that receives OpenRouter's redirect after the person signs in (RFC 8252
 * loopback redirect). It listens on 127.0.0.1 only, on an OS-chosen port, and accepts exactly one
 * GET on a random, single-use path: a page or program on this machine that finds the port still
 * cannot guess the path, and nothing after the first hit is accepted.
 *
 * The browser's request is held open until the caller knows how the sign-in ended (`close(page)`),
 * so the person sees "signed in" only once the key is really saved. The listening socket itself is
 * closed as soon as the callback arrives.
 *
 * It also serves the one-time *launch* path (`launchUrlFor`): the URL handed to the system browser.
 * `shell.openExternal` on Linux runs `xdg-open <url>` (Electron shell/common/platform_util_linux.cc,
 * `XDGOpen`), and a browser it starts keeps the URL in its argv, which any local user can read in
 * /proc/<pid>/cmdline. So that URL carries nothing of the sign-in: its first visit is answered with a
 * redirect to OpenRouter's consent page (state, challenge, callback path), every later visit with an
 * error page, and a second visit also ends the sign-in — it means someone else has the URL, and
 * whichever of the two got the redirect, the callback path must not stay usable.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppFailure } from '../../../common/errors';
import { describeError } from '../../../common/redact';
import type { MainText } from '../i18n/catalog-intl';
import type { Logger } from '../log/logger';
import {
  ALREADY_USED_PAGE,
  type CallbackPage,
  CLOSED_PAGE,
  LAUNCH_PAGE,
  LAUNCH_USED_PAGE,
  NOT_FOUND_PAGE,
  PAGE_HEADERS,
  renderPage,
} from './callback-page';
import { createState, type RandomBytes, secretsEqual } from './pkce';
import {
  launchUrlReused,
  loopbackListenFailed,
  loopbackPortBusy,
  signInCancelled,
  signInTimedOut,
} from './sign-in-errors';

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackServerOptions {
  log: Logger;
  /** 0 (default) lets the OS pick a free port; a fixed port exists for tests of the busy case. */
  port?: number;
  /** How long to wait for the browser. Default 5 minutes. */
  timeoutMs?: number;
  random?: RandomBytes;
  /** The pages' language, read when each page is sent (default English). */
  text?: MainText;
}

export interface LoopbackServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>/callback/<random>`: what OpenRouter redirects the browser to. */
  readonly callbackUrl: string;
  /**
   * Arms the one-time launch path and returns `http://127.0.0.1:<port>/launch/<random>`: its first GET
   * is redirected (303) to `target`, a second one gets an error page and fails `waitForCallback`.
   * Call once, with the consent-page URL; throws if called again.
   */
  launchUrlFor(target: string): string;
  /**
   * Resolves with the query of the first GET to the callback path. Rejects with a `timeout`
   * AppFailure when the browser does not come back in time, or `cancelled` when closed first.
   */
  waitForCallback(): Promise<URLSearchParams>;
  /**
   * Answers the browser's held request with `page` (if one is held), then closes every connection.
   * Idempotent; resolves once the port no longer accepts connections.
   */
  close(page?: CallbackPage): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, done?: () => void): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Length': Buffer.byteLength(body) });
  res.end(body, done);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? loopbackPortBusy(port) : loopbackListenFailed(error.code ?? 'error'),
      );
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Splits `req.url` without URL parsing, so no host or `..` trick in the request line can change the path. */
function splitTarget(target: string): { path: string; query: string } {
  const at = target.indexOf('?');
  return at === -1 ? { path: target, query: '' } : { path: target.slice(0, at), query: target.slice(at + 1) };
}

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const { log } = options;
  const render = (page: CallbackPage) => renderPage(page, options.text);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  const random = options.random ?? randomBytes;
  const callbackPath = `/callback/${createState(random)}`;
  // Drawn apart from the callback path: knowing one tells nothing about the other.
  const launchPath = `/launch/${createState(random)}`;
  let launchTarget: string | null = null;
  let launchVisits = 0;

  let phase: 'waiting' | 'received' | 'closed' = 'waiting';
  let held: ServerResponse | null = null;
  let closing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: { resolve: (query: URLSearchParams) => void; reject: (error: AppFailure) => void } | null =
    null;
  const callback = new Promise<URLSearchParams>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A caller that closes without ever waiting must not produce an unhandled rejection.
  callback.catch(() => undefined);

  const server = createServer((req, res) => handle(req, res));
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let listening = false;
  const stopListening = () => {
    if (!listening) return;
    listening = false;
    server.close();
  };

  await listen(server, options.port ?? 0);
  listening = true;
  // After a successful bind an 'error' is rare (e.g. accept failures); log it rather than crash main.
  server.on('error', (error) => log.warn('sign-in listener error', { error: describeError(error) }));
  const port = (server.address() as AddressInfo).port;
  const expectedHost = `${LOOPBACK_HOST}:${port}`;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const { path, query } = splitTarget(req.url ?? '/');
    const isLaunch = launchTarget !== null && secretsEqual(path, launchPath);
    // A wrong Host means DNS rebinding or a request not meant for us; neither may touch the callback.
    if (req.headers.host !== expectedHost || (!isLaunch && !secretsEqual(path, callbackPath))) {
      log.debug('sign-in listener: request to another path refused', { status: 404 });
      send(res, 404, render(NOT_FOUND_PAGE));
      return;
    }
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      send(res, 405, render(NOT_FOUND_PAGE));
      return;
    }
    if (isLaunch) {
      launch(res);
      return;
    }
    if (phase !== 'waiting') {
      log.warn('sign-in listener: callback path hit again; refused');
      send(res, 410, render(ALREADY_USED_PAGE));
      return;
    }
    phase = 'received';
    clearTimeout(timer);
    held = res;
    res.once('close', () => {
      if (held === res) held = null;
    });
    // Nothing else may connect from now on; the held connection stays open for the answer page.
    stopListening();
    log.info('sign-in listener: callback received');
    settle?.resolve(new URLSearchParams(query));
  }

  /** The browser's first stop: one redirect to the consent page, then never again. */
  function launch(res: ServerResponse): void {
    launchVisits += 1;
    if (launchVisits === 1 && phase === 'waiting' && launchTarget !== null) {
      log.info('sign-in listener: launch URL visited; sending the browser to the consent page');
      const body = render(LAUNCH_PAGE);
      res.writeHead(303, {
        ...PAGE_HEADERS,
        Location: launchTarget,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    if (phase !== 'waiting') {
      send(res, 410, render(LAUNCH_USED_PAGE));
      return;
    }
    // Two visits: one of them is not the person's browser. Whoever got the redirect now holds the
    // state and the callback path, so neither may be accepted any more.
    log.warn('sign-in listener: launch URL visited again; ending this sign-in');
    clearTimeout(timer);
    settle?.reject(launchUrlReused());
    phase = 'closed';
    stopListening();
    // Closed once the error page is written, so closing cannot cut it off.
    send(res, 410, render(LAUNCH_USED_PAGE), () => void close());
  }

  /** Sends the final page, if the browser is still there; resolves when it is written or gone. */
  function answer(res: ServerResponse | null, page: CallbackPage): Promise<void> {
    if (!res || res.writableEnded || res.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      // 'close' also fires when the browser gave up first, so the wait can never hang.
      res.once('close', () => resolve());
      send(res, page.outcome === 'success' ? 200 : 400, render(page), () => resolve());
    });
  }

  function close(page: CallbackPage = CLOSED_PAGE): Promise<void> {
    if (closing) return closing;
    clearTimeout(timer);
    if (phase === 'waiting') settle?.reject(signInCancelled());
    phase = 'closed';
    stopListening();
    const answering = held;
    held = null;
    closing = answer(answering, page).then(() => {
      server.closeAllConnections();
      return closed;
    });
    return closing;
  }

  timer = setTimeout(() => {
    if (phase !== 'waiting') return;
    log.warn('sign-in listener: timed out waiting for the browser', { timeoutMs });
    settle?.reject(signInTimedOut(timeoutMs));
    phase = 'closed';
    void close();
  }, timeoutMs);

  return {
    port,
    callbackUrl: `http://${expectedHost}${callbackPath}`,
    launchUrlFor(target: string) {
      if (launchTarget !== null) throw new Error('the launch URL of this sign-in is already armed');
      launchTarget = target;
      return `http://${expectedHost}${launchPath}`;
    },
    waitForCallback: () => callback,
    close,
  };
}
