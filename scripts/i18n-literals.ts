import { parseAst } from 'rolldown/parseAst';

/**
 * Finds text a person would see that is written in a component instead of coming from a catalog:
 * JSX text with letters, string literals in text-bearing props (`aria-label`, `title`, `placeholder`,
 * `alt`, `label`…), strings in JSX expressions (`{busy ? 'Saving…' : 'Save'}`), and object properties
 * that carry UI text (`{ value: 'dark', label: 'Dark' }`). Parsed with oxc (rolldown's `parseAst`,
 * already here through Vite): TypeScript 7's package no longer ships the JS compiler API.
 *
 * A literal that must stay (a product name shown alone, a key-combination) is allowed by a comment
 * `i18n-ignore: <why>` on its line or the line before.
 */

export interface Literal {
  line: number;
  text: string;
  where: string;
}

/** Props whose value is shown or read out to the person. */
const TEXT_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'legend',
  'heading',
  'message',
  'description',
  'emptyText',
  'confirmLabel',
  'cancelLabel',
]);
/** Object properties that carry UI text in option lists and the like. */
const TEXT_KEYS = new Set(['label', 'title', 'message', 'description', 'placeholder', 'hint', 'heading']);

const hasLetters = (text: string) => /\p{L}/u.test(text);

/**
 * Outside the positions above, a string is taken for UI text when it reads like prose: a capital
 * letter, then at least two words (or a sentence's end), and nothing of a class name, path or URL.
 */
export function isProse(text: string): boolean {
  const t = text.trim();
  if (!/^\p{Lu}/u.test(t)) return false;
  if (/[/_=<>{}]|https?:|\.\w+$/.test(t)) return false;
  return /\p{L}+[\s\u00a0]+\p{L}/u.test(t) || /[.…?!]$/.test(t);
}

/**
 * The text of a template after its leading placeholder (`${name} is too large`): it reads like prose
 * when it starts with two words (after a colon or dash) or is a word and a sentence's end, with nothing
 * of a class name, path, URL or id (`${base} is-open`, `${origin}/api`, `${id}-${n}`).
 */
export function isProseAfterPlaceholder(rest: string): boolean {
  const t = rest.replace(/^[\s:,;—–-]+/u, '').trim();
  if (/[/_=<>{}]|https?:|\.\w+$/.test(t)) return false;
  if (/^\p{L}+[\s\u00a0]+\p{L}/u.test(t)) return true;
  return /^\p{L}+[^\p{L}]*$/u.test(t) ? false : /^\p{L}.*[.…?!]$/u.test(t);
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) for (const v of value) if (isNode(v)) out.push(v);
    if (isNode(value)) out.push(value);
  }
  return out;
}

/** String parts of an expression that end up as the value (through ?:, ||, ??, template text). */
function stringsIn(node: Node | null | undefined): Node[] {
  if (!node) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [node] : [];
    case 'TemplateLiteral':
      return [node];
    case 'ConditionalExpression':
      return [...stringsIn(node.consequent as Node), ...stringsIn(node.alternate as Node)];
    case 'LogicalExpression':
      return stringsIn(node.right as Node);
    case 'JSXExpressionContainer':
      return stringsIn(node.expression as Node);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return stringsIn(node.expression as Node);
    default:
      return [];
  }
}

function textOf(node: Node): string {
  if (node.type === 'Literal') return String(node.value);
  if (node.type === 'TemplateLiteral')
    return ((node.quasis as Node[]) ?? [])
      .map((q) => (q.value as { cooked?: string }).cooked ?? '')
      .join('…');
  if (node.type === 'JSXText') return String(node.value);
  return '';
}

/** A string the check takes for UI text outside text-bearing positions (see `isProse`). */
function readsAsProse(node: Node): boolean {
  const text = textOf(node);
  if (isProse(text)) return true;
  if (node.type !== 'TemplateLiteral') return false;
  const first = ((node.quasis as Node[]) ?? [])[0]?.value as { cooked?: string } | undefined;
  // `${name} is too large`: the sentence starts with a value, so there is no capital to go by.
  return first?.cooked === '' && isProseAfterPlaceholder(text.replace(/^…+/, ''));
}

function attributeName(node: Node): string | null {
  const name = node.name as Node | undefined;
  if (!name) return null;
  if (name.type === 'JSXIdentifier') return String(name.name);
  return null;
}

function keyName(node: Node): string | null {
  const key = node.key as Node | undefined;
  if (!key || node.computed) return null;
  if (key.type === 'Identifier') return String(key.name);
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return null;
}

export function findLiterals(source: string, fileName: string): Literal[] {
  const lang = fileName.endsWith('.tsx') ? 'tsx' : 'ts';
  const program = parseAst(source, { lang }, fileName) as unknown as Node;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const lines = source.split('\n');
  const ignored = (line: number) =>
    /i18n-ignore/.test(lines[line - 1] ?? '') || /i18n-ignore/.test(lines[line - 2] ?? '');

  const found: Literal[] = [];
  const report = (node: Node, where: string) => {
    const text = textOf(node).trim();
    if (!hasLetters(text)) return;
    const line = lineOf(node.start);
    if (ignored(line)) return;
    found.push({ line, text: text.replace(/\s+/g, ' '), where });
  };

  const visit = (node: Node) => {
    if (node.type === 'JSXText') report(node, 'JSX text');
    else if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      for (const child of (node.children as Node[]) ?? [])
        if (child.type === 'JSXExpressionContainer')
          for (const s of stringsIn(child)) report(s, 'string in JSX');
    } else if (node.type === 'JSXAttribute') {
      const name = attributeName(node);
      if (name && TEXT_PROPS.has(name)) for (const s of stringsIn(node.value as Node)) report(s, `${name}=`);
    } else if (node.type === 'Property') {
      const name = keyName(node);
      if (name && TEXT_KEYS.has(name)) for (const s of stringsIn(node.value as Node)) report(s, `${name}:`);
      else
        for (const s of stringsIn(node.value as Node)) if (readsAsProse(s)) report(s, 'prose in an object');
    } else if (node.type === 'ReturnStatement' || node.type === 'VariableDeclarator') {
      const value = (node.type === 'ReturnStatement' ? node.argument : node.init) as Node | null;
      for (const s of stringsIn(value)) if (readsAsProse(s)) report(s, 'prose');
    } else if (node.type === 'CallExpression') {
      // setError('…'), show('…'), toasts.push('…'): a sentence passed on is shown somewhere.
      for (const arg of (node.arguments as Node[]) ?? [])
        for (const s of stringsIn(arg)) if (readsAsProse(s)) report(s, 'prose passed to a call');
    }
    for (const child of children(node)) visit(child);
  };
  visit(program);
  return found;
}
