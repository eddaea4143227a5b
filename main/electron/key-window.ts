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
export function createKeyWindows(preloadDir: string, title: () => string) {
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
      // The title in the interface's language from the start (issue 20). Electron: the `title` option
      // is the window's title until the page's <title> replaces it ("If the HTML tag <title> is defined
      // in the HTML file loaded by loadURL(), this property will be ignored", docs/api/structures/
      // base-window-options.md), and every change of the page's title becomes the window's unless
      // 'page-title-updated' is prevented (docs/api/browser-window.md, "Event: 'page-title-updated'":
      // "calling event.preventDefault() will prevent the native window's title from changing";
      // shell/browser/api/electron_api_browser_window.cc OnPageTitleUpdated calls SetTitleFromPage
      // only when no listener prevented it). key-entry.html's static <title> is English until React
      // sets document.title, so main keeps its own title: the locale it read here is the one the page
      // is given, and the modal window closes before the language can change.
      const win = new BrowserWindow({
        ...keyEntryWindowOptions(join(preloadDir, 'key-entry.cjs'), title()),
        parent,
      });
      win.on('page-title-updated', (event) => event.preventDefault());
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
