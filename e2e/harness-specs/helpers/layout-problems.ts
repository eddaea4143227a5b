import type { Locator } from '@playwright/test';

/**
 * What a long language (German) or another script (Chinese) can break in a layout, under `root`:
 * text cut off by its box (content wider or taller than a box that hides overflow, or wider than the
 * window), and controls (buttons, fields, selects, labels) that overlap one another.
 */
export async function layoutProblems(root: Locator): Promise<string[]> {
  return root.evaluate((rootElement) => {
    const problems: string[] = [];
    const nameOf = (el: Element) =>
      `<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
    const visible = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const all = [rootElement, ...rootElement.querySelectorAll('*')].filter(visible);
    for (const el of all) {
      const style = getComputedStyle(el);
      const hides = (o: string) => o !== 'visible';
      if (
        hides(style.overflowX) &&
        el.scrollWidth > el.clientWidth + 1 &&
        style.overflowX !== 'auto' &&
        style.overflowX !== 'scroll'
      )
        problems.push(`clipped horizontally: ${nameOf(el)}`);
      if (
        hides(style.overflowY) &&
        el.scrollHeight > el.clientHeight + 1 &&
        style.overflowY !== 'auto' &&
        style.overflowY !== 'scroll'
      )
        problems.push(`clipped vertically: ${nameOf(el)}`);
      const box = el.getBoundingClientRect();
      if (box.right > document.documentElement.clientWidth + 1)
        problems.push(`beyond the window: ${nameOf(el)}`);
    }
    const controls = all.filter((el) => el.matches('button, input, select, textarea, label, h1, h2, h3'));
    for (let i = 0; i < controls.length; i++)
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i] as Element;
        const b = controls[j] as Element;
        if (a.contains(b) || b.contains(a)) continue;
        const r = a.getBoundingClientRect();
        const s = b.getBoundingClientRect();
        const overlapX = Math.min(r.right, s.right) - Math.max(r.left, s.left);
        const overlapY = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`overlap: ${nameOf(a)} and ${nameOf(b)}`);
      }
    return problems;
  });
}
