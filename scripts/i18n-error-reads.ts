import { parseAst } from 'rolldown/parseAst';

/**
 * Main's error text read directly in a window (issue 20): `result.error.message`, `status.error.message`
 * or `error.message`. An AppError's `message` is main's English; a window shows the error through the
 * one formatter (`formatAppError` / `useErrorText` / `<ErrorText>` / `errorNote`,
 * renderer/shared/i18n/error-text.tsx), which words it in the interface's language — and a component
 * that keeps the error (not its text) re-words it when the person switches language.
 *
 * Reported: a read of `.message` on something named `error`/`err` (`x.error.message`, `error.message`,
 * optional chains too), anywhere in a renderer file — whether it goes into JSX, a formatMessage value,
 * a note or a store, it ends up on screen. Not reported: the formatter itself, a console line, and a
 * line marked `// i18n-ignore: <why>` (on it or the line before), e.g. an `Error` the renderer made.
 */

export interface ErrorRead {
  line: number;
  text: string;
}

/** The one place that may read an AppError's English text: the formatter (its fallback). */
export const ERROR_FORMATTER = 'renderer/shared/i18n/error-text.tsx';

type Node = { type: string; start: number; end: number; [key: string]: unknown };

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

const ERROR_NAMES = new Set(['error', 'err']);

function propertyName(node: Node): string | null {
  if (node.computed) return null;
  const property = node.property as Node | undefined;
  return property?.type === 'Identifier' ? String(property.name) : null;
}

/** `error`, `err`, `x.error`, `x?.error` (through parentheses and `as`). */
function namesAnError(node: Node | undefined): boolean {
  if (!node) return false;
  if (
    node.type === 'ParenthesizedExpression' ||
    node.type === 'TSAsExpression' ||
    node.type === 'TSNonNullExpression'
  )
    return namesAnError(node.expression as Node);
  if (node.type === 'Identifier') return ERROR_NAMES.has(String(node.name));
  if (node.type === 'MemberExpression') return ERROR_NAMES.has(propertyName(node) ?? '');
  return false;
}

function isConsoleCall(node: Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee as Node | undefined;
  return (
    callee?.type === 'MemberExpression' &&
    (callee.object as Node | undefined)?.type === 'Identifier' &&
    (callee.object as Node).name === 'console'
  );
}

export function findErrorReads(source: string, fileName: string): ErrorRead[] {
  const lang = fileName.endsWith('.tsx') ? 'tsx' : 'ts';
  const program = parseAst(source, { lang }, fileName) as unknown as Node;
  const lines = source.split('\n');
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const ignored = (line: number) =>
    /i18n-ignore/.test(lines[line - 1] ?? '') || /i18n-ignore/.test(lines[line - 2] ?? '');
  const found: ErrorRead[] = [];
  const visit = (node: Node) => {
    if (isConsoleCall(node)) return; // a line for the developer's console, not the screen
    if (
      node.type === 'MemberExpression' &&
      propertyName(node) === 'message' &&
      namesAnError(node.object as Node)
    ) {
      const line = lineOf(node.start);
      if (!ignored(line)) found.push({ line, text: source.slice(node.start, node.end) });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) for (const v of value) if (isNode(v)) visit(v);
      if (isNode(value)) visit(value);
    }
  };
  visit(program);
  return found;
}
