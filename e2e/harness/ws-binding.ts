import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { HandlerTable } from '../../main/ipc/handler-table';
import type { SenderInfo } from '../../main/ipc/sender-policy';
import { ClientMessageSchema, type ServerMessage, WS_PATH } from './ws-protocol';

/**
 * Binds a handler table to WebSockets on the harness server: the browser-harness stand-in for
 * `ipcMain`. Each connection is a "window". A connection must present the per-run token and come
 * from the harness origin; anything else is refused at the upgrade.
 */
export interface WsBinding {
  /** Sends an event to one connection (the `sendEvent` of the handler table). */
  sendEvent(windowId: number, channel: string, payload: unknown): void;
  /** Sends an event to every open connection (key status broadcasts). */
  broadcast(channel: string, payload: unknown): void;
  isWindow(windowId: number): boolean;
  onWindowClosed(listener: (windowId: number) => void): void;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function bindWebSocket(opts: {
  server: Server;
  token: string;
  origin: () => string;
  table: () => HandlerTable;
}): WsBinding {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const sockets = new Map<number, { ws: WebSocket; url: string }>();
  const closedListeners: Array<(id: number) => void> = [];
  let nextId = 1;

  opts.server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token') ?? '';
    const origin = req.headers.origin ?? '';
    if (url.pathname !== WS_PATH || !tokensEqual(token, opts.token) || origin !== opts.origin()) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = nextId++;
      // The page URL stands in for Electron's senderFrame.url; the origin was checked above.
      sockets.set(id, { ws, url: `${origin}/` });
      ws.on('message', (data) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        const message = ClientMessageSchema.safeParse(parsed);
        if (!message.success) return;
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
    broadcast(channel, payload) {
      for (const { ws } of sockets.values()) send(ws, { type: 'event', channel, payload });
    },
    isWindow: (id) => sockets.has(id),
    onWindowClosed: (l) => closedListeners.push(l),
    close: () =>
      new Promise<void>((resolve) => {
        for (const { ws } of sockets.values()) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
