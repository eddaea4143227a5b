import type { Page } from '@playwright/test';
import { attachmentFor, realPng } from '../../e2e/harness-specs/helpers/real-png';
import type { HistoryStore } from '../../main/services/history';

/**
 * The app benchmark's "conversation with 200 image attachments" (issue 17): 200 user messages, each
 * with its own PNG (200×150 pixels of noise, ~100 KB: as heavy as a photo thumbnail, as deflate
 * cannot shrink noise), seeded through the real history store (`appendUserMessage` with the bytes,
 * so the files land in the content-addressed store as a sent message's do).
 */

export const IMAGE_MESSAGES = 200;
const IMAGE_SIZE = { width: 200, height: 150 };

export function benchImage(i: number): Uint8Array {
  return realPng(IMAGE_SIZE.width, IMAGE_SIZE.height, i + 1, { noise: true });
}

/** Seeds the conversation; returns its id and the total bytes of its images. */
export async function seedImageConversation(
  history: Pick<HistoryStore, 'create' | 'appendUserMessage' | 'flush'>,
  title: string,
): Promise<{ id: string; imageBytes: number }> {
  const conversation = await history.create({ model: 'openai/gpt-4o-mini', title });
  let imageBytes = 0;
  for (let i = 0; i < IMAGE_MESSAGES; i++) {
    const bytes = benchImage(i);
    imageBytes += bytes.length;
    const attachment = attachmentFor(bytes, `screenshot-${i + 1}.png`, 'image', 'image/png', IMAGE_SIZE);
    await history.appendUserMessage(conversation.id, `Screenshot ${i + 1}: what is wrong here?`, [
      { attachment, bytes },
    ]);
  }
  await history.flush();
  return { id: conversation.id, imageBytes };
}

/**
 * In the page: resolves once every thumbnail within the viewport shows its decoded image (the lazy
 * loads of the first screen have landed). Returns how many thumbnails that was.
 */
export async function waitForVisibleThumbnails(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // Within the message list's visible part (the list clips; the window's height is not the list's).
    const visibleThumbs = () => {
      const list = document.querySelector('.message-list')?.getBoundingClientRect();
      if (!list) return [];
      return [...document.querySelectorAll<HTMLElement>('.attachment-thumb')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > list.top && r.top < list.bottom;
      });
    };
    const loaded = (el: HTMLElement) => {
      const img = el.querySelector('img');
      return img !== null && img.naturalWidth > 0 && img.complete;
    };
    const t0 = performance.now();
    for (;;) {
      const thumbs = visibleThumbs();
      if (thumbs.length > 0 && thumbs.every(loaded)) return thumbs.length;
      if (performance.now() - t0 > 20_000) {
        throw new Error(
          `thumbnails not loaded after 20 s: ${thumbs.filter(loaded).length} of ${thumbs.length}`,
        );
      }
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
  });
}

/**
 * Scrolls the message list up a screen at a time to the start of the conversation, waiting at each
 * stop for its thumbnails, so every one of the images has been shown once (and the cache has had to
 * evict). Returns how many thumbnails were seen loaded.
 */
export async function scrollThroughAll(page: Page): Promise<number> {
  const seen = new Set<string>();
  for (let step = 0; step < 400; step++) {
    await waitForVisibleThumbnails(page);
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('.attachment-thumb img')].map((img) => img.getAttribute('alt') ?? ''),
    );
    for (const name of names) seen.add(name);
    const atStart = await page.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('.message-list');
      if (!scroller) throw new Error('no message list');
      const start = [...document.querySelectorAll('.list-edge')].some(
        (el) => el.textContent === 'Start of the conversation',
      );
      if (start && scroller.scrollTop === 0) return true;
      scroller.scrollTop = Math.max(0, scroller.scrollTop - scroller.clientHeight * 0.9);
      return false;
    });
    if (atStart) break;
    // Two frames: Virtuoso renders the rows for the new position, then their observers fire.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
    );
  }
  return seen.size;
}

/**
 * Loads nothing itself: with the app loaded and the sidebar showing `title`, clicks it and times, in
 * the page, the first frame showing its messages and the frame where every thumbnail on screen shows
 * its decoded image.
 */
export async function openImageConversation(
  page: Page,
  title: string,
): Promise<{ firstPaintMs: number; thumbnailsMs: number }> {
  await page.getByRole('navigation', { name: 'Conversations' }).getByText(title, { exact: true }).waitFor();
  return page.evaluate(async (name) => {
    const target = [...document.querySelectorAll('nav *')].find((el) => el.textContent === name) as
      | HTMLElement
      | undefined;
    if (!target) throw new Error('conversation not in the sidebar');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const before = new Set(document.querySelectorAll('[aria-label="user message"]'));
    const t0 = performance.now();
    target.click();
    for (;;) {
      const shown = [...document.querySelectorAll('[aria-label="user message"]')];
      if (shown.some((el) => !before.has(el))) break;
      await frame();
    }
    await frame();
    const firstPaintMs = performance.now() - t0;
    for (;;) {
      const list = document.querySelector('.message-list')?.getBoundingClientRect();
      const thumbs = [...document.querySelectorAll<HTMLElement>('.attachment-thumb')].filter((el) => {
        const r = el.getBoundingClientRect();
        return list !== undefined && r.bottom > list.top && r.top < list.bottom;
      });
      const loaded = thumbs.every((el) => {
        const img = el.querySelector('img');
        return img !== null && img.naturalWidth > 0 && img.complete;
      });
      if (thumbs.length > 0 && loaded) break;
      await frame();
    }
    await frame();
    return { firstPaintMs, thumbnailsMs: performance.now() - t0 };
  }, title);
}

/**
 * The baseline: what a naive window does (as reply images are shown today): every image's data URL
 * kept in JS state and every message in the DOM at once with its `<img>`. Times the first frame and
 * leaves the strings held (on `window`) so the heap can be read after.
 */
export async function naiveImageConversation(page: Page, dataUrls: string[]): Promise<number> {
  return page.evaluate(async (urls) => {
    (window as unknown as { heldDataUrls: string[] }).heldDataUrls = urls;
    const t0 = performance.now();
    const list = document.createElement('div');
    urls.forEach((url, i) => {
      const article = document.createElement('article');
      const p = document.createElement('p');
      p.textContent = `Screenshot ${i + 1}: what is wrong here?`;
      const img = document.createElement('img');
      img.src = url;
      img.alt = `screenshot-${i + 1}.png`;
      img.width = 160;
      img.height = 120;
      article.append(p, img);
      list.append(article);
    });
    document.body.append(list);
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - t0;
  }, dataUrls);
}
