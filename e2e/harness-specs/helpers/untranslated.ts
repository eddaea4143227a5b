import type { Locator, Page } from '@playwright/test';
import { PSEUDO_MARKERS } from '../../../common/i18n/pseudo-locale';

/**
 * The visible text and accessible names under `root` that did NOT come from a catalog, for a page shown
 * in the pseudo-locale (en-XA): every catalog message there is accented and bracketed (⟦…⟧), so any
 * text with letters and none of those marks was written somewhere else.
 *
 * Not reported: what the person or the model wrote (inside `[data-i18n-content]`), text marked
 * `translate="no"` (language names in their own language, product names shown alone), and text with
 * no words of its own — numbers, sums, dates, sizes, model ids (`openai/gpt-4o`), key previews.
 */
export async function untranslated(page: Page, root?: Locator): Promise<string[]> {
  const handle = root ? await root.elementHandle() : await page.locator('body').elementHandle();
  if (!handle) throw new Error('untranslated: the root element is not on the page');
  return handle.evaluate(
    (rootElement, markers) => {
      const marks = new Set(markers);
      const found: string[] = [];
      const skipped = (el: Element | null): boolean =>
        !el ||
        el.closest('[data-i18n-content], [translate="no"], script, style, noscript, template') !== null;
      const visible = (el: Element): boolean =>
        typeof el.checkVisibility === 'function'
          ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
          : (el as HTMLElement).offsetParent !== null;
      /** Words of its own: letters outside numbers, ids and symbols. */
      const hasWords = (text: string): boolean => {
        const stripped = text
          .replace(/\b[\w.-]+\/[\w.:@-]+\b/g, ' ') // model ids, paths
          .replace(/\bsk-or-[\w.…-]*/g, ' ') // key previews
          .replace(/\b\d[\d.,:/\s]*(?:[a-zA-Z]{1,3}\b)?/g, ' '); // 1.5 MB, 12:30, 3 s, 2026-01-02
        return /\p{L}{2,}/u.test(stripped);
      };
      const pseudo = (text: string): boolean => [...text].some((c) => marks.has(c));
      const check = (text: string | null, where: string) => {
        const t = (text ?? '').replace(/\s+/g, ' ').trim();
        if (t && hasWords(t) && !pseudo(t)) found.push(where ? `${where}: ${t}` : t);
      };

      const walker = document.createTreeWalker(rootElement, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || skipped(parent) || !visible(parent)) continue;
        // <option>s of a closed <select> count: they are read out and shown when it opens.
        check(node.textContent, '');
      }
      const labelled = [
        rootElement,
        ...rootElement.querySelectorAll('[aria-label], [title], [placeholder], [alt]'),
      ];
      for (const el of labelled) {
        if (skipped(el) || !visible(el)) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt'])
          if (el.hasAttribute(attr)) check(el.getAttribute(attr), `[${attr}]`);
      }
      return found;
    },
    [...PSEUDO_MARKERS],
  );
}
