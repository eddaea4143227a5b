import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { KEY_ENTRY_URL } from '../protocol/resolve-asset';
import { windowForContents } from './window-lookup';
import { keyEntryWindowOptions } from './window-options';

/**
 * The small key-entry window: modal to the chat window, its own page and preload (submit/cancel
 * only), on its own origin `app://switchboard-key` — a different site from the chat page's, so
 * Chromium's site isolation gives it its own renderer process. The typed key exists in this window
 * and in main, never in the chat window.
 */
export function createKeyWindows(preloadDir: string) {
  const open = new Set<number>();
  return {
    isKeyWindow: (id: number) => open.has(id),
    async open(parentWindowId: number): Promise<boolean> {
      const parent = windowForContents(parentWindowId);
      if (!parent) return false;
      for (const win of BrowserWindow.getAllWindows()) {
        if (open.has(win.webContents.id)) {
          win.focus();
          return true;
        }
      }
      const win = new BrowserWindow({ ...keyEntryWindowOptions(join(preloadDir, 'key-entry.cjs')), parent });
      const id = win.webContents.id;
      open.add(id);
      win.once('ready-to-show', () => win.show());
      win.on('closed', () => open.delete(id));
      await win.loadURL(KEY_ENTRY_URL);
      return true;
    },
    close(windowId: number): void {
      if (!open.has(windowId)) return;
      windowForContents(windowId)?.close();
    },
  };
}

export type KeyWindows = ReturnType<typeof createKeyWindows>;
