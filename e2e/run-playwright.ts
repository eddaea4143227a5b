import { spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron/electron-binary';

/**
 * Runs the Playwright suites. The Electron suite needs a display on Linux: when an Electron binary
 * exists and there is no display, run everything under `xvfb-run`. Extra arguments pass through.
 */
const args = ['playwright', 'test', ...process.argv.slice(2)];
const needsDisplay =
  process.platform === 'linux' &&
  !process.env.DISPLAY &&
  !process.env.WAYLAND_DISPLAY &&
  findElectronBinary() !== null;
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;

const [command, commandArgs] = needsDisplay && hasXvfb ? ['xvfb-run', ['-a', 'npx', ...args]] : ['npx', args];
const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
