import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLiterals, PENDING_FILE, readPending } from './check-i18n-literals';
import { ERROR_FORMATTER, findErrorReads } from './i18n-error-reads';
import { findLiterals } from './i18n-literals';

const texts = (source: string) => findLiterals(source, 'sample.tsx').map((l) => `${l.where} ${l.text}`);

describe('literal text in components', () => {
  it('finds JSX text, text props, strings in JSX and option labels', () => {
    expect(
      texts(`
        const THEMES = [{ value: 'dark', label: 'Dark' }];
        export function A({ busy }: { busy: boolean }) {
          return (
            <div className="x" data-kind="y" title="Open it">
              Hello
              <input placeholder={'Type here'} aria-label={busy ? 'Saving' : 'Save'} />
              {busy && 'Working…'}
              <img alt="Logo" src="/a.png" />
            </div>
          );
        }`),
    ).toEqual([
      'label: Dark',
      'string in JSX Working…',
      'title= Open it',
      'JSX text Hello',
      'placeholder= Type here',
      'aria-label= Saving',
      'aria-label= Save',
      'alt= Logo',
    ]);
  });

  it('finds sentences handed to calls or kept in constants, not keys, classes or ids', () => {
    expect(
      texts(`
        const FAILED = 'Copy failed';
        setError('The key is too short.');
        if (event.key === 'Escape') close();
        const cls = 'button-quiet';
        el.setAttribute('data-state', 'open');
      `),
    ).toEqual(['prose Copy failed', 'prose passed to a call The key is too short.']);
  });

  it('finds prose after a leading placeholder in a template, not class lists, paths or ids', () => {
    expect(
      texts(`
        refuse(\`\${name} is too large\`);
        fail(\`\${ENV_BASE_URL} must be an absolute path.\`);
        const why = \`\${file}: could not be read\`;
        const cls = \`\${base} is-open\`;
        const url = \`\${origin}/api/v1/models\`;
        const key = \`\${id}-\${index}\`;
        el.setAttribute('data-x', \`\${count}px\`);
      `),
    ).toEqual([
      'prose passed to a call … is too large',
      'prose passed to a call … must be an absolute path.',
      'prose …: could not be read',
    ]);
  });

  it('leaves text from catalogs, numbers, punctuation and marked exceptions alone', () => {
    expect(
      texts(`
        export function B({ n }: { n: number }) {
          const intl = useIntl();
          return (
            <p title={intl.formatMessage({ id: 'x.title' })}>
              {intl.formatMessage({ id: 'x.body' }, { n })} {n} · —
              {/* i18n-ignore: a product name shown alone */}
              <span>{'OpenRouter'}</span>
            </p>
          );
        }`),
    ).toEqual([]);
  });

  it('fails on a literal in a file that is not pending, and on a pending file that is clean', () => {
    const root = mkdtempSync(join(tmpdir(), 'i18n-check-'));
    mkdirSync(join(root, 'renderer/src'), { recursive: true });
    writeFileSync(
      join(root, 'renderer/src/new-thing.tsx'),
      'export const A = () => <button>Delete</button>;\n',
    );
    writeFileSync(join(root, 'renderer/src/done.tsx'), "export const B = () => <b>{'·'}</b>;\n");
    const result = checkLiterals({ root, pending: ['renderer/src/done.tsx'], dirs: ['renderer/src'] });
    expect(result.problems).toEqual([
      'renderer/src/done.tsx: has no literal text left — remove it from scripts/i18n-pending.txt',
      'renderer/src/new-thing.tsx:1: JSX text "Delete" — move it to a catalog (docs/i18n.md)',
    ]);
    expect(
      checkLiterals({ root, pending: ['renderer/src/new-thing.tsx'], dirs: ['renderer/src'] }).problems,
    ).toEqual([]);
  });

  it('passes on the repository as it is (converted files clean, the rest pending)', () => {
    const result = checkLiterals({
      root: join(import.meta.dirname, '..'),
      pending: readPending(readFileSync(PENDING_FILE, 'utf8')),
    });
    expect(result.problems).toEqual([]);
  });
});

describe('main’s error text read directly in a window (issue 20)', () => {
  const reads = (source: string) => findErrorReads(source, 'sample.tsx').map((r) => `${r.line} ${r.text}`);

  it('finds error.message going into JSX, a formatMessage value, a note or a store', () => {
    expect(
      reads(`export function A({ result, error }: Props) {
        models.loadFailed(result.error.message);
        toasts.show({ id: 'x.failed', values: { reason: result.error.message } });
        const text = intl.formatMessage({ id: 'x.failed' }, { error: status?.error?.message });
        return <p>{error.message}</p>;
      }`),
    ).toEqual([
      '2 result.error.message',
      '3 result.error.message',
      '4 status?.error?.message',
      '5 error.message',
    ]);
  });

  it('leaves the formatter’s way, a console line, other messages and marked exceptions alone', () => {
    expect(
      reads(`export function B({ result, problem, toast }: Props) {
        console.warn(\`[i18n] \${error.message}\`);
        const shown = formatAppError(intl, result.error);
        const chip = toast.message;
        const reply = reply?.message;
        // i18n-ignore: the canvas resize's own reason, not main's error
        const why = error.message;
        return <p>{shown}{chip}{problem.message.length}</p>;
      }`),
    ).toEqual([]);
  });

  it('fails a renderer file that reads it, not main’s files and not the formatter', () => {
    const root = mkdtempSync(join(tmpdir(), 'i18n-error-reads-'));
    mkdirSync(join(root, 'renderer/src'), { recursive: true });
    mkdirSync(join(root, 'renderer/shared/i18n'), { recursive: true });
    mkdirSync(join(root, 'main'), { recursive: true });
    const source = 'export const f = (r: R) => show(r.error.message);\n';
    writeFileSync(join(root, 'renderer/src/panel.tsx'), source);
    writeFileSync(join(root, ERROR_FORMATTER), source);
    writeFileSync(join(root, 'main/log.ts'), source);
    expect(checkLiterals({ root, pending: [], dirs: ['renderer/src', 'renderer/shared'] }).problems).toEqual([
      `renderer/src/panel.tsx:1: "r.error.message" shows main's English — keep the error and show it with formatAppError/useErrorText/<ErrorText>/errorNote (docs/i18n.md)`,
    ]);
    expect(checkLiterals({ root, pending: [], dirs: ['main'] }).problems).toEqual([]);
  });
});
