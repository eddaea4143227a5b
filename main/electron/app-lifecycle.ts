import { app, BrowserWindow } from 'electron';

/**
 * Quitting waits for `shutDown` (streams stopped, partial replies saved as cancelled, history flushed)
 * and then quits for real. The first `before-quit` is held back with `preventDefault()`, which "will
 * prevent the default behavior, which is terminating the application" (Electron docs/api/app.md,
 * "Event: 'before-quit'"); the `app.quit()` after the flush emits it again and is let through.
 */
export function shutDownBeforeQuit(shutDown: () => Promise<void>): void {
  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown) return;
    event.preventDefault();
    shuttingDown = true;
    void shutDown().finally(() => app.quit());
  });
}

/** Launching the app again (the second instance quits at once) brings this instance's window forward. */
export function focusOnSecondLaunch(): void {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
}

/** macOS: clicking the Dock icon with no window open opens a chat window. */
export function reopenWhenActivated(openWindow: () => void): void {
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

/** Closing the last window quits, except on macOS, where apps stay in the Dock. */
export function quitWhenAllWindowsClosed(): void {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
