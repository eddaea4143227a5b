import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLiterals, MAIN_DIRS, MAIN_PENDING_FILE, readPending } from './check-i18n-literals';

const ROOT = join(import.meta.dirname, '..');

function mainTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'i18n-main-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe("main's text a person sees", () => {
  it('an error raised with English prose, or a dialog title in code, is caught; a log line is not', () => {
    const root = mainTree({
      'main/services/a.ts': `
        import { appError } from '../../common/errors';
        export function f(log: { warn(m: string): void }) {
          log.warn('could not read the file, using defaults');
          throw appError('validation', 'That file could not be read. Try again.');
        }`,
      'main/services/b.ts': `
        export const ok = (id: string) => appError('validation', { id: 'errors.app.fileNotReadable' });`,
      'main/electron/c.ts': `
        export const options = { title: 'Export conversations', defaultPath: 'x.md' };`,
    });
    const { problems } = checkLiterals({ root, pending: [], dirs: MAIN_DIRS, skipLogLines: true });
    expect(problems.map((p) => p.replace(/ — .*/, ''))).toEqual([
      'main/electron/c.ts:2: title: "Export conversations"',
      'main/services/a.ts:5: prose passed to a call "That file could not be read. Try again."',
    ]);
  });

  it('every main file not listed in scripts/i18n-main-pending.txt takes its words from the catalogs', () => {
    const pending = readPending(readFileSync(MAIN_PENDING_FILE, 'utf8'));
    const { problems } = checkLiterals({
      root: ROOT,
      pending,
      dirs: MAIN_DIRS,
      listName: 'scripts/i18n-main-pending.txt',
      skipLogLines: true,
    });
    expect(problems).toEqual([]);
  });
});
