import type { Bridge, Contract, Result } from './define';

/**
 * The two primitives a preload has: send a request on a named channel, and listen on one.
 * Preloads pass an implementation over `ipcRenderer` (the app) or over a WebSocket (the browser
 * harness). This object stays inside the preload; only the named functions built from it are exposed.
 */
export interface PreloadTransport {
  request(channel: string, payload: unknown): Promise<unknown>;
  /** Must call `deliver` with the payload only: the IPC event object never reaches the page. */
  listen(channel: string, deliver: (payload: unknown) => void): () => void;
}

/**
 * Builds the page-facing bridge: exactly one function per contract entry, named after it.
 * Frozen so page script cannot swap a function for another.
 */
export function buildBridge<C extends Contract>(contract: C, transport: PreloadTransport): Bridge<C> {
  const bridge: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(contract)) {
    const channel = spec.channel;
    if (spec.kind === 'invoke') {
      bridge[name] = (request?: unknown) => transport.request(channel, request) as Promise<Result<unknown>>;
    } else {
      bridge[name] = (listener: unknown) => {
        if (typeof listener !== 'function') throw new TypeError(`${name} expects a function`);
        return transport.listen(channel, (payload) => (listener as (p: unknown) => void)(payload));
      };
    }
  }
  return Object.freeze(bridge) as Bridge<C>;
}
