import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a host an attacker controls: a loopback HTTP server on its own port that answers
 * every request with 200 and records it. Security tests put its URL into every field a compromised
 * renderer (or a fuzzer) controls; main must never contact it, so `requests` must stay empty.
 *
 * Node built-ins only, so both the Playwright specs and the Vitest unit tests can use it.
 */
export interface AttackerRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** True when the request carried an `Authorization` header (a leaked Bearer key would be here). */
  hadAuthorization: boolean;
}

export interface AttackerServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Every request received (HTTP requests and WebSocket/upgrade attempts alike). */
  readonly requests: readonly AttackerRequest[];
  /** Connections opened at the TCP level, even those that never sent a full request. */
  readonly connections: number;
  /** A URL on this server, e.g. `url('/steal')`. */
  url(path?: string): string;
  close(): Promise<void>;
}

function record(req: IncomingMessage, into: AttackerRequest[]): void {
  into.push({
    method: req.method ?? '?',
    url: req.url ?? '',
    headers: { ...req.headers },
    hadAuthorization: req.headers.authorization !== undefined,
  });
}

export async function startAttackerServer(): Promise<AttackerServer> {
  const requests: AttackerRequest[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    record(req, requests);
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end('attacker says hi');
  });
  server.on('connection', () => {
    connections++;
  });
  server.on('upgrade', (req, socket) => {
    record(req, requests);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    get connections() {
      return connections;
    },
    url: (path = '/') => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
