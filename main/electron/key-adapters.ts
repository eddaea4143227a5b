import { clipboard, shell } from 'electron';
import type { ServiceAdapters } from '../app/compose-services';
import { KEY_SETTINGS_URL } from '../app/key-intake';
import type { ChatWindows } from './chat-window';
import type { KeyWindows } from './key-window';

/**
 * What the ways a key gets in need from Electron: the system clipboard, the system browser (for the
 * sign-in and the key-settings page only), the key-entry window, real input seen in a chat window, and
 * the launch environment.
 */
export function keyAdapters(o: {
  chatWindows: Pick<ChatWindows, 'consumeUserActivation'>;
  keyWindows: Pick<KeyWindows, 'open' | 'close'>;
  /** The launch value of OPENROUTER_API_KEY, already removed from process.env (launch.ts). */
  env: Record<string, string | undefined>;
}): ServiceAdapters['keyIntake'] {
  return {
    clipboard: {
      readText: () => clipboard.readText(),
      clear: () => clipboard.clear(),
      // Linux's PRIMARY selection, cleared too when it holds the key: `clipboard.selection` is "a
      // Clipboard object on Linux ... and undefined on all other platforms" (Electron 45
      // docs/api/clipboard.md, `clipboard.selection`).
      ...(process.platform === 'linux' && clipboard.selection
        ? {
            selection: {
              readText: () => clipboard.selection.readText(),
              clear: () => clipboard.selection.clear(),
            },
          }
        : {}),
    },
    consumeUserActivation: (windowId) => o.chatWindows.consumeUserActivation(windowId),
    // Only the sign-in's one-time loopback launch URL: on Linux this lands in xdg-open's argv.
    openSignInPage: (url) => shell.openExternal(url),
    openKeySettingsPage: () => shell.openExternal(KEY_SETTINGS_URL),
    openKeyWindow: (parentId) => o.keyWindows.open(parentId),
    closeKeyWindow: (id) => o.keyWindows.close(id),
    env: o.env,
  };
}
