import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'electron-vite';

/**
 * `npm run dev` — work on Switchboard where Electron cannot run, or without restarting it by hand:
 * - electron-vite rebuilds main, the preloads and the renderer into out/ whenever a source changes
 *   (its `build` with Rollup's watch mode; the CLI offers `--watch` only for `dev`, whose renderer dev
 *   server the app cannot use: pages come from app://, never from an http origin);
 * - the browser harness (the real main services and handler table, the built renderer) runs under
 *   `tsx watch`, so it restarts when main's code changes: reload the page for renderer changes,
 *   reopen the printed URL after a restart (each run has its own credential).
 * With `--app`, Electron itself (`electron .`) runs too and is restarted after each rebuild of main.
 *
 * The harness keeps its data in `.dev-harness/` (git-ignored) and stores its emulator's test key at
 * each start, so chat works at once; nothing here touches the installed app's profile.
 */
const { values } = parseArgs({ options: { app: { type: 'boolean', default: false } } });
const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const children = new Set<ChildProcess>();

function run(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stopAll(): void {
  for (const child of children) child.kill('SIGTERM');
}
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});
process.on('SIGTERM', () => {
  stopAll();
  process.exit(143);
});

let electron: ChildProcess | null = null;
const restartElectron = () => {
  electron?.kill('SIGTERM');
  // The `electron` package's main export is the path of its binary (downloaded on first use).
  electron = run(process.execPath, [require.resolve('electron/cli.js'), '.']);
};

await build({
  build: { watch: {} },
  plugins: [
    {
      name: 'switchboard-dev-restart',
      // Called after each bundle (main, preloads, renderer) is written; Electron restarts when main's is.
      writeBundle(options) {
        if (!values.app || !options.dir?.replace(/\\/g, '/').endsWith('out/main')) return;
        restartElectron();
      },
    },
  ],
});

run(process.execPath, [
  require.resolve('tsx/cli'),
  'watch',
  '--clear-screen=false',
  'e2e/harness/cli.ts',
  '--port',
  '5199',
  '--data-dir',
  '.dev-harness',
  '--import-emulator-key',
]);
