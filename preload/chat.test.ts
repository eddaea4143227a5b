import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHAT_BRIDGE_KEY } from '../common/ipc/bridge-types';
import { chatContract } from '../common/ipc/contract';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
const invoke = vi.fn(async (_channel: string, _payload: unknown) => ({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  // A stand-in for Electron's ipcRenderer (main-world code never sees this object).
  ipcRenderer: {
    invoke(channel: string, payload: unknown) {
      return invoke(channel, payload);
    },
    on(channel: string, fn: (event: unknown, payload: unknown) => void) {
      listeners.set(channel, fn);
    },
    removeListener(channel: string) {
      listeners.delete(channel);
    },
  },
}));

describe('chat preload', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    await import('./chat');
  });

  it('exposes exactly one object, under the bridge key', () => {
    expect([...exposed.keys()]).toEqual([CHAT_BRIDGE_KEY]);
  });

  it('exposes exactly the contract functions and nothing else', () => {
    const api = exposed.get(CHAT_BRIDGE_KEY) as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(chatContract).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    // No generic escape hatch under any common name.
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'request', 'listen']) {
      expect(api).not.toHaveProperty(name);
    }
  });

  it('sends each call on its own channel', async () => {
    const api = exposed.get(CHAT_BRIDGE_KEY) as Record<string, (arg?: unknown) => Promise<unknown>>;
    await api.listModels?.({ refresh: true });
    expect(invoke).toHaveBeenLastCalledWith('chat:listModels', { refresh: true });
  });

  it('delivers event payloads without the IPC event object', () => {
    const api = exposed.get(CHAT_BRIDGE_KEY) as Record<string, (fn: (p: unknown) => void) => () => void>;
    const received: unknown[][] = [];
    const off = api.onKeyStatus?.((...args: unknown[]) => received.push(args));
    const fakeEvent = { sender: { invoke: 'ipcRenderer itself' } };
    listeners.get('chat:onKeyStatus')?.(fakeEvent, { state: 'none' });
    expect(received).toEqual([[{ state: 'none' }]]);
    off?.();
    expect(listeners.has('chat:onKeyStatus')).toBe(false);
  });
});
