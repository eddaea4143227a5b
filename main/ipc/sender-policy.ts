/**
 * Who may call a handler. Extracted synchronously from the transport's event (Electron's
 * `event.senderFrame` can be null after an await, so the glue reads it first) and checked before any
 * handler code runs.
 */
export interface SenderInfo {
  /** Identifies the calling window (Electron webContents id, or the harness connection id). */
  readonly windowId: number | null;
  /** False for iframes and for a frame that is already gone. */
  readonly isMainFrame: boolean;
  /** URL of the calling frame, or null if unknown. */
  readonly url: string | null;
}

export interface SenderPolicy {
  /** Origin our pages are served from, e.g. `app://switchboard` or `http://127.0.0.1:5173`. */
  readonly origin: string;
  /**
   * When set, the only page (URL path, e.g. `/key-entry.html`) at `origin` that may call: a page
   * with its own contract is exactly one file. A query string is a different page; a fragment is not.
   */
  readonly path?: string;
  /** Whether `windowId` is one of our windows of the kind this contract serves. */
  isOurWindow(windowId: number): boolean;
}

/** Origin of a URL compared structurally; custom schemes have an opaque `origin`, so build it ourselves. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  // `app://switchboard/index.html` has origin "null" in WHATWG URL unless the scheme is registered
  // as standard; compare scheme + host explicitly instead.
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export type SenderVerdict = { allowed: true } | { allowed: false; reason: string };

export function checkSender(sender: SenderInfo, policy: SenderPolicy): SenderVerdict {
  if (sender.windowId === null || !policy.isOurWindow(sender.windowId)) {
    return { allowed: false, reason: 'not one of our windows' };
  }
  if (!sender.isMainFrame) return { allowed: false, reason: 'not the main frame' };
  if (sender.url === null) return { allowed: false, reason: 'unknown frame URL' };
  const origin = originOf(sender.url);
  if (origin === null || origin !== originOf(policy.origin)) {
    return { allowed: false, reason: 'foreign origin' };
  }
  if (policy.path !== undefined && !isExactPage(sender.url, policy.path)) {
    return { allowed: false, reason: 'wrong page' };
  }
  return { allowed: true };
}

function isExactPage(url: string, path: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.pathname === path && parsed.search === '';
  } catch {
    return false;
  }
}
