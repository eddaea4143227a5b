/**
 * Invariant 5 (hardened windows), checked without Electron: the pure window options, the CSP, the
 * `app://` asset resolver (property test), the packaging fuses, and static checks of the source for
 * the glue that only runs inside Electron (electron-glue.test.ts, beside this file, runs that glue
 * against a fake Electron as well). Static checks read the source with comments removed, so a comment
 * that names a forbidden setting does not trip them and a real use cannot hide in one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as windowOptions from '../electron/window-options';
import { contentSecurityPolicy } from '../protocol/content-security-policy';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  CHAT_URL,
  KEY_ENTRY_HOST,
  KEY_ENTRY_ORIGIN,
  KEY_ENTRY_URL,
  resolveAsset,
} from '../protocol/resolve-asset';

const repo = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string, extensions = /\.(ts|tsx)$/): string[] {
  return readdirSync(join(repo, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && extensions.test(e.name) && !/\.test\./.test(e.name))
    .map((e) => relative(repo, join(e.parentPath, e.name)));
}

/** Source without comments (block comments, and `//` comments not preceded by `:` as in `https://`). */
function code(file: string): string {
  return readFileSync(join(repo, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function hits(files: readonly string[], pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = code(file).split('\n');
    lines.forEach((line, index) => {
      if (pattern.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('window options', () => {
  const factories = Object.entries(windowOptions).filter(
    (entry): entry is [string, (preload: string) => Electron.BrowserWindowConstructorOptions] =>
      entry[0].endsWith('WindowOptions') && typeof entry[1] === 'function',
  );

  it('covers every window kind (chat and key entry)', () => {
    expect(factories.map(([name]) => name).sort()).toEqual(['chatWindowOptions', 'keyEntryWindowOptions']);
  });

  for (const [name, factory] of factories) {
    it(`${name}: isolated, sandboxed, no Node, web security on, no webview`, () => {
      const prefs = factory('/opt/switchboard/preload/x.cjs').webPreferences;
      expect(prefs).toBeDefined();
      expect(prefs).toMatchObject({
        preload: '/opt/switchboard/preload/x.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
      });
      expect(prefs?.enableBlinkFeatures ?? '').toBe('');
      // Nothing that would widen the page's reach.
      for (const risky of [
        'additionalArguments',
        'partition',
        'session',
        'disableBlinkFeatures',
        'plugins',
      ]) {
        expect(prefs, risky).not.toHaveProperty(risky);
      }
    });
  }

  it('is what every BrowserWindow in main is built from (no webPreferences written anywhere else)', () => {
    const main = sourceFiles('main');
    const constructing = main.filter((file) => /new BrowserWindow\(/.test(code(file)));
    expect(constructing.length).toBeGreaterThanOrEqual(2);
    for (const file of constructing) expect(code(file), file).toMatch(/\b(chat|keyEntry)WindowOptions\(/);
    const elsewhere = hits(
      main.filter((f) => f !== 'main/electron/window-options.ts'),
      /webPreferences\s*:/,
    );
    expect(elsewhere).toEqual([]);
  });
});

describe('content security policy', () => {
  const parse = (csp: string) => {
    const directives = new Map<string, string[]>();
    for (const part of csp.split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (!name) continue;
      expect(directives.has(name), `duplicate directive ${name}`).toBe(false);
      directives.set(name.toLowerCase(), values);
    }
    return directives;
  };
  const csp = parse(contentSecurityPolicy());
  /** A source that names a remote place: a scheme, a host, a wildcard. */
  const REMOTE = /^(\*|https?:|wss?:|ftp:|[a-z0-9.-]+\.[a-z]{2,}|.*:\/\/)/i;

  it("default-src 'none', object-src 'none', frame-ancestors 'none', base-uri and form-action 'none'", () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it("script-src is 'self' only: no inline, no eval, nothing remote", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    // No directive that would override script-src for elements or attributes.
    expect(csp.has('script-src-elem')).toBe(false);
    expect(csp.has('script-src-attr')).toBe(false);
  });

  it("connect-src is 'self' only, and no directive allows a remote origin or unsafe keyword", () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      for (const value of values) {
        expect(value, `${name} ${value}`).not.toMatch(REMOTE);
        expect(value, `${name} ${value}`).not.toMatch(/unsafe|strict-dynamic|nonce-|sha\d+-/i);
      }
    }
  });

  it('extra connect sources (the harness socket) change connect-src and nothing else', () => {
    const withSocket = parse(contentSecurityPolicy(['ws://127.0.0.1:4000']));
    expect(withSocket.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4000']);
    for (const [name, values] of csp)
      if (name !== 'connect-src') expect(withSocket.get(name)).toEqual(values);
  });

  it('the app protocol sends the CSP without extras on every asset', () => {
    const protocolCode = code('main/electron/app-protocol.ts');
    expect(protocolCode).toMatch(/const csp = contentSecurityPolicy\(\);/);
    expect(protocolCode).toMatch(/'content-security-policy': csp/);
    expect(protocolCode).toMatch(/'x-content-type-options': 'nosniff'/);
  });
});

describe('the app is served from app://, never file://', () => {
  it('APP_ORIGIN is app://switchboard; the key-entry page has its own host of the same scheme', () => {
    expect(APP_ORIGIN.startsWith('app://')).toBe(true);
    expect(APP_ORIGIN).toBe(`${APP_SCHEME}://${APP_HOST}`);
    expect(KEY_ENTRY_ORIGIN).toBe(`${APP_SCHEME}://${KEY_ENTRY_HOST}`);
    expect(KEY_ENTRY_HOST).not.toBe(APP_HOST);
    expect(CHAT_URL).toBe('app://switchboard/index.html');
    expect(KEY_ENTRY_URL).toBe('app://switchboard-key/key-entry.html');
  });

  it('the scheme is registered standard + secure before ready (privileged like https)', () => {
    const protocolCode = code('main/electron/app-protocol.ts');
    expect(protocolCode).toMatch(
      /registerSchemesAsPrivileged\(\[\s*\{\s*scheme: APP_SCHEME, privileges: \{ standard: true, secure: true, supportFetchAPI: true \} \},?\s*\]\)/,
    );
    // No privilege that would bypass the CSP or open the scheme to everything.
    expect(protocolCode).not.toMatch(/bypassCSP|corsEnabled|allowServiceWorkers|stream: true/);
  });

  it('every loadURL in main loads one of the two app:// page constants; no loadFile, no file:// anywhere in main or preload', () => {
    const main = sourceFiles('main');
    const loads = hits(main, /\.loadURL\(/);
    expect(loads.map((l) => l.replace(/^([^:]+):\d+: /, '$1: ')).sort()).toEqual([
      'main/electron/chat-window.ts: void win.loadURL(CHAT_URL);',
      'main/electron/key-window.ts: await win.loadURL(KEY_ENTRY_URL);',
    ]);
    expect(hits([...main, ...sourceFiles('preload')], /loadFile\(|file:\/\//)).toEqual([]);
  });
});

describe('main process glue (static checks of code that runs only inside Electron)', () => {
  const index = code('main/index.ts');

  it('takes the single-instance lock before anything starts, and starts nothing without it', () => {
    const lockAt = index.indexOf('app.requestSingleInstanceLock()');
    expect(lockAt).toBeGreaterThan(0);
    for (const later of [
      'registerAppScheme()',
      'app.whenReady()',
      'hardenWebContents(',
      'serveAppScheme(',
      'composeServices(',
      // The glue modules that bind ipcMain, build windows and open the vault file (checked below to do
      // nothing at module load), each first called here.
      'bindChatContract(',
      'bindKeyEntryContract(',
      'createChatWindows(',
      'chatWindows.open(',
      'createKeyWindows(',
      'vaultRecordStore()',
    ]) {
      const at = index.indexOf(later);
      expect(at, later).toBeGreaterThan(lockAt);
    }
    // What starts things lives only in those modules, and only inside their functions: no statement at
    // a module's top level (biome formats a top-level statement at column 0) binds, builds or opens.
    const starters: Array<[RegExp, string[]]> = [
      [/(?<!function )\bbindToIpcMain\(/, ['main/electron/contract-tables.ts']],
      [/new BrowserWindow\(/, ['main/electron/chat-window.ts', 'main/electron/key-window.ts']],
      [/new ElectronStore/, ['main/electron/vault-record-store.ts']],
    ];
    for (const [pattern, files] of starters) {
      const found = hits(sourceFiles('main'), pattern);
      expect([...new Set(found.map((l) => l.replace(/:\d+: .*$/, '')))].sort(), String(pattern)).toEqual(
        files,
      );
      for (const file of files) {
        const topLevel = code(file)
          .split('\n')
          .filter((line) => /^\S/.test(line) && pattern.test(line));
        expect(topLevel, `${file}: ${pattern} at module load`).toEqual([]);
      }
    }
    // The only statements before the lock read the launch settings, take the key out of the
    // environment and set the userData path (which the lock is scoped to); launch.ts, which does
    // these, starts nothing either.
    const configAt = index.indexOf('const config = ');
    expect(configAt).toBeGreaterThan(0);
    const before = index.slice(configAt, lockAt);
    expect(before).not.toMatch(/whenReady|BrowserWindow|register|compose|ipcMain|protocol\./);
    expect(code('main/electron/launch.ts')).not.toMatch(
      /whenReady|BrowserWindow|register|compose|ipcMain|protocol\./,
    );
    expect(index).toMatch(
      /if \(!app\.requestSingleInstanceLock\(\)\) \{\s*app\.quit\(\);\s*\} else \{(?:\s*\/\/[^\n]*)*\s*app\.commandLine\.appendSwitch\('host-resolver-rules', 'MAP \* ~NOTFOUND'\);\s*registerAppScheme\(\);\s*void app\.whenReady\(\)\.then\(start\);\s*\}/,
    );
  });

  it('hardens every web contents and denies permissions before the first window', () => {
    const start = index.slice(index.indexOf('async function start()'));
    const order = [
      'refuseDictionaryDownloads()',
      'hardenWebContents(windowKindOf',
      'restrictPermissions(windowKindOf)',
      'denyDownloads(windowKindOf',
      'blockRendererNetwork()',
      'serveAppScheme(',
      'chatWindows.open(',
    ];
    const positions = order.map((s) => start.indexOf(s));
    for (const [i, at] of positions.entries()) expect(at, order[i]).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("hardening.ts: window.open denied, navigation and redirects by each window's rule, webview prevented", () => {
    const hardening = code('main/electron/hardening.ts');
    expect(hardening).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    // The rule is the window kind's (window-rules.ts, unit-tested; the glue test drives these events).
    expect(hardening).toMatch(
      /const allowed = \(url: string\) => mayNavigateTo\(kindOf\(contents\.id\), url\);/,
    );
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(hardening).toMatch(
        new RegExp(
          `on\\('${event}', \\(event\\) => \\{\\s*if \\(!allowed\\(event\\.url\\)\\) \\{\\s*event\\.preventDefault\\(\\);`,
        ),
      );
    }
    expect(hardening).toMatch(/on\('will-attach-webview', \(event\) => \{\s*event\.preventDefault\(\);/);
    expect(hardening).not.toMatch(/action: 'allow'/);
    // No prefix test of a URL anywhere in the rules (`app://switchboard` is a prefix of `app://switchboard-key`).
    for (const file of ['main/electron/hardening.ts', 'main/electron/window-rules.ts']) {
      expect(code(file), file).not.toMatch(/startsWith/);
    }
  });

  it('hardening.ts: every permission request and check goes through mayGrantPermission; devices denied', () => {
    const hardening = code('main/electron/hardening.ts');
    expect(hardening).toMatch(
      /setPermissionRequestHandler\(\(contents, permission, callback, details\) => \{\s*callback\(\s*mayGrantPermission\(/,
    );
    expect(hardening).toMatch(
      /setPermissionCheckHandler\(\(contents, permission, requestingOrigin, details\) =>\s*mayGrantPermission\(/,
    );
    expect(hardening).toMatch(/setDevicePermissionHandler\(\(\) => false\)/);
    // The one permission ever granted is named in one place.
    expect(code('main/electron/permission-rules.ts')).toMatch(
      /if \(ask\.permission !== CLIPBOARD_WRITE_PERMISSION\) return false;/,
    );
    expect(
      hits(sourceFiles('main'), /callback\(true\)|=> true\)/).filter((l) => /Permission/.test(l)),
    ).toEqual([]);
  });

  it('shell.openExternal is called only with a parseSafeExternalUrl result, a constant, or main-built sign-in URL', () => {
    const calls = hits(sourceFiles('main'), /shell\.openExternal\(/);
    // Each call site, by what it passes. A new call site fails here until someone reviews it.
    expect(calls.map((l) => l.replace(/^([^:]+):\d+: /, '$1: ')).sort()).toEqual([
      // A fixed constant (https://openrouter.ai/settings/keys).
      'main/electron/key-adapters.ts: openKeySettingsPage: () => shell.openExternal(KEY_SETTINGS_URL),',
      // The sign-in page: built by main from the launch-time base URL (authUrlFor), no renderer input.
      'main/electron/key-adapters.ts: openSignInPage: (url) => shell.openExternal(url),',
      // The `url: URL` that the chat handler got from parseSafeExternalUrl, after the person confirmed.
      'main/electron/link-confirmation.ts: await shell.openExternal(url.toString());',
    ]);
    // That confirmation is the chat handler's openExternal, and the key adapters are the key services'.
    expect(index).toMatch(/openExternal: confirmAndOpenLink\(mainTextNow\),/);
    expect(index).toMatch(/keyIntake: keyAdapters\(/);
    const handlers = code('main/app/chat-handlers.ts');
    expect(handlers).toMatch(
      /openExternal: async \(\{ url \}, ctx\) => \{\s*const safe = parseSafeExternalUrl\(url\);\s*if \(!safe\) \{[\s\S]*?\}\s*return \{ opened: await deps\.openExternal\(safe, ctx\.windowId\) \};/,
    );
    expect(code('main/app/key-intake.ts')).toMatch(
      /KEY_SETTINGS_URL = 'https:\/\/openrouter\.ai\/settings\/keys'/,
    );
    // The sign-in URL comes from the launch-time base URL only.
    expect(code('main/app/key-intake.ts')).toMatch(/authUrl: authUrlFor\(adapters\.openRouterBaseUrl\)/);
  });

  it('no insecure webPreferences anywhere in main/ or preload/', () => {
    const files = [...sourceFiles('main'), ...sourceFiles('preload')];
    const insecure =
      /\b(webSecurity\s*:\s*false|nodeIntegration(InWorker|InSubFrames)?\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|allowRunningInsecureContent\s*:\s*true|webviewTag\s*:\s*true|experimentalFeatures\s*:\s*true|enableRemoteModule)\b/;
    expect(hits(files, insecure)).toEqual([]);
    expect(hits(files, /setUsePlainTextEncryption\(true\)|disable-web-security/)).toEqual([]);
    // One Chromium switch, and it only takes away: no host-name resolution in Chromium (main's calls use
    // Node's resolver). Any other switch fails here until someone reviews it.
    expect(hits(files, /commandLine\.append/).map((l) => l.replace(/:\d+: /, ': '))).toEqual([
      "main/index.ts: app.commandLine.appendSwitch('host-resolver-rules', 'MAP * ~NOTFOUND');",
    ]);
  });

  it('preload/ exposes through contextBridge only objects built by buildBridge', () => {
    const files = sourceFiles('preload');
    const exposures = hits(files, /contextBridge\./);
    expect(exposures.length).toBeGreaterThanOrEqual(2);
    for (const line of exposures) expect(line).toMatch(/contextBridge\.exposeInMainWorld\($/);
    for (const file of files) {
      const text = code(file);
      const calls = text.split('contextBridge.exposeInMainWorld(').slice(1);
      for (const call of calls) {
        // The second argument is a buildBridge(...) call, whatever the formatting.
        expect(call.replace(/^\s*[A-Z_]+\s*,\s*/, '')).toMatch(/^buildBridge\(/);
      }
      // ipcRenderer appears only in its import and as the private transport's argument.
      for (const line of text.split('\n').filter((l) => /\bipcRenderer\b/.test(l))) {
        expect(line, file).toMatch(
          /import \{ contextBridge, ipcRenderer \} from 'electron'|ipcRendererTransport\(ipcRenderer\)/,
        );
      }
    }
  });

  it('renderer/ never reaches for Node, IPC, raw HTML, the network, secrets or web storage', () => {
    const files = sourceFiles('renderer');
    expect(files.length).toBeGreaterThan(20);
    const forbidden: Array<[string, RegExp]> = [
      ['ipcRenderer', /\bipcRenderer\b/],
      ['require(', /\brequire\s*\(/],
      ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
      ['innerHTML', /\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write/],
      ['Authorization', /Authorization/],
      ['Bearer ', /Bearer /],
      ['localStorage', /\blocalStorage\b/],
      ['sessionStorage', /\bsessionStorage\b/],
      ['indexedDB', /\bindexedDB\b/],
      ['fetch(', /\bfetch\s*\(/],
      ['XMLHttpRequest', /XMLHttpRequest/],
      ['WebSocket', /\bWebSocket\b/],
      ['eval', /\beval\s*\(|new Function\s*\(/],
      ['window.open', /window\.open\s*\(/],
    ];
    for (const [what, pattern] of forbidden) expect(hits(files, pattern), what).toEqual([]);
  });

  it('the renderer pages load only their own module script (no inline or remote script)', () => {
    for (const page of ['renderer/index.html', 'renderer/key-entry.html']) {
      const html = readFileSync(join(repo, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, page).toBe(1);
      for (const [, attrs, body] of scripts) {
        expect(body?.trim(), `${page} inline script`).toBe('');
        expect(attrs).toMatch(/src="\.\/[^":]+"/);
      }
      expect(html).not.toMatch(/https?:\/\//);
    }
  });
});

// The packaging fuses (and the rest of electron-builder.yml) are checked against electron-builder's
// own schema and the architecture's rules in build/electron-builder-config.test.ts.

describe('resolveAsset never escapes the renderer directory', () => {
  const root = resolve('/srv/switchboard/out/renderer');
  const inside = (file: string) => file === root || file.startsWith(root + sep);
  const segment = fc.oneof(
    fc.constantFrom(
      '..',
      '.',
      '...',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%2e.',
      '%252e%252e',
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '\\',
      '..\\..',
      '..%2f..',
      '..%5c..',
      '%00',
      '%c0%ae%c0%ae',
      '%e0%80%ae',
      '．．',
      '%ef%bc%8e%ef%bc%8e',
      '',
      '~',
      'index.html',
      'assets',
      'etc',
      'passwd',
      '..;',
      '%',
      '%zz',
      '?',
      '#',
      '//',
      'C:',
      'C:%5cWindows',
    ),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );

  it('maps every app://switchboard/<path> inside root, or refuses it', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (segments) => {
        const url = `${APP_ORIGIN}/${segments.join('/')}`;
        const file = resolveAsset(root, url);
        if (file !== null) {
          expect(inside(file), `${url} -> ${file}`).toBe(true);
          expect(resolve(file)).toBe(file);
        }
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('refuses any other scheme or host, whatever the path', () => {
    const origins = fc.constantFrom(
      'app://evil',
      'app://switchboard.evil',
      'app://switchboard@evil',
      'file://',
      'http://switchboard',
      'https://switchboard',
      'App://Evil',
    );
    fc.assert(
      fc.property(origins, fc.array(segment, { maxLength: 4 }), (origin, segments) => {
        expect(resolveAsset(root, `${origin}/${segments.join('/')}`)).toBeNull();
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('serves the bundle (the resolver is not simply refusing everything)', () => {
    expect(resolveAsset(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveAsset(root, `${APP_ORIGIN}/assets/main-1a2b.js`)).toBe(join(root, 'assets/main-1a2b.js'));
    expect(resolveAsset(root, `${APP_ORIGIN}/assets/../index.html`)).toBe(join(root, 'index.html'));
    // The URL parser folds encoded dot segments at the root: what remains is still inside.
    expect(resolveAsset(root, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`)).toBe(join(root, 'etc/passwd'));
    expect(resolveAsset(root, `${APP_ORIGIN}/..%2f..%2fetc%2fpasswd`)).toBeNull();
    expect(resolveAsset(root, `${APP_ORIGIN}/..%5c..%5cetc`)).toBeNull();
  });
});
