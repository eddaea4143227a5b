import { app, type Session, session, type WebContents } from 'electron';
import { originOf } from '../ipc/sender-policy';
import { APP_ORIGIN } from '../protocol/resolve-asset';
import type { Logger } from '../services/log/logger';
import { mayGrantPermission } from './permission-rules';
import { mayNavigateTo, type WindowKind } from './window-rules';

/** Which of main's windows a web contents is, by its id; null for every other web contents. */
export type WindowKindOf = (webContentsId: number) => WindowKind | null;

/**
 * App-wide rules that hold for every web contents Electron ever creates, including ones we did not
 * create on purpose: each window kind may be only at its own place (window-rules.ts: the chat window
 * on app://switchboard, the key-entry window at its one page, anything else nowhere), no subframe
 * navigates, no new windows, no <webview>.
 *
 * The kind is looked up at each event, not when the contents is created: `web-contents-created` fires
 * inside `new BrowserWindow`, before main has recorded which kind of window it made. Main's own
 * `loadURL` emits none of these events (docs/api/web-contents.md, "will-frame-navigate": "will not
 * emit when the navigation is started programmatically with APIs like webContents.loadURL"), so the
 * rules decide only what a page or a redirect asks for.
 */
export function hardenWebContents(kindOf: WindowKindOf, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    const allowed = (url: string) => mayNavigateTo(kindOf(contents.id), url);
    const window = () => kindOf(contents.id) ?? 'none';
    // `event.url`: the listener's second argument (the URL) is deprecated (docs/api/web-contents.md).
    contents.on('will-navigate', (event) => {
      if (!allowed(event.url)) {
        event.preventDefault();
        log.warn('blocked navigation', { window: window(), url: event.url.slice(0, 200) });
      }
    });
    // Also for main's own loads: a protocol handler of ours never redirects.
    contents.on('will-redirect', (event) => {
      if (!allowed(event.url)) {
        event.preventDefault();
        log.warn('blocked redirect', { window: window(), url: event.url.slice(0, 200) });
      }
    });
    // Every frame: a main frame by its window's rule (again, as will-navigate does), a subframe never —
    // no page of ours has one, and a blocked iframe must not even start a connection to a foreign host.
    contents.on('will-frame-navigate', (event) => {
      if (event.isMainFrame ? allowed(event.url) : false) return;
      event.preventDefault();
      if (!event.isMainFrame) {
        log.warn('blocked frame navigation', { window: window(), url: event.url.slice(0, 200) });
      }
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('blocked webview');
    });
    // Links are opened through the bridge (https only, after confirmation), never by window.open.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/**
 * Spellchecker dictionaries would come from Google's CDN, fetched by main's session whatever
 * `webPreferences.spellcheck` says (electron/electron#22995; electron_api_session.cc
 * SetSpellCheckerDictionaryDownloadURL). A non-network URL makes the download fail without any
 * connection: main talks to OpenRouter only. Call it before anything else touches the session.
 */
export function refuseDictionaryDownloads(target: Session = session.defaultSession): void {
  target.setSpellCheckerDictionaryDownloadURL(`${APP_ORIGIN}/no-dictionaries/`);
}

/**
 * Denies every permission request and check (camera, notifications, clipboard-read, …) except
 * `clipboard-sanitized-write` for the chat window's main frame (permission-rules.ts), which the Copy
 * buttons' `navigator.clipboard.writeText` needs. Both handlers are set: Electron's docs say "you must
 * also implement setPermissionCheckHandler to get complete permission handling" (docs/api/session.md),
 * and with no check handler Electron grants every check (shell/browser/electron_permission_manager.cc,
 * CheckPermissionWithDetails). The arguments are Electron 45's (session.md): the check handler gets a
 * null web contents for cross-origin subframes, `requestingOrigin`, and `details.isMainFrame` /
 * `details.requestingUrl`; the request handler gets `details.isMainFrame` and `details.requestingUrl`
 * (set from the requesting frame in electron_permission_manager.cc, RequestPermissionsWithDetails).
 */
export function restrictPermissions(kindOf: WindowKindOf, target: Session = session.defaultSession): void {
  const kindOfContents = (contents: WebContents | null) => (contents ? kindOf(contents.id) : null);
  target.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      mayGrantPermission({
        permission,
        windowKind: kindOfContents(contents),
        isMainFrame: details?.isMainFrame === true,
        requestingOrigin: null,
        requestingUrl: typeof details?.requestingUrl === 'string' ? details.requestingUrl : null,
      }),
    );
  });
  target.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    mayGrantPermission({
      permission,
      windowKind: kindOfContents(contents),
      isMainFrame: details?.isMainFrame === true,
      requestingOrigin: typeof requestingOrigin === 'string' ? requestingOrigin : null,
      requestingUrl: typeof details?.requestingUrl === 'string' ? details.requestingUrl : null,
    }),
  );
  target.setDevicePermissionHandler(() => false);
}

/**
 * Main starts no download, so every download is a page's doing — an `<a download>` to a data: or
 * blob: URL, which the network block below never sees — and is cancelled before anything is written
 * or a save dialog shows. `event.preventDefault()` in `will-download` makes Electron cancel and remove
 * the item (docs/api/session.md "Event: 'will-download'"; shell/browser/api/electron_api_session.cc,
 * Session::OnDownloadCreated: `item->Cancel(true); item->Remove()`); `item.cancel()` says the same
 * thing in the item's own words. Logged without the URL's contents (a data: URL is its contents).
 */
export function denyDownloads(
  kindOf: WindowKindOf,
  log: Logger,
  target: Session = session.defaultSession,
): void {
  target.on('will-download', (event, item, contents) => {
    event.preventDefault();
    item.cancel();
    log.warn('blocked download', {
      window: (contents ? kindOf(contents.id) : null) ?? 'none',
      from: downloadSource(item.getURL()),
    });
  });
}

/** Where a download came from, without its path or contents: an origin, or a scheme. */
function downloadSource(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'blob:') return `blob:${originOf(parsed.pathname) ?? 'unknown origin'}`;
    return originOf(url) ?? parsed.protocol;
  } catch {
    return 'unparsable URL';
  }
}

/**
 * The renderers never need the network: main makes every OpenRouter call with Node's fetch, which
 * does not pass through the session. So cancel every http(s)/ws(s) request a page, frame or worker
 * starts before it is sent — a second wall behind the CSP. (Plain Chromium still opens a TCP
 * connection, without a request, to the host of a CSP-blocked iframe; the browser harness shows it.
 * Whether this rule and `will-frame-navigate` also stop that connect in Electron is for the Electron
 * suite to show; the harness cannot run this code.)
 */
export function blockRendererNetwork(target: Session = session.defaultSession): void {
  target.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}
