import type { ExtraProps } from 'react-markdown';

export type HastElement = NonNullable<ExtraProps['node']>;
type HastChild = HastElement['children'][number];

/** Plain text content of a hast element (what the person sees, what "Copy" copies). */
export function hastText(node: HastElement | HastChild | undefined): string {
  if (node === undefined) return '';
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  let text = '';
  for (const child of node.children) text += hastText(child);
  return text;
}

export function firstChildElement(node: HastElement | undefined, tagName: string): HastElement | undefined {
  for (const child of node?.children ?? []) {
    if (child.type === 'element' && child.tagName === tagName) return child;
  }
  return undefined;
}

export function classNames(node: HastElement | undefined): string[] {
  const value = node?.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** `language-ts` → `ts`; undefined when the fence had no info string. */
export function codeLanguage(node: HastElement | undefined): string | undefined {
  const cls = classNames(node).find((name) => name.startsWith('language-'));
  return cls?.slice('language-'.length);
}
