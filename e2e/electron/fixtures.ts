import { type ChildProcess, spawnSync } from 'node:child_process';
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
import { FULL_HEAP_STRINGS_ARG } from '../harness-specs/helpers/key-leak';
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

/**
 * Per-test budget for this suite (the config's 60 s is sized for the browser harness). Every test
 * starts a real app — on a fresh CI runner the first start alone can take many seconds — and most
 * end with a heap snapshot, a quit and a scan of the profile; `test.slow()` still triples this.
 */
export const ELECTRON_TEST_TIMEOUT = 120_000;

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
      // With `executablePath` Playwright starts the binary as it is (plus --inspect=0 and
      // --remote-debugging-port=0) and does not preload its loader, which would also append
      // Chromium's test switches --password-store=basic and --use-mock-keychain: safeStorage here
      // is the platform's real one, as the safe-storage specs intend. (So main's `ready` is not
      // held back until Playwright attaches; `firstWindow()` still finds a window created earlier.)
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

  /** How many times the app was started in this test. */
  get launchCount(): number {
    return this.launched.length;
  }

  async dispose(): Promise<void> {
    this.running = null;
    for (const { app } of this.launched) await closeApp(app);
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when `child` has exited, or after `timeoutMs`; true when it has exited. */
export async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return true;
  let timer: NodeJS.Timeout | undefined;
  let onExit: (() => void) | undefined;
  await new Promise<void>((resolve) => {
    onExit = resolve;
    child.once('exit', onExit);
    timer = setTimeout(resolve, timeoutMs);
  });
  clearTimeout(timer);
  if (onExit) child.off('exit', onExit);
  return hasExited(child);
}

/**
 * Ends a process this suite started, and its children, for good. On Windows Playwright starts
 * Electron through a shell (`app.process()` is cmd.exe, Electron its child), so a plain
 * `child.kill()` would leave Electron running and holding the profile's files: `taskkill /T /F`
 * ends the whole tree by the process id. Elsewhere SIGKILL, to the process group when the child
 * leads one (Playwright starts Electron detached), since SIGTERM only asks Electron to quit and
 * runs the same `before-quit` path that did not finish.
 */
export function forceKill(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined || hasExited(child)) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', timeout: 15_000 });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Quits through Playwright (`app.quit()` in main, which flushes history on `before-quit`) and waits
 * for the process to exit; if it has not exited within 30 s, kills it and its children.
 */
async function closeApp(app: ElectronApplication): Promise<void> {
  const child = app.process();
  if (hasExited(child)) return;
  const closing = app.close().catch(() => undefined);
  if (!(await waitForExit(child, 30_000))) {
    forceKill(child);
    await waitForExit(child, 15_000);
  }
  // Playwright's close settles once it has seen the exit; do not wait on it forever.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    closing,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 5_000);
    }),
  ]);
  clearTimeout(timer);
}

interface Fixtures {
  /** Sets this suite's per-test timeout (automatic). */
  electronTimeout: undefined;
  launchSettings: LaunchSettings;
  emulator: Emulator;
  dataDir: string;
  /** The app under test, not started yet: tests call `start()` (after setting up what they need). */
  switchboard: Switchboard;
}

export const test = base.extend<Fixtures>({
  electronTimeout: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
    async ({}, use, testInfo) => {
      testInfo.setTimeout(Math.max(testInfo.timeout, ELECTRON_TEST_TIMEOUT));
      await use(undefined);
    },
    { auto: true },
  ],
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
  switchboard: async ({ emulator, dataDir, launchSettings }, use, testInfo) => {
    const switchboard = new Switchboard(emulator, dataDir, launchSettings);
    await use(switchboard);
    await switchboard.dispose();
    // What main said (stderr carries its log lines), for a failure on a CI runner.
    if (testInfo.status !== testInfo.expectedStatus && switchboard.launchCount > 0) {
      await testInfo.attach('main-process-output.txt', {
        body: switchboard.mainOutputLines().join('\n'),
        contentType: 'text/plain',
      });
    }
  },
});

export { expect };
