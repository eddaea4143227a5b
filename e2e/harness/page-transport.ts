import { buildBridge, type PreloadTransport } from '../../common/ipc/bridge';
import type { Contract } from '../../common/ipc/define';
import type { ServerMessage } from './ws-protocol';

/**
 * A preload transport over the harness WebSocket: the browser-side stand-in for ipcRenderer. Each
 * harness preload passes the socket URL, credential included.
 */
function webSocketTransport(url: string): PreloadTransport {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('harness socket failed')), { once: true });
  });
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as ServerMessage;
    if (message.type === 'response') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const deliver of listeners.get(message.channel) ?? []) deliver(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'internal', message: 'The harness connection closed.' } });
    }
    pending.clear();
  });

  return {
    async request(channel, payload) {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
      });
    },
    listen(channel, deliver) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(deliver);
      return () => set.delete(deliver);
    },
  };
}

/** Exposes the contract's bridge under `key`, read-only, like contextBridge does. */
export function installHarnessBridge(key: string, contract: Contract, socketUrl: string): void {
  Object.defineProperty(window, key, {
    value: buildBridge(contract, webSocketTransport(socketUrl)),
    writable: false,
    configurable: false,
  });
}
