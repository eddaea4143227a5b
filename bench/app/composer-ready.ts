import type { Page } from '@playwright/test';

/**
 * "From page load to a composer that accepts typing" (issue 19). An init script in the page watches
 * the DOM from the navigation's first moment (MutationObserver) for the Message box, enabled and
 * writable, and notes `performance.now()` (time since the navigation started); the driver then types
 * one character with real key input (CDP), and the page notes when it is in the box's value and a
 * frame has been produced. "Typed" therefore includes one driver round trip; "ready" does not.
 */

export const COMPOSER_INIT_SCRIPT = `(() => {
  if (location.protocol !== 'http:') return;
  const state = { ready: 0, typed: 0 };
  window.__composer = state;
  const find = () => {
    const box = document.querySelector('textarea[aria-label="Message"]');
    if (!box || box.disabled || box.readOnly) return false;
    state.ready = performance.now();
    box.focus();
    box.addEventListener('input', () => {
      if (state.typed || !box.value.includes('x')) return;
      requestAnimationFrame(() => { state.typed = performance.now(); });
    });
    return true;
  };
  const observer = new MutationObserver(() => { if (find()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

export async function composerReady(page: Page, url: string): Promise<{ readyMs: number; typedMs: number }> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => (window as unknown as { __composer?: { ready: number } }).__composer?.ready,
    null,
    {
      polling: 'raf',
    },
  );
  await page.keyboard.type('x');
  await page.waitForFunction(
    () => (window as unknown as { __composer: { typed: number } }).__composer.typed,
    null,
    {
      polling: 'raf',
    },
  );
  return page.evaluate(() => {
    const s = (window as unknown as { __composer: { ready: number; typed: number } }).__composer;
    return { readyMs: s.ready, typedMs: s.typed };
  });
}
