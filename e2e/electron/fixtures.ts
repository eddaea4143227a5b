import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  test as base,
  type ElectronApplication,
  _electron as electron,
  expect,
  type Page,
} from '@playwright/test';
import { type Emulator, startEmulator } from '../emulator/server';
import { FULL_HEAP_STRINGS_ARG } from '../specs/helpers/key-leak';
import { findElectronBinary } from './electron-binary';

/**
 * The Electron suite's shared fixture: one real Switchboard (the unpackaged build in `out/`, started
 * from the repository root as `electron .`) per test, with its own OpenRouter emulator and its own
 * temporary user-data directory, closed and removed afterwards.
 *
 * Every spec imports this module, and Node evaluates a module once per process, so the SKIPPED line
 * below is printed once per run however many spec files there are.
 */

export const electronBinary = findElectronBinary();

export const SKIP_REASON = 'no Electron binary available';

if (!electronBinary) {
  // One clear line in the test output; the suite is skipped, not silently passed.
  console.log(
    'Electron suite SKIPPED: no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH or run `npx install-electron`).',
  );
}

/** The directory holding package.json, whose `main` is the built `out/main/index.js`. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Linux CI runners have neither a setuid `chrome-sandbox` in node_modules nor unprivileged user
 * namespaces, so Chromium's OS sandbox cannot start there (Playwright adds this flag on Linux itself
 * unless `chromiumSandbox` is set; it is explicit here so a hand-spawned second instance matches).
 * On macOS and Windows the OS sandbox stays on. Electron's `sandbox: true` web preference is not
 * affected either way: renderers still run without Node and with the sandboxed preload.
 */
export function sandboxArgs(): string[] {
  return process.platform === 'linux' ? ['--no-sandbox'] : [];
}

/**
 * The environment the app is started with: the test's own, minus anything that would change what is
 * tested (a developer's real OPENROUTER_API_KEY would be offered for import and is a real secret;
 * ELECTRON_RUN_AS_NODE would start Node instead of the app), plus the launch settings main reads.
 */
export function appEnv(
  emulator: Emulator,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) env[name] = value;
  }
  delete env.OPENROUTER_API_KEY;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.NODE_OPTIONS;
  return {
    ...env,
    SWITCHBOARD_OPENROUTER_BASE_URL: emulator.baseUrl,
    SWITCHBOARD_USER_DATA_DIR: dataDir,
    ...extra,
  };
}

/** How a test wants the app started (`test.use({ launchSettings: … })`). */
export interface LaunchSettings {
  /** Extra environment variables, e.g. `OPENROUTER_API_KEY`. */
  env?: Record<string, string>;
  /** Extra Chromium/Electron switches. */
  args?: string[];
  /** Playwright's CSP bypass for the app's pages (to test the network wall behind the CSP alone). */
  bypassCSP?: boolean;
}

/** One running instance of the app. */
export interface RunningApp {
  app: ElectronApplication;
  /** The chat window. */
  page: Page;
  /** Console messages and page errors of the chat window, from when Playwright attached. */
  consoleLines: string[];
  /** What the main process wrote to stdout and stderr (its logger writes every line there too). */
  mainOutput: string[];
}

/**
 * The app under test for one test: started by `start()`, restartable with the same user-data
 * directory (the way a person quits and opens it again), closed at the end of the test.
 */
export class Switchboard {
  private running: RunningApp | null = null;
  /** Every instance started, also one whose start failed half-way, so all are closed at the end. */
  private readonly launched: { app: ElectronApplication; mainOutput: string[] }[] = [];

  constructor(
    readonly emulator: Emulator,
    readonly dataDir: string,
    readonly settings: LaunchSettings,
  ) {}

  /** Starts the app (once) and waits for its chat window to show the app. */
  async start(settings: LaunchSettings = this.settings): Promise<RunningApp> {
    if (this.running) return this.running;
    if (!electronBinary) throw new Error('no Electron binary: the test should have been skipped');
    const app = await electron.launch({
      executablePath: electronBinary,
      // Heap snapshots must carry whole strings, or a key inside a long string would go unseen.
      args: ['.', ...sandboxArgs(), FULL_HEAP_STRINGS_ARG, ...(settings.args ?? [])],
      cwd: REPO_ROOT,
      env: appEnv(this.emulator, this.dataDir, settings.env),
      ...(settings.bypassCSP ? { bypassCSP: true } : {}),
      timeout: 60_000,
    });
    const mainOutput: string[] = [];
    this.launched.push({ app, mainOutput });
    const child = app.process();
    child.stdout?.on('data', (chunk: Buffer) => mainOutput.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => mainOutput.push(chunk.toString('utf8')));
    const page = await app.firstWindow({ timeout: 60_000 });
    const consoleLines: string[] = [];
    page.on('console', (msg) => consoleLines.push(msg.text()));
    page.on('pageerror', (err) => consoleLines.push(`pageerror: ${err.message}`));
    await expect(page.getByRole('heading', { name: 'Switchboard', level: 1 })).toBeVisible({
      timeout: 30_000,
    });
    this.running = { app, page, consoleLines, mainOutput };
    return this.running;
  }

  get current(): RunningApp {
    if (!this.running) throw new Error('Switchboard is not running');
    return this.running;
  }

  get app(): ElectronApplication {
    return this.current.app;
  }

  get page(): Page {
    return this.current.page;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Quits the app the way the person does (main flushes history on `before-quit`) and waits for exit. */
  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await closeApp(running.app);
  }

  /** Quits, then starts again on the same user-data directory and emulator. */
  async restart(settings: LaunchSettings = this.settings): Promise<RunningApp> {
    await this.close();
    return this.start(settings);
  }

  /** Main's log file (`<userData>/logs/main.log`), as lines. */
  async mainLog(): Promise<string[]> {
    const text = await readFile(join(this.dataDir, 'logs', 'main.log'), 'utf8').catch(() => '');
    return text.split('\n').filter((line) => line !== '');
  }

  /** Everything the main processes of this test wrote to stdout/stderr, as lines. */
  mainOutputLines(): string[] {
    return this.launched.flatMap((r) => r.mainOutput.join('').split('\n')).filter((line) => line !== '');
  }

  async dispose(): Promise<void> {
    this.running = null;
    for (const { app } of this.launched) await closeApp(app);
  }
}

/** Quits through Playwright (`app.quit()` in main); kills the process if it has not exited in 30 s. */
async function closeApp(app: ElectronApplication): Promise<void> {
  const child = app.process();
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (exited()) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    app.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 30_000);
    }),
  ]);
  clearTimeout(timer);
  if (!exited()) child.kill();
}

interface Fixtures {
  launchSettings: LaunchSettings;
  emulator: Emulator;
  dataDir: string;
  /** The app under test, not started yet: tests call `start()` (after setting up what they need). */
  switchboard: Switchboard;
}

export const test = base.extend<Fixtures>({
  launchSettings: [{}, { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  emulator: async ({}, use) => {
    const emulator = await startEmulator();
    await use(emulator);
    await emulator.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-electron-'));
    await use(dir);
    // Windows may hold a file of a process that just exited for a moment longer.
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  },
  switchboard: async ({ emulator, dataDir, launchSettings }, use) => {
    const switchboard = new Switchboard(emulator, dataDir, launchSettings);
    await use(switchboard);
    await switchboard.dispose();
  },
});

export { expect };
