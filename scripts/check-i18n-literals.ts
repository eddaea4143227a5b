/**
 * `npm run check:i18n`: fails when a renderer component shows text written in the component instead of
 * taken from a catalog (scripts/i18n-literals.ts says what counts). Files not converted yet are listed
 * in scripts/i18n-pending.txt; every other file must be clean, and a listed file that has become clean
 * must leave the list (so the list only ever shrinks). docs/i18n.md says how to convert a file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ERROR_FORMATTER, findErrorReads } from './i18n-error-reads';
import { findLiterals, type Literal } from './i18n-literals';

const ROOT = join(import.meta.dirname, '..');
export const PENDING_FILE = join(ROOT, 'scripts/i18n-pending.txt');
/**
 * Main's own text (errors that cross the bridge, dialogs, pages): main/** is checked the same way, with
 * its own list of files not converted yet.
 */
export const MAIN_PENDING_FILE = join(ROOT, 'scripts/i18n-main-pending.txt');
export const MAIN_DIRS = ['main'];

/** A log line (`log.warn('…')`, `deps.log.error(\n '…')`): for the person reading the log file, in English. */
const LOG_CALL =
  /\blog(ger)?\??\.(debug|info|warn|error)\(\s*$|\blog(ger)?\??\.(debug|info|warn|error)\(\s*['`"]/;

/** True for a literal on a logger call's line (or the line after its opening parenthesis). */
export function isLogLine(lines: readonly string[], line: number): boolean {
  return (
    LOG_CALL.test(lines[line - 1] ?? '') ||
    /\blog(ger)?\??\.(debug|info|warn|error)\(\s*$/.test(lines[line - 2] ?? '')
  );
}
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
  /** The pending list's name, for the messages. */
  listName?: string;
  /** Main: log lines are not shown to a person. */
  skipLogLines?: boolean;
}): CheckResult {
  const list = opts.listName ?? 'scripts/i18n-pending.txt';
  const files = (opts.dirs ?? CHECKED_DIRS).flatMap((d) => componentFiles(join(opts.root, d)));
  const rel = (p: string) => relative(opts.root, p).split(sep).join('/');
  const pending = new Set(opts.pending);
  const problems: string[] = [];
  for (const entry of pending)
    if (!existsSync(join(opts.root, entry))) problems.push(`${entry}: listed in ${list} but does not exist`);
  for (const file of files) {
    const name = rel(file);
    const source = readFileSync(file, 'utf8');
    const lines = opts.skipLogLines ? source.split('\n') : [];
    const literals: Literal[] = findLiterals(source, file).filter(
      (l) => !opts.skipLogLines || !isLogLine(lines, l.line),
    );
    // Renderer files: main's error text is shown through the one formatter, never read directly
    // (scripts/i18n-error-reads.ts) — whether or not the file still has literals pending.
    if (name.startsWith('renderer/') && name !== ERROR_FORMATTER)
      for (const read of findErrorReads(source, file))
        problems.push(
          `${name}:${read.line}: "${read.text}" shows main's English — keep the error and show it with formatAppError/useErrorText/<ErrorText>/errorNote (docs/i18n.md)`,
        );
    if (pending.has(name)) {
      if (literals.length === 0) problems.push(`${name}: has no literal text left — remove it from ${list}`);
      continue;
    }
    for (const l of literals)
      problems.push(`${name}:${l.line}: ${l.where} "${l.text}" — move it to a catalog (docs/i18n.md)`);
  }
  return { problems, checked: files.length - pending.size, pending: pending.size };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const result = checkLiterals({ root: ROOT, pending: readPending(readFileSync(PENDING_FILE, 'utf8')) });
  const main = checkLiterals({
    root: ROOT,
    pending: readPending(readFileSync(MAIN_PENDING_FILE, 'utf8')),
    dirs: MAIN_DIRS,
    listName: 'scripts/i18n-main-pending.txt',
    skipLogLines: true,
  });
  const problems = [...result.problems, ...main.problems];
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`\ni18n: ${problems.length} problem(s).`);
    process.exit(1);
  }
  console.log(`i18n: ${result.checked} component files clean; ${result.pending} still pending conversion.`);
  console.log(`i18n: ${main.checked} main files clean; ${main.pending} still pending conversion.`);
}
