import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { findElectronBinary } from './electron/electron-binary';

/**
 * Runs the Playwright suites. The Electron suite needs a display on Linux: when an Electron binary
 * exists and there is no display, run everything under `xvfb-run`. Extra arguments pass through.
 */
// Node runs Playwright's CLI directly: `npx` is a .cmd on Windows, which spawnSync cannot start
// without a shell.
const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
const args = [cli, 'test', ...process.argv.slice(2)];
const needsDisplay =
  process.platform === 'linux' &&
  !process.env.DISPLAY &&
  !process.env.WAYLAND_DISPLAY &&
  findElectronBinary() !== null;
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;

const [command, commandArgs] =
  needsDisplay && hasXvfb ? ['xvfb-run', ['-a', process.execPath, ...args]] : [process.execPath, args];
const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
