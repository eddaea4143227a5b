import type { IpcRenderer } from 'electron';
import type { PreloadTransport } from '../common/ipc/bridge';

/**
 * The preload's private transport over `ipcRenderer`. It is never exposed: the page only gets the
 * named functions `buildBridge` makes from it, and listeners receive the payload without the
 * `IpcRendererEvent` (which would hand the page `event.sender`, i.e. ipcRenderer itself).
 */
export function ipcRendererTransport(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): PreloadTransport {
  return {
    request: (channel, payload) => ipc.invoke(channel, payload),
    listen: (channel, deliver) => {
      const handler = (_event: unknown, payload: unknown) => deliver(payload);
      ipc.on(channel, handler);
      return () => {
        ipc.removeListener(channel, handler);
      };
    },
  };
}
