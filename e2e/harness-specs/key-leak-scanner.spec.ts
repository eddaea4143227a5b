import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import {
  assertNoKeyInLines,
  assertNoKeyLeak,
  assertNoKeyOnDisk,
  FULL_HEAP_STRINGS_ARG,
  findKeyIn,
  type LeakScanOptions,
  MIN_FRAGMENT,
  secretOf,
  withFullHeapStrings,
} from './helpers/key-leak';

/**
 * Positive and negative controls for the key-leak scanner: each place it searches, with the key
 * planted there in a scratch page (its own browser context and origin, so nothing touches a real
 * app page), must make it throw and name that place, without printing the key.
 */
const test = base.extend<{ scratch: Page }>({
  launchOptions: [
    async ({ launchOptions }, use) => use(withFullHeapStrings(launchOptions)),
    { scope: 'worker' },
  ],
  scratch: async ({ browser }, use) => {
    const page = await openScratch(browser);
    await use(page);
    await page.context().close();
  },
});

const SCRATCH_URL = 'http://leak-scanner.test/';
// Not a real key: only the shape matters.
const KEY = `sk-or-v1-${'0123456789abcdef'.split('').reverse().join('')}${'a1b2c3d4e5f60718'.repeat(3)}`;
const SECRET = secretOf(KEY);

async function openScratch(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.route('http://leak-scanner.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>scratch</title><main><input id="field"><p id="text"></p></main>',
    }),
  );
  const page = await context.newPage();
  await page.goto(SCRATCH_URL);
  return page;
}

/** Runs the scan, which must throw; returns its message after checking it does not print the key. */
async function leakMessage(page: Page, consoleLines: string[] = [], options: LeakScanOptions = {}) {
  const error = await assertNoKeyLeak(page, KEY, consoleLines, options).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, 'the scanner should have found the planted key').toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toContain('Key leak');
  expect(findKeyIn(message, KEY), 'the failure message must not print the key').toBeNull();
  return message;
}

test.describe('key-leak scanner controls', () => {
  test('a clean page passes, with every source searched', async ({ scratch }) => {
    // A 15-character piece is below the threshold and must not count.
    await scratch.evaluate(
      (piece) => {
        localStorage.setItem('near-miss', piece);
        (document.getElementById('text') as HTMLElement).textContent = piece;
      },
      SECRET.slice(3, 3 + MIN_FRAGMENT - 1),
    );
    await assertNoKeyLeak(scratch, KEY, ['an unrelated console line']);
  });

  test('finds a 16-character piece inside a long string in the JS heap', async ({ scratch }) => {
    const piece = SECRET.slice(20, 20 + MIN_FRAGMENT);
    // Sent in halves too short to count; only the page's flattened long string holds the whole piece,
    // past the 1024 characters V8 keeps of a string by default.
    await scratch.evaluate(
      ([a, b]) => {
        // Hex padding on both sides: the piece sits inside a longer run of the secret's characters.
        const text = `${'0'.repeat(5000)}${a}${b}${'e'.repeat(10)}`;
        (window as unknown as { held: string }).held = new TextDecoder().decode(
          new TextEncoder().encode(text),
        );
      },
      [piece.slice(0, 8), piece.slice(8)],
    );
    const message = await leakMessage(scratch, [], { dom: false });
    expect(message).toContain('the JS heap snapshot: a 16-character piece of the secret (offset 20)');
  });

  test('matching: every 16-character piece is found inside other hex, 15 characters are not', () => {
    for (let at = 0; at + MIN_FRAGMENT <= SECRET.length; at++) {
      const piece = SECRET.slice(at, at + MIN_FRAGMENT);
      // Inside a longer run of hex: the report names an offset whose piece really is in the text.
      const text = `0123456789${piece}fedcba`;
      const found = findKeyIn(text, KEY);
      const offset = Number(/offset (\d+)/.exec(found ?? '')?.[1]);
      expect(found, `piece at offset ${at}`).toMatch(/^a 16-character piece of the secret \(offset \d+\)$/);
      expect(text).toContain(SECRET.slice(offset, offset + MIN_FRAGMENT));
      expect(findKeyIn(`xx${piece.slice(0, -1)}xx`, KEY), `15 characters at offset ${at}`).toBeNull();
    }
    expect(findKeyIn(`"${KEY}"`, KEY)).toBe('the whole key');
    expect(findKeyIn(`x${SECRET}x`, KEY)).toBe('the whole secret part');
    expect(findKeyIn(Buffer.from(SECRET).toString('base64url'), KEY)).toBe('base64 of the secret');
    expect(findKeyIn('sk-or-v1-…cdef', KEY)).toBeNull();
  });

  test('finds the key in the DOM and in an input value', async ({ scratch }) => {
    await scratch.locator('#field').fill(KEY);
    let message = await leakMessage(scratch, [], { heap: false });
    expect(message).toContain('the value of field "field"');
    await scratch.locator('#field').fill('');
    await scratch.evaluate((s) => {
      (document.getElementById('text') as HTMLElement).dataset.k = s;
    }, SECRET);
    message = await leakMessage(scratch, [], { heap: false });
    expect(message).toContain('the DOM: the whole secret part');
  });

  test('finds the key in the page URL', async ({ scratch }) => {
    await scratch.goto(`${SCRATCH_URL}#token=${SECRET.slice(0, 24)}`);
    expect(await leakMessage(scratch, [], { heap: false })).toContain('the URL: a 16-character piece');
  });

  test('finds the key in localStorage', async ({ scratch }) => {
    await scratch.evaluate((k) => localStorage.setItem('settings', JSON.stringify({ apiKey: k })), KEY);
    expect(await leakMessage(scratch, [], { heap: false })).toContain(
      'localStorage[settings]: the whole key',
    );
  });

  test('finds base64 of the key in sessionStorage', async ({ scratch }) => {
    await scratch.evaluate(
      (b64) => sessionStorage.setItem('draft', b64),
      Buffer.from(KEY).toString('base64'),
    );
    expect(await leakMessage(scratch, [], { heap: false })).toContain(
      'sessionStorage[draft]: base64 of the key',
    );
  });

  test('finds the key as bytes in an IndexedDB record', async ({ scratch }) => {
    await scratch.evaluate(
      async (piece) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('cache', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('entries');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('entries', 'readwrite');
          tx.objectStore('entries').put({ blob: new TextEncoder().encode(`--${piece}--`) }, 'k1');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      SECRET.slice(30, 30 + MIN_FRAGMENT),
    );
    expect(await leakMessage(scratch, [], { heap: false })).toContain(
      'IndexedDB cache/entries: a 16-character piece of the secret (offset 30)',
    );
  });

  test('finds the key in a cookie', async ({ scratch }) => {
    await scratch.context().addCookies([{ name: 'sid', value: SECRET, url: SCRATCH_URL }]);
    expect(await leakMessage(scratch, [], { heap: false })).toContain('cookie sid (leak-scanner.test)');
  });

  test('finds the key in console lines', async ({ scratch }) => {
    const lines = ['starting', `token=${SECRET.slice(5, 40)}`];
    expect(await leakMessage(scratch, lines, { heap: false })).toContain('console line 2');
    expect(() => assertNoKeyInLines(lines, KEY, 'main log')).toThrow(/main log \(line 2\)/);
    expect(() => assertNoKeyInLines(['starting'], KEY, 'main log')).not.toThrow();
  });

  test('refuses to scan a heap whose snapshot truncates long strings', async ({ launchOptions }) => {
    // A second browser, launched without the flag: the scan must fail loudly instead of passing blind.
    const plain = await chromium.launch({
      ...launchOptions,
      args: (launchOptions.args ?? []).filter((arg) => arg !== FULL_HEAP_STRINGS_ARG),
    });
    try {
      const context = await plain.newContext();
      const page = await context.newPage();
      await page.setContent('<p>no key here</p>');
      await expect(assertNoKeyLeak(page, KEY, [])).rejects.toThrow(/truncates long strings/);
    } finally {
      await plain.close();
    }
  });

  test('finds the key on disk as text, base64, base64url or UTF-16, and names the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'key-leak-control-'));
    try {
      await mkdir(join(dir, 'logs'));
      await writeFile(join(dir, 'clean.json'), '{"theme":"dark"}');
      await writeFile(join(dir, 'near-miss.txt'), SECRET.slice(0, MIN_FRAGMENT - 1));
      expect(await assertNoKeyOnDisk(dir, KEY)).toBe(2);

      await writeFile(join(dir, 'logs', 'main.log'), `line\nkey ${SECRET.slice(10, 30)}\n`);
      await writeFile(join(dir, 'b64.json'), JSON.stringify({ v: Buffer.from(KEY).toString('base64') }));
      await writeFile(
        join(dir, 'b64url.json'),
        JSON.stringify({ v: Buffer.from(KEY).toString('base64url') }),
      );
      await writeFile(join(dir, 'wide.bin'), Buffer.from(`x${KEY}`, 'utf16le'));
      const error = await assertNoKeyOnDisk(dir, KEY).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toContain(
        `${join('logs', 'main.log')}: a 16-character piece of the secret (offset 10)`,
      );
      expect(message).toContain('b64.json: base64 of the key');
      expect(message).toContain('b64url.json: base64 of the key');
      expect(message).toContain('wide.bin: the whole key');
      expect(message).not.toContain('clean.json');
      expect(message).not.toContain('near-miss.txt');
      expect(findKeyIn(message, KEY)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
