import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ElectronApplication, _electron as electron, expect, test } from '@playwright/test';
import { type Emulator, startEmulator } from '../emulator/server';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if (!binary) {
  // One clear line in the test output; the suite is skipped, not silently passed.
  console.log(
    'Electron suite SKIPPED: no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH or run `npx install-electron`).',
  );
}

test.describe('Switchboard in Electron', () => {
  test.skip(!binary, 'no Electron binary available');

  let app: ElectronApplication;
  let emulator: Emulator;
  let dataDir: string;

  test.beforeEach(async () => {
    emulator = await startEmulator();
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-electron-'));
    app = await electron.launch({
      executablePath: binary ?? undefined,
      args: ['.', ...(process.env.CI ? ['--no-sandbox'] : [])],
      env: {
        ...process.env,
        SWITCHBOARD_OPENROUTER_BASE_URL: emulator.baseUrl,
        SWITCHBOARD_USER_DATA_DIR: dataDir,
      },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens a hardened window served from app://', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Switchboard' })).toBeVisible();
    expect(page.url()).toBe('app://switchboard/index.html');
    // Isolation and sandbox as seen from the page: no Node, no Electron internals.
    const globals = await page.evaluate(() => ({
      process: typeof (globalThis as { process?: unknown }).process,
      require: typeof (globalThis as { require?: unknown }).require,
      isolated: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({ process: 'undefined', require: 'undefined', isolated: 'undefined' });
    // The page has the bridge and nothing of Node.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await page.evaluate(() => Object.keys((window as unknown as { switchboard: object }).switchboard)),
    ).toContain('startChat');
  });

  test('refuses navigation away from the app', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect.poll(() => page.url()).toBe('app://switchboard/index.html');
  });
});
