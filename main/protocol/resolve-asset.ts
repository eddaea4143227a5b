import { extname, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
/** The chat window's host: `app://switchboard/index.html`. */
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/**
 * The key-entry window's own host. A standard scheme's hosts are distinct origins (and sites), so the
 * key-entry page shares no origin — no DOM access, storage or renderer process — with the chat page.
 */
export const KEY_ENTRY_HOST = 'switchboard-key';
export const KEY_ENTRY_ORIGIN = `${APP_SCHEME}://${KEY_ENTRY_HOST}`;
/** The one page the key-entry host serves, and the only path its sender policy accepts. */
export const KEY_ENTRY_PATH = '/key-entry.html';
export const KEY_ENTRY_URL = `${KEY_ENTRY_ORIGIN}${KEY_ENTRY_PATH}`;
export const CHAT_URL = `${APP_ORIGIN}/index.html`;

/**
 * Which HTML pages each host serves (lower case, relative to the renderer directory). Every other
 * file of the bundle (scripts, styles, fonts) is served on both hosts: the pages share chunks, and a
 * script runs only if a page of that origin loads it. A page is never served on the other host.
 */
const PAGES_BY_HOST: ReadonlyMap<string, readonly string[]> = new Map([
  [APP_HOST, ['index.html']],
  [KEY_ENTRY_HOST, [KEY_ENTRY_PATH.slice(1)]],
]);

/** File names a browser renders as a document (compared after case folding, see `pageName`). */
const DOCUMENT = /\.(html?|xht(ml)?)$/;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps `app://<host>/<path>` to a file inside `root`, or null. Refuses unknown hosts, anything that
 * would escape `root` (`..`, encoded separators), and an HTML page that is not that host's own, so
 * the protocol serves our bundle and nothing else, and each page only on its own origin.
 */
export function resolveAsset(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:`) return null;
  const pages = PAGES_BY_HOST.get(url.host);
  if (!pages) return null;
  const file = resolveAssetPath(root, url.pathname);
  if (!file) return null;
  const name = pageName(root, file);
  if (DOCUMENT.test(name) && !pages.includes(name)) return null;
  return file;
}

/**
 * The file's path below `root` as the file system may read it: case-insensitive (macOS, Windows) and
 * without the trailing dots and spaces Windows ignores, so `Key-Entry.HTML.` is still the key-entry page.
 */
function pageName(root: string, file: string): string {
  return relative(resolve(root), file)
    .split(sep)
    .join('/')
    .toLowerCase()
    .replace(/[. ]+$/, '');
}

/**
 * Maps a URL path (still percent-encoded) to a file inside `root`, or null: `/` is index.html, and
 * nothing may escape `root` (`..`, encoded separators, backslashes, NUL). Shared by the `app://`
 * handler and the browser harness's static server, so both serve exactly the same files.
 */
export function resolveAssetPath(root: string, encodedPathname: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return null;
  }
  // `:` would name an NTFS alternate stream (`key-entry.html::$DATA` reads key-entry.html); no file
  // of the bundle has one in its name.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.includes(':')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}
