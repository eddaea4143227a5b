import { originOf } from '../ipc/sender-policy';
import { APP_ORIGIN } from '../protocol/resolve-asset';
import type { WindowKind } from './window-rules';

/**
 * Chromium asks for this permission before `navigator.clipboard.writeText` (the Copy and Copy code
 * buttons): Electron's own test "navigator.clipboard.write … returns an error when permission denied"
 * (spec/chromium-spec.ts) denies exactly this name in the request handler and gets "Write permission
 * denied."; the name is in docs/api/session.md's list for both handlers (electron/electron#37158).
 */
export const CLIPBOARD_WRITE_PERMISSION = 'clipboard-sanitized-write';

/** One permission check or request, as the glue reads it from Electron's handler arguments. */
export interface PermissionAsk {
  readonly permission: string;
  /** The kind of window asking, from its web contents (null: none of ours, or no web contents). */
  readonly windowKind: WindowKind | null;
  readonly isMainFrame: boolean;
  /** The check handler's `requestingOrigin` (a URL such as `app://switchboard/`); null in a request. */
  readonly requestingOrigin: string | null;
  /** `details.requestingUrl`: the requesting frame's last committed URL, when Electron gives it. */
  readonly requestingUrl: string | null;
}

/**
 * Every permission is denied except writing text to the clipboard, and that only for the chat
 * window's main frame on the chat origin: the key-entry page never copies (the key must not reach
 * the clipboard from there), an iframe or a foreign page in our window gets nothing. Reading the
 * clipboard stays denied: main reads it, only when the person asks to import a key.
 */
export function mayGrantPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== CLIPBOARD_WRITE_PERMISSION) return false;
  if (ask.windowKind !== 'chat' || !ask.isMainFrame) return false;
  const named = [ask.requestingOrigin, ask.requestingUrl].filter((url): url is string => url !== null);
  return named.length > 0 && named.every((url) => originOf(url) === APP_ORIGIN);
}
