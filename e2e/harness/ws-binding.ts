import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { HandlerTable } from '../../main/ipc/handler-table';
import type { SenderInfo } from '../../main/ipc/sender-policy';
import { isOwnHost } from './host-check';
import { ClientMessageSchema, type ServerMessage } from './ws-protocol';

/**
 * Binds a handler table to WebSockets on the harness server: the browser-harness stand-in for
 * `ipcMain`. Each connection is a "window". A connection must present a credential the binding
 * accepts, come from the origin of the page kind it serves and name that origin's host in its Host
 * header (a DNS-rebinding page names its own); anything else is refused at the upgrade.
 */
export interface WsBinding {
  /**
   * Sends an event to one connection: the `sendEvent` of the handler table, which parses the payload
   * first. Nothing else may call it (events go through `table.emit`).
   */
  sendEvent(windowId: number, channel: string, payload: unknown): void;
  /** The open connections ("windows"), e.g. to emit a key-status change to each through the table. */
  windowIds(): number[];
  isWindow(windowId: number): boolean;
  onWindowClosed(listener: (windowId: number) => void): void;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A credential check: one token, valid for every connection of the run (the chat socket's). */
export function perRunToken(token: string): (presented: string) => boolean {
  return (presented) => tokensEqual(presented, token);
}

/**
 * One-time tokens: `mint()` makes a fresh one, and a token is burnt the first time it is presented,
 * whether or not the rest of the handshake passes (the key-entry socket's: one per window main opened).
 */
export function oneTimeTokens(): { mint(): string; accept(presented: string): boolean } {
  const unused = new Set<string>();
  return {
    mint() {
      const token = randomBytes(32).toString('hex');
      unused.add(token);
      return token;
    },
    accept(presented) {
      for (const token of unused) {
        if (tokensEqual(presented, token)) {
          unused.delete(token);
          return true;
        }
      }
      return false;
    },
  };
}

export function bindWebSocket(opts: {
  server: Server;
  /** Upgrade path served by this binding (one per window kind). */
  path: string;
  /** URL path of the page kind this binding serves, for the sender info. */
  pagePath: string;
  /** Whether the credential presented at the upgrade admits this connection (may consume it). */
  acceptToken: (presented: string) => boolean;
  /**
   * The only origin this socket accepts (a page script cannot forge the handshake's Origin); its
   * host (`127.0.0.1:<port>`) is the only Host header accepted.
   */
  origin: () => string;
  table: () => HandlerTable;
  /** Shared across bindings so window ids are unique in the whole harness. */
  nextWindowId: () => number;
}): WsBinding {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const sockets = new Map<number, { ws: WebSocket; url: string }>();
  const closedListeners: Array<(id: number) => void> = [];

  opts.server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token') ?? '';
    const origin = req.headers.origin ?? '';
    if (url.pathname !== opts.path) return; // another binding's, or refused by the catch-all
    // The token is checked first, so a one-time token is burnt even when the origin or host is wrong.
    const admitted = opts.acceptToken(token);
    if (!admitted || origin !== opts.origin() || !isOwnHost(req, new URL(opts.origin()).host)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = opts.nextWindowId();
      // The page URL stands in for Electron's senderFrame.url; the origin was checked above.
      sockets.set(id, { ws, url: `${origin}${opts.pagePath}` });
      ws.on('message', (data) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        const message = ClientMessageSchema.safeParse(parsed);
        if (!message.success) {
          // Answer what we can: a request id we can read gets a typed error instead of silence.
          const id = (parsed as { id?: unknown } | null)?.id;
          if (typeof id === 'number') {
            send(ws, {
              type: 'response',
              id,
              result: { ok: false, error: { code: 'validation', message: 'Malformed request.' } },
            });
          }
          return;
        }
        const sender: SenderInfo = { windowId: id, isMainFrame: true, url: sockets.get(id)?.url ?? null };
        void opts
          .table()
          .dispatch(message.data.channel, sender, message.data.payload)
          .then((result) => send(ws, { type: 'response', id: message.data.id, result }));
      });
      ws.on('close', () => {
        sockets.delete(id);
        for (const l of closedListeners) l(id);
      });
    });
  });

  function send(ws: WebSocket, message: ServerMessage) {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  return {
    sendEvent(windowId, channel, payload) {
      const entry = sockets.get(windowId);
      if (entry) send(entry.ws, { type: 'event', channel, payload });
    },
    windowIds: () => [...sockets.keys()],
    isWindow: (id) => sockets.has(id),
    onWindowClosed: (l) => closedListeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        for (const { ws } of sockets.values()) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Refuses upgrades on any path no binding serves (each binding ignores paths that are not its own). */
export function refuseUnknownUpgrades(server: Server, paths: readonly string[]): void {
  server.on('upgrade', (req: IncomingMessage, socket) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (!paths.includes(pathname)) {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
    }
  });
}
