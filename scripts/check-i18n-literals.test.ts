import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLiterals, PENDING_FILE, readPending } from './check-i18n-literals';
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
