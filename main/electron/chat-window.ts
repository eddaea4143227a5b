import { BrowserWindow, screen } from 'electron';
import { CHAT_URL } from '../protocol/resolve-asset';
import { createUserActivationTracker } from '../services/key-intake/user-activation';
import { loadWindowState, saveWindowState } from '../services/window-state/window-state';
import { chatWindowOptions } from './window-options';

/** The chat windows main has open, by their web contents' id, and what main learns from them. */
export interface ChatWindows {
  /** Whether this web contents is a chat window's (its navigation rule, permissions and contract). */
  has(webContentsId: number): boolean;
  ids(): number[];
  /**
   * The first chat window, once it shows. Main's own questions wait for it (questions.ts): asked at
   * start, they then sit over the window that explains the state they are about.
   */
  readonly firstShown: Promise<BrowserWindow>;
  /** True once per real click or key press in that window shortly before (user-activation.ts). */
  consumeUserActivation(webContentsId: number): boolean;
  /**
   * Opens a chat window at its saved size and place. `onPageGone` runs when its page goes away —
   * the window closed, or its page reloaded or navigated — so nothing keeps streaming to it.
   */
  open(onPageGone: (webContentsId: number) => void): Promise<BrowserWindow>;
}

/** `preloadPath`: the chat preload bundle; `dataDir`: where the window's size and place are kept. */
export function createChatWindows(o: { preloadPath: string; dataDir: string }): ChatWindows {
  const open = new Set<number>();
  let shown: (win: BrowserWindow) => void = () => {};
  const firstShown = new Promise<BrowserWindow>((resolve) => {
    shown = resolve;
  });
  /** Real clicks and key presses per chat window, from 'input-event'. */
  const userActivation = createUserActivationTracker();

  return {
    has: (id) => open.has(id),
    ids: () => [...open],
    firstShown,
    consumeUserActivation: (id) => userActivation.consume(id),
    async open(onPageGone) {
      const saved = await loadWindowState(
        o.dataDir,
        screen.getAllDisplays().map((d) => d.workArea),
      );
      const options = chatWindowOptions(o.preloadPath);
      const win = new BrowserWindow(
        saved ? { ...options, x: saved.x, y: saved.y, width: saved.width, height: saved.height } : options,
      );
      if (saved?.maximized) win.maximize();
      // Remember size and position when the window closes (not on every move: one write per session).
      win.on('close', () => {
        const bounds = win.getNormalBounds();
        void saveWindowState(o.dataDir, { ...bounds, maximized: win.isMaximized() }).catch(() => undefined);
      });
      const id = win.webContents.id;
      open.add(id);
      // Input the OS delivered to this window (Electron 45 docs/api/web-contents.md, "Event:
      // 'input-event'"; electron_api_web_contents.cc `OnInputEvent`): the page cannot forge it. "Paste
      // from clipboard" is accepted only right after a real click or key press here.
      // Keyboard events also carry the DOM `key` at runtime (blink_converter.cc), though not in the typings.
      win.webContents.on('input-event', (_event, input) =>
        userActivation.noteInput(
          id,
          input.type,
          'key' in input && typeof input.key === 'string' ? input.key : undefined,
        ),
      );
      win.once('ready-to-show', () => {
        win.show();
        shown(win);
      });
      win.on('closed', () => {
        open.delete(id);
        userActivation.forget(id);
        onPageGone(id);
      });
      // A reload must not leave streams running for a page that no longer listens.
      win.webContents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) onPageGone(id);
      });
      void win.loadURL(CHAT_URL);
      return win;
    },
  };
}
