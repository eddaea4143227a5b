import { app, type Session, session } from 'electron';
import type { Logger } from '../services/log/logger';

/**
 * App-wide rules that hold for every web contents Electron ever creates, including ones we did not
 * create on purpose: no navigation away from our origin, no new windows, no <webview>, no permissions.
 */
export function hardenWebContents(ourOrigin: string, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${ourOrigin}/`)) {
        event.preventDefault();
        log.warn('blocked navigation', { url: url.slice(0, 200) });
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${ourOrigin}/`)) event.preventDefault();
    });
    // Subframes too: a blocked iframe must not even start a connection to a foreign host.
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame && !event.url.startsWith(`${ourOrigin}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('blocked webview');
    });
    // Links are opened through the bridge (https only, after confirmation), never by window.open.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Denies every permission request and check (camera, notifications, clipboard-read, …). */
export function denyAllPermissions(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
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
