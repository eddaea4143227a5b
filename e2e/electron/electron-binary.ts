import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Finds a runnable Electron without triggering the `electron` package's lazy download (which needs a
 * network this CI does not have): `ELECTRON_OVERRIDE_DIST_PATH`, or a binary already downloaded into
 * node_modules/electron/dist. Returns null when there is none, so the suite can say it was skipped.
 */
export function findElectronBinary(): string | null {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : defaultExecutable();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function defaultExecutable(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}
