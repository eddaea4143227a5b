import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/**
 * Main starts no download, so it cancels every `will-download` (main/electron/hardening.ts,
 * denyDownloads). A page can start one without the network — an `<a download>` to a data: or blob:
 * URL, which the session's http(s)/ws(s) request block never sees — so that is what is tried here.
 *
 * Playwright leaves an Electron app's downloads to Electron (it sets no CDP download behaviour for
 * Electron: validateBrowserContextOptions in playwright-core uses "internal-browser-default"), so
 * `will-download` fires as it does for a person.
 */

test.skip(!electronBinary, SKIP_REASON);

interface SeenDownload {
  url: string;
  prevented: boolean;
}

/** A link the page adds; `source` is how main names it in a "blocked download" line (and its URL's start). */
interface DownloadLink {
  id: string;
  name: string;
  source: string;
}

test('a page-initiated download (data:, blob: and same-origin links) writes no file and is logged', async ({
  switchboard,
}) => {
  const { app, page } = await switchboard.start();
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-downloads-'));
  try {
    // A second listener, added after main's: it records whether main prevented the download, and
    // were it not prevented it would save the file into `folder` without a dialog, so it shows up.
    await app.evaluate(
      ({ session }, target) => {
        const seen: Array<{ url: string; prevented: boolean }> = [];
        (globalThis as unknown as { e2eDownloads: typeof seen }).e2eDownloads = seen;
        session.defaultSession.on('will-download', (event, item) => {
          seen.push({ url: item.getURL().slice(0, 60), prevented: event.defaultPrevented });
          if (!event.defaultPrevented) item.setSavePath(`${target.folder}${target.sep}${seen.length}.txt`);
        });
      },
      { folder, sep },
    );

    // Real clicks on real links, as a compromised page or a crafted reply would present them.
    const links: DownloadLink[] = await page.evaluate(() => {
      const blob = URL.createObjectURL(new Blob(['e2e-download-from-blob'], { type: 'text/plain' }));
      const specs = [
        {
          id: 'e2e-data-download',
          href: 'data:text/plain;charset=utf-8,e2e-download-from-data',
          name: 'data.txt',
          source: 'data:',
        },
        { id: 'e2e-blob-download', href: blob, name: 'blob.txt', source: 'blob:app://switchboard' },
        // Same origin: Chromium honours `download` here whatever path it takes, so this one is a download.
        {
          id: 'e2e-page-download',
          href: 'app://switchboard/index.html',
          name: 'page.html',
          source: 'app://switchboard',
        },
      ];
      specs.forEach((spec, index) => {
        const a = document.createElement('a');
        a.id = spec.id;
        a.href = spec.href;
        a.download = spec.name;
        a.textContent = spec.id;
        a.style.cssText = `position:fixed;left:0;top:${index * 40}px;z-index:2147483647;background:#fff`;
        document.body.append(a);
      });
      return specs.map(({ id, name, source }) => ({ id, name, source }));
    });
    for (const link of links) await page.locator(`#${link.id}`).click();

    // Each link ends as a cancelled download, or — should Chromium hand a download link to the
    // browser as a navigation first (electron/electron#44375 reports `will-navigate` for `<a download>`)
    // — as a navigation the chat window's rule refused. Either way main logged it.
    const accounted = async () => {
      const log = await switchboard.mainLog();
      return links.map((link) =>
        log.some(
          (l) =>
            (l.includes('blocked download') && l.includes(`from="${link.source}"`)) ||
            (l.includes('blocked navigation') && l.includes(`url="${link.source}`)),
        ),
      );
    };
    await expect.poll(accounted, { timeout: 15_000 }).toEqual(links.map(() => true));
    const blocked = (await switchboard.mainLog()).filter((l) => l.includes('blocked download'));
    expect(
      blocked.some((l) => l.includes('from="app://switchboard"')),
      'the same-origin download',
    ).toBe(true);
    for (const line of blocked)
      expect(line, 'logged by origin or scheme only').not.toContain('e2e-download-from');

    const seen = await app.evaluate(
      () => (globalThis as unknown as { e2eDownloads: SeenDownload[] }).e2eDownloads,
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const download of seen) expect(download, download.url).toMatchObject({ prevented: true });
    expect(await readdir(folder)).toEqual([]);
    // The page is still the app (a download is no navigation, and a refused navigation goes nowhere).
    expect(page.url()).toBe('app://switchboard/index.html');
    await expect(page.getByRole('heading', { name: 'Switchboard', level: 1 })).toBeVisible();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
