import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../protocol/content-security-policy';
import { APP_SCHEME, mimeTypeFor, resolveAsset } from '../protocol/resolve-asset';

/**
 * Must run before `app` is ready: makes `app://` a standard, secure origin (not `file://`).
 * Privileges belong to the scheme, not a host, and this may be called only once (docs/api/protocol.md,
 * registerSchemesAsPrivileged: "can only be used before the ready event … and can be called only
 * once"), so the one entry covers both `app://switchboard` and `app://switchboard-key`. As a standard
 * scheme (url::AddStandardScheme in shell/browser/api/electron_api_protocol.cc and
 * shell/renderer/renderer_client_base.cc) its URLs have hosts, and each host is its own origin, as
 * with https: the key-entry page shares no origin with the chat page.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir` with our CSP on every response; each HTML page only on
 * its own host (resolveAsset: index.html on app://switchboard, key-entry.html on app://switchboard-key).
 */
export function serveAppScheme(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': mimeTypeFor(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
