/**
 * Key-leak scanners for the end-to-end specs.
 *
 * Switchboard promises that the OpenRouter key exists in plaintext only in the main process. These
 * helpers look for the key where a renderer (or the disk) could keep it: the page's JS heap, DOM,
 * web storage, IndexedDB, cookies and console, and every file under the data directory.
 *
 * What counts as "the key": the whole key, its secret part (after `sk-or-v1-`), every substring of
 * the secret of MIN_FRAGMENT characters (at every offset, so any copy of 16+ characters is caught,
 * whatever it is embedded in), and the base64 / base64url encodings of the key and of the secret.
 *
 * Failure messages say where the key was found and which kind of piece matched, never the key or
 * any piece of it beyond the masked preview the app shows anyway (prefix and last four characters).
 * Nothing here sends the key into a page: pages are read out and searched in Node, so a scan cannot
 * plant what it is looking for.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';

export const KEY_PREFIX = 'sk-or-v1-';
/** The shortest piece of the secret that counts as a leak. */
export const MIN_FRAGMENT = 16;

/** The part of the key after `sk-or-v1-` (or after `sk-or-` for other versions). */
export function secretOf(key: string): string {
  if (key.startsWith(KEY_PREFIX)) return key.slice(KEY_PREFIX.length);
  if (key.startsWith('sk-or-')) return key.slice('sk-or-'.length);
  return key;
}

/** `sk-or-v1-…abcd`: what the app itself shows, safe to print. */
export function previewOf(key: string): string {
  return `${key.startsWith(KEY_PREFIX) ? KEY_PREFIX : ''}…${key.slice(-4)}`;
}

interface Needle {
  text: string;
  /** What the needle is, in words that reveal nothing of the key. */
  what: string;
}

interface KeyMatcher {
  /** The whole key and the whole secret, searched first for the most precise report. */
  whole: Needle[];
  /** Every MIN_FRAGMENT-character substring of the secret, to its offset. */
  windows: Map<string, number>;
  /** Runs of MIN_FRAGMENT or more characters that could be part of the secret. */
  runs: RegExp;
  encoded: Needle[];
}

function base64Variants(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const std = bytes.toString('base64');
  return [std, std.replace(/=+$/, ''), bytes.toString('base64url')];
}

const matchers = new Map<string, KeyMatcher>();

function matcherFor(key: string): KeyMatcher {
  const cached = matchers.get(key);
  if (cached) return cached;
  const secret = secretOf(key);
  if (secret.length < MIN_FRAGMENT) {
    throw new Error(`key-leak: the secret part is shorter than ${MIN_FRAGMENT} characters; pass a real key`);
  }
  const windows = new Map<string, number>();
  for (let at = 0; at + MIN_FRAGMENT <= secret.length; at++) {
    const piece = secret.slice(at, at + MIN_FRAGMENT);
    if (!windows.has(piece)) windows.set(piece, at);
  }
  const charClass = [...new Set(secret)].join('').replace(/[\\\]^-]/g, '\\$&');
  const encoded: Needle[] = [
    ...base64Variants(key).map((text) => ({ text, what: 'base64 of the key' })),
    ...base64Variants(secret).map((text) => ({ text, what: 'base64 of the secret' })),
  ];
  const matcher: KeyMatcher = {
    whole: [
      { text: key, what: 'the whole key' },
      { text: secret, what: 'the whole secret part' },
    ],
    windows,
    runs: new RegExp(`[${charClass}]{${MIN_FRAGMENT},}`, 'g'),
    encoded: encoded.filter((n, i) => encoded.findIndex((m) => m.text === n.text) === i),
  };
  matchers.set(key, matcher);
  return matcher;
}

/**
 * What of `key` is in `text` (e.g. "the whole key", "a 16-character piece of the secret (offset 8)",
 * "base64 of the key"), or null. Every offset of the secret is covered, so any copy of 16 or more
 * consecutive characters of it is found, whatever surrounds it.
 */
export function findKeyIn(text: string, key: string): string | null {
  const m = matcherFor(key);
  for (const needle of m.whole) if (text.includes(needle.text)) return needle.what;
  // One pass over the text: only runs made of the secret's characters can hold a piece of it.
  for (const run of text.matchAll(m.runs)) {
    const candidate = run[0];
    for (let i = 0; i + MIN_FRAGMENT <= candidate.length; i++) {
      const at = m.windows.get(candidate.slice(i, i + MIN_FRAGMENT));
      if (at !== undefined) return `a ${MIN_FRAGMENT}-character piece of the secret (offset ${at})`;
    }
  }
  for (const needle of m.encoded) if (text.includes(needle.text)) return needle.what;
  return null;
}

export interface Source {
  /** Where the text comes from, e.g. `localStorage["theme"]`. Must not contain the key itself. */
  where: string;
  text: string;
}

/** One line per source that holds any key material; empty when clean. */
export function scanSources(sources: readonly Source[], keys: readonly string[]): string[] {
  const findings: string[] = [];
  for (const key of keys) {
    for (const source of sources) {
      const found = findKeyIn(source.text, key);
      if (found) findings.push(`${source.where}: ${found} (key ${previewOf(key)})`);
    }
  }
  return findings;
}

/** A label taken from the page (a storage name, a cookie name) that is itself a leak is not printed. */
function safeName(name: string, keys: readonly string[]): string {
  return keys.some((key) => findKeyIn(name, key)) ? '<a name that holds the key>' : name;
}

function fail(what: string, findings: readonly string[]): never {
  throw new Error(`Key leak in ${what}, found in:\n  - ${findings.join('\n  - ')}`);
}

function asList(key: string | readonly string[]): string[] {
  const keys = typeof key === 'string' ? [key] : [...key];
  if (keys.length === 0) throw new Error('key-leak: no key to look for');
  return [...new Set(keys)];
}

/** Checks plain text lines (console, log lines, WebSocket frames) for the key. */
export function assertNoKeyInLines(lines: readonly string[], key: string | readonly string[], where: string) {
  const keys = asList(key);
  const findings = scanSources(
    lines.map((text, index) => ({ where: `${where} (line ${index + 1})`, text })),
    keys,
  );
  if (findings.length > 0) fail(where, findings);
}

/**
 * V8 writes at most this many characters of each string into a heap snapshot unless told otherwise,
 * so a key deep inside a long string (a JSON message, a log buffer) would go unseen.
 */
const V8_DEFAULT_SNAPSHOT_STRING_LIMIT = 1024;

/** The Chromium switch that makes heap snapshots carry whole strings. */
export const FULL_HEAP_STRINGS_ARG = '--js-flags=--heap-snapshot-string-limit=100000000';

/** Adds FULL_HEAP_STRINGS_ARG to a project's launch options (for a `launchOptions` fixture override). */
export function withFullHeapStrings<T extends { args?: string[] }>(launchOptions: T): T {
  const args = launchOptions.args ?? [];
  return {
    ...launchOptions,
    args: args.includes(FULL_HEAP_STRINGS_ARG) ? args : [...args, FULL_HEAP_STRINGS_ARG],
  };
}

/**
 * Every string in a V8 heap snapshot of the page's renderer, one per line. A full GC runs first (the
 * snapshot would do one anyway): what is searched is what the page still holds.
 *
 * Throws when the browser truncates snapshot strings (launch it with FULL_HEAP_STRINGS_ARG): the search
 * would then miss a key past the 1024th character of a string. To tell, a long canary string (no key
 * in it) is kept in a separate isolated world of the page during the snapshot, and must come back whole.
 */
export async function heapSnapshotStrings(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  let text: string;
  let canaryTail: string;
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'key-leak-canary',
    });
    // Built in the page and flattened, so only the long string ends with padding plus the marker.
    const planted = await cdp.send('Runtime.evaluate', {
      contextId: world.executionContextId,
      returnByValue: true,
      expression: `(() => {
        const marker = 'canary-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
        globalThis.keyLeakCanary = new TextDecoder().decode(
          new TextEncoder().encode('z'.repeat(${4 * V8_DEFAULT_SNAPSHOT_STRING_LIMIT}) + marker));
        return marker;
      })()`,
    });
    if (planted.exceptionDetails || typeof planted.result.value !== 'string') {
      throw new Error(
        `key-leak: could not plant the heap canary: ${planted.exceptionDetails?.text ?? 'no value'}`,
      );
    }
    canaryTail = `${'z'.repeat(16)}${planted.result.value}`;
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    await cdp.send('HeapProfiler.disable');
    await cdp.send('Runtime.evaluate', {
      contextId: world.executionContextId,
      expression: 'delete globalThis.keyLeakCanary',
    });
    text = chunks.join('');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  let strings: unknown;
  try {
    strings = (JSON.parse(text) as { strings?: unknown }).strings;
  } catch {
    strings = undefined;
  }
  // An empty or cut-off snapshot would make the heap check pass vacuously.
  if (!Array.isArray(strings) || strings.length === 0) {
    throw new Error('key-leak: the heap snapshot came back empty or malformed');
  }
  if (!strings.some((s) => typeof s === 'string' && s.endsWith(canaryTail))) {
    throw new Error(
      `key-leak: the heap snapshot truncates long strings (V8 keeps ${V8_DEFAULT_SNAPSHOT_STRING_LIMIT} characters by default), so a key inside a longer string would be missed. Launch Chromium with ${FULL_HEAP_STRINGS_ARG} (see withFullHeapStrings).`,
    );
  }
  return strings.join('\n');
}

interface PageDump {
  url: string;
  html: string;
  fields: { name: string; value: string }[];
  local: [string, string][];
  session: [string, string][];
  indexedDb: { where: string; text: string }[];
  indexedDbError: string | null;
}

/**
 * Runs inside the page (serialised by Playwright): reads everything a page could have kept. It must
 * stay self-contained and must not take the key as an argument.
 */
async function dumpPage(): Promise<PageDump> {
  const storage = (s: Storage): [string, string][] => {
    const out: [string, string][] = [];
    for (let i = 0; i < s.length; i++) {
      const name = s.key(i) ?? '';
      out.push([name, s.getItem(name) ?? '']);
    }
    return out;
  };
  const fields = [...document.querySelectorAll('input, textarea, select')].map((el, index) => {
    const field = el as HTMLInputElement;
    return { name: field.name || field.id || `${field.tagName.toLowerCase()}#${index}`, value: field.value };
  });

  // IndexedDB records may hold binary data or Blobs: flatten them to text so a copy inside is found.
  const flatten = async (value: unknown, depth = 0): Promise<unknown> => {
    if (depth > 50) return '[too deep]';
    if (value instanceof Blob) return await value.text();
    if (value instanceof ArrayBuffer) return new TextDecoder('latin1').decode(new Uint8Array(value));
    if (ArrayBuffer.isView(value)) {
      return new TextDecoder('latin1').decode(
        new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
      );
    }
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map) return flatten([...value.entries()], depth + 1);
    if (value instanceof Set) return flatten([...value.values()], depth + 1);
    if (Array.isArray(value)) return Promise.all(value.map((v) => flatten(v, depth + 1)));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await flatten(v, depth + 1);
      return out;
    }
    return value;
  };
  const request = <T>(r: IDBRequest<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });

  const indexedDb: { where: string; text: string }[] = [];
  let indexedDbError: string | null = null;
  try {
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const open = indexedDB.open(info.name);
      const db = await request(open);
      try {
        for (const storeName of [...db.objectStoreNames]) {
          const store = db.transaction(storeName, 'readonly').objectStore(storeName);
          const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
          indexedDb.push({
            where: `IndexedDB ${info.name}/${storeName}`,
            text: JSON.stringify(await flatten({ keys, values })),
          });
        }
      } finally {
        db.close();
      }
    }
  } catch (error) {
    indexedDbError = String(error);
  }

  return {
    url: location.href,
    html: document.documentElement.outerHTML,
    fields,
    local: storage(localStorage),
    session: storage(sessionStorage),
    indexedDb,
    indexedDbError,
  };
}

export interface LeakScanOptions {
  /** Take and search a heap snapshot (default true). */
  heap?: boolean;
  /** Search the DOM and field values (default true). */
  dom?: boolean;
  /** More text to search, by where it came from (e.g. WebSocket frames, main's log). */
  extra?: Record<string, readonly string[]>;
}

/** Collects every source of `page` the scan covers, in the order they are searched. */
export async function pageSources(page: Page, options: LeakScanOptions = {}): Promise<Source[]> {
  const sources: Source[] = [];
  // The heap first: reading the page out below creates copies of its data in the page's heap.
  if (options.heap ?? true)
    sources.push({ where: 'the JS heap snapshot', text: await heapSnapshotStrings(page) });
  for (const frame of page.frames()) {
    const dump = await frame.evaluate(dumpPage);
    const at = frame === page.mainFrame() ? '' : ` of frame ${dump.url}`;
    if (dump.indexedDbError)
      throw new Error(`key-leak: could not read IndexedDB${at}: ${dump.indexedDbError}`);
    sources.push({ where: `the URL${at}`, text: dump.url });
    if (options.dom ?? true) {
      sources.push({ where: `the DOM${at}`, text: dump.html });
      for (const field of dump.fields) {
        sources.push({ where: `the value of field "${field.name}"${at}`, text: field.value });
      }
    }
    for (const [name, value] of dump.local)
      sources.push({ where: `localStorage[${name}]${at}`, text: `${name}\n${value}` });
    for (const [name, value] of dump.session)
      sources.push({ where: `sessionStorage[${name}]${at}`, text: `${name}\n${value}` });
    for (const store of dump.indexedDb) sources.push({ where: `${store.where}${at}`, text: store.text });
  }
  for (const cookie of await page.context().cookies()) {
    sources.push({
      where: `cookie ${cookie.name} (${cookie.domain})`,
      text: `${cookie.name}=${cookie.value}`,
    });
  }
  return sources;
}

/**
 * Throws when any 16+ character piece of the key's secret (or the key, or its base64) is in the page's
 * heap, DOM, input values, localStorage, sessionStorage, IndexedDB, cookies, or `consoleLines`.
 */
export async function assertNoKeyLeak(
  page: Page,
  key: string | readonly string[],
  consoleLines: readonly string[],
  options: LeakScanOptions = {},
): Promise<void> {
  const keys = asList(key);
  const sources = await pageSources(page, options);
  consoleLines.forEach((text, index) => {
    sources.push({ where: `console line ${index + 1}`, text });
  });
  for (const [where, lines] of Object.entries(options.extra ?? {})) {
    lines.forEach((text, index) => {
      sources.push({ where: `${where} (${index + 1})`, text });
    });
  }
  const findings = scanSources(
    sources.map((s) => ({ ...s, where: safeName(s.where, keys) })),
    keys,
  );
  if (findings.length > 0) fail(`the scan of page ${new URL(page.url()).pathname}`, findings);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Throws when any file under `dataDir` (vault, settings, history, logs…) holds the key, its secret,
 * a 16+ character piece of the secret, or base64/base64url of either, as UTF-8 or UTF-16.
 * Returns how many files were searched, so a caller can check the walk saw something.
 */
export async function assertNoKeyOnDisk(dataDir: string, key: string | readonly string[]): Promise<number> {
  const keys = asList(key);
  const files = await listFiles(dataDir);
  const findings: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      // An atomic write's temporary file renamed between listing and reading: its content is in
      // the final file, which is scanned under its own name.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    // Keys are ASCII: latin1 reads UTF-8 bytes one to one; UTF-16LE catches a wide-character copy.
    const texts = [
      bytes.toString('latin1'),
      bytes.toString('utf16le'),
      bytes.subarray(1).toString('utf16le'),
    ];
    for (const k of keys) {
      const found = texts.map((t) => findKeyIn(t, k)).find((n) => n !== null);
      if (found) findings.push(`${safeName(relative(dataDir, file), keys)}: ${found} (key ${previewOf(k)})`);
    }
  }
  if (findings.length > 0) fail(`the data directory ${dataDir}`, findings);
  return files.length;
}
