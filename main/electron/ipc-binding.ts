import { BrowserWindow, type IpcMainInvokeEvent, ipcMain, webContents } from 'electron';
import type { HandlerTable } from '../ipc/handler-table';
import type { SenderInfo } from '../ipc/sender-policy';

/**
 * Reads everything the sender check needs synchronously: `senderFrame` may be null after an await,
 * and a frame may navigate while a handler runs.
 */
export function senderInfoOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    windowId: BrowserWindow.fromWebContents(event.sender) ? event.sender.id : null,
    isMainFrame: frame !== null && frame.parent === null && frame === event.sender.mainFrame,
    url: frame?.url ?? null,
  };
}

/** Binds every channel of a handler table to `ipcMain.handle`. */
export function bindToIpcMain(table: HandlerTable): () => void {
  for (const channel of table.channels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      table.dispatch(channel, senderInfoOf(event), payload),
    );
  }
  return () => {
    for (const channel of table.channels) ipcMain.removeHandler(channel);
  };
}

/** Pushes an event to one window, if it is still alive. */
export function sendToWindow(windowId: number, channel: string, payload: unknown): void {
  const contents = webContents.fromId(windowId);
  if (contents && !contents.isDestroyed()) contents.send(channel, payload);
}
