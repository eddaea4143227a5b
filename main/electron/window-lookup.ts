import { BrowserWindow } from 'electron';

/**
 * The open window whose page is web contents `id` — the id a handler gets as `ctx.windowId` — or null
 * once that window is closed: `BrowserWindow.getAllWindows()` returns "all opened browser windows"
 * (Electron docs/api/browser-window.md). Dialogs use it as their parent, so they sit over the window
 * that asked.
 */
export function windowForContents(id: number): BrowserWindow | null {
  return BrowserWindow.getAllWindows().find((w) => w.webContents.id === id) ?? null;
}
