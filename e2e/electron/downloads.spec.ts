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

test('a page-initiated download (data: and blob: links) writes no file and is logged', async ({
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
    await page.evaluate(() => {
      const link = (id: string, href: string, name: string, top: number) => {
        const a = document.createElement('a');
        a.id = id;
        a.href = href;
        a.download = name;
        a.textContent = id;
        a.style.cssText = `position:fixed;left:0;top:${top}px;z-index:2147483647;background:#fff`;
        document.body.append(a);
      };
      link('e2e-data-download', 'data:text/plain;charset=utf-8,e2e-download-from-data', 'data.txt', 0);
      const blob = URL.createObjectURL(new Blob(['e2e-download-from-blob'], { type: 'text/plain' }));
      link('e2e-blob-download', blob, 'blob.txt', 40);
    });
    await page.locator('#e2e-data-download').click();
    await page.locator('#e2e-blob-download').click();

    const seen = () =>
      app.evaluate(() => (globalThis as unknown as { e2eDownloads: SeenDownload[] }).e2eDownloads);
    await expect.poll(async () => (await seen()).length, { timeout: 15_000 }).toBe(2);
    const downloads = await seen();
    expect(downloads.map((d) => d.url.slice(0, 5))).toEqual(['data:', 'blob:']);
    for (const download of downloads) expect(download, download.url).toMatchObject({ prevented: true });

    await expect
      .poll(async () => (await switchboard.mainLog()).filter((l) => l.includes('blocked download')))
      .toEqual([
        expect.stringMatching(/window="chat" from="data:"/),
        expect.stringMatching(/window="chat" from="blob:app:\/\/switchboard"/),
      ]);
    // Logged by origin or scheme only, never the link's contents.
    expect((await switchboard.mainLog()).join('\n')).not.toContain('e2e-download-from');
    expect(await readdir(folder)).toEqual([]);
    // The page is still the app (a download is no navigation).
    expect(page.url()).toBe('app://switchboard/index.html');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
