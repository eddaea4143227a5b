import { buildBridge, type PreloadTransport } from '../../common/ipc/bridge';
import { CHAT_BRIDGE_KEY } from '../../common/ipc/bridge-types';
import { chatContract } from '../../common/ipc/contract';
import type { ServerMessage } from './ws-protocol';

/**
 * The harness's stand-in for preload/chat.ts: the same bridge built from the same contract, over a
 * WebSocket instead of ipcRenderer. The server substitutes the two placeholders when serving it.
 */
declare const __HARNESS_WS_URL__: string;

const socket = new WebSocket(__HARNESS_WS_URL__);
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

const transport: PreloadTransport = {
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

Object.defineProperty(window, CHAT_BRIDGE_KEY, {
  value: buildBridge(chatContract, transport),
  writable: false,
  configurable: false,
});
