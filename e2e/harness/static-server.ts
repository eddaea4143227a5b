import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative as relativePath, resolve, sep } from 'node:path';
import { mimeTypeFor, resolveAssetPath } from '../../main/protocol/resolve-asset';
import { FOREIGN_HOST_REFUSAL, isOwnHost } from './host-check';

/**
 * Serves the built renderer like the app's `app://` handler does (same CSP, same files), plus the
 * harness page preload injected before the app's own script — the place Electron runs a preload.
 * One site per window kind: an HTML page is served only if the site has a preload for it, so the
 * chat origin does not serve the key-entry page and the key-entry origin does not serve the chat page.
 * A request that names any other Host (a DNS-rebinding page) gets nothing at all.
 */
export interface StaticSite {
  /** Directory of the built renderer (out/renderer). */
  root: string;
  /** The only Host header answered: `127.0.0.1:<port>` of this site. */
  host: string;
  csp: () => string;
  /** Script text served at `path` for each HTML page, keyed by page file name: the site's only pages. */
  preloads: Record<string, { path: string; code: () => string }>;
}

export function createStaticHandler(site: StaticSite) {
  const base = resolve(site.root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = {
      'content-security-policy': site.csp(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (!isOwnHost(req, site.host)) {
      res
        .writeHead(403, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
        .end(FOREIGN_HOST_REFUSAL);
      return;
    }
    for (const preload of Object.values(site.preloads)) {
      if (url.pathname === preload.path) {
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
        res.end(preload.code());
        return;
      }
    }
    const file = resolveAssetPath(base, url.pathname);
    if (!file || file === base) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    const relative = relativePath(base, file).split(sep).join('/');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    const preload = site.preloads[relative];
    if (extname(file) === '.html' && !preload) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    if (preload) {
      const html = body
        .toString('utf8')
        .replace('<script', `<script src="${preload.path}"></script>\n    <script`);
      body = Buffer.from(html, 'utf8');
    }
    res.writeHead(200, { ...headers, 'content-type': mimeTypeFor(file) });
    res.end(body);
  };
}
