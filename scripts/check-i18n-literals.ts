/**
 * `npm run check:i18n`: fails when a renderer component shows text written in the component instead of
 * taken from a catalog (scripts/i18n-literals.ts says what counts). Files not converted yet are listed
 * in scripts/i18n-pending.txt; every other file must be clean, and a listed file that has become clean
 * must leave the list (so the list only ever shrinks). docs/i18n.md says how to convert a file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { findLiterals, type Literal } from './i18n-literals';

const ROOT = join(import.meta.dirname, '..');
export const PENDING_FILE = join(ROOT, 'scripts/i18n-pending.txt');
/** What is checked: every component of both windows. */
const CHECKED_DIRS = ['renderer/src', 'renderer/key-entry', 'renderer/shared'];

function componentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : componentFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export function readPending(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l !== '');
}

export interface CheckResult {
  problems: string[];
  checked: number;
  pending: number;
}

export function checkLiterals(opts: {
  root: string;
  pending: readonly string[];
  dirs?: readonly string[];
}): CheckResult {
  const files = (opts.dirs ?? CHECKED_DIRS).flatMap((d) => componentFiles(join(opts.root, d)));
  const rel = (p: string) => relative(opts.root, p).split(sep).join('/');
  const pending = new Set(opts.pending);
  const problems: string[] = [];
  for (const entry of pending)
    if (!existsSync(join(opts.root, entry)))
      problems.push(`${entry}: listed in i18n-pending.txt but does not exist`);
  for (const file of files) {
    const name = rel(file);
    const literals: Literal[] = findLiterals(readFileSync(file, 'utf8'), file);
    if (pending.has(name)) {
      if (literals.length === 0)
        problems.push(`${name}: has no literal text left — remove it from scripts/i18n-pending.txt`);
      continue;
    }
    for (const l of literals)
      problems.push(`${name}:${l.line}: ${l.where} "${l.text}" — move it to a catalog (docs/i18n.md)`);
  }
  return { problems, checked: files.length - pending.size, pending: pending.size };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const result = checkLiterals({ root: ROOT, pending: readPending(readFileSync(PENDING_FILE, 'utf8')) });
  for (const p of result.problems) console.error(p);
  if (result.problems.length > 0) {
    console.error(`\ni18n: ${result.problems.length} problem(s).`);
    process.exit(1);
  }
  console.log(`i18n: ${result.checked} component files clean; ${result.pending} still pending conversion.`);
}
