import { spawn } from 'node:child_process';
import {
  appEnv,
  electronBinary,
  expect,
  forceKill,
  REPO_ROOT,
  SKIP_REASON,
  sandboxArgs,
  test,
  waitForExit,
} from './fixtures';

/**
 * One instance per profile: a second one would race the first on the same history and key files.
 * Main takes `app.requestSingleInstanceLock()` after choosing the user-data directory; a second start
 * on the same directory must quit at once, and the first must bring its one window forward.
 */

test.skip(!electronBinary, SKIP_REASON);

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Starts the app binary directly (as a person double-clicking it would) and waits for it to exit. A
 * second instance still running after `timeoutMs` is killed (with its children), and waited for,
 * before the test fails: it would otherwise hold the profile and outlive the test.
 */
async function runSecondInstance(env: Record<string, string>, timeoutMs: number): Promise<Exit> {
  const binary = electronBinary;
  if (!binary) throw new Error('no Electron binary');
  const child = spawn(binary, ['.', ...sandboxArgs()], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const outcome = new Promise<Exit | Error>((resolve) => {
    child.once('error', resolve);
    child.once('exit', (code, signal) => resolve({ code, signal, output: output.join('') }));
  });
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    outcome,
    new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (result === 'timeout') {
    forceKill(child);
    await waitForExit(child, 15_000);
    throw new Error(`the second instance was still running after ${timeoutMs} ms:\n${output.join('')}`);
  }
  if (result instanceof Error) throw result;
  return result;
}

test('a second start on the same profile exits at once; the first keeps its one window and brings it forward', async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  // Watch what the first instance does when the second one knocks.
  await app.evaluate(({ app: electronApp, BrowserWindow }) => {
    const seen = { secondInstance: 0, focus: 0 };
    (globalThis as unknown as { e2eSingleInstance: typeof seen }).e2eSingleInstance = seen;
    electronApp.on('second-instance', () => {
      seen.secondInstance += 1;
    });
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) throw new Error('no window');
    const focus = win.focus.bind(win);
    win.focus = () => {
      seen.focus += 1;
      focus();
    };
  });
  const seen = () =>
    app.evaluate(
      () =>
        (globalThis as unknown as { e2eSingleInstance: { secondInstance: number; focus: number } })
          .e2eSingleInstance,
    );

  const exit = await runSecondInstance(appEnv(emulator, switchboard.dataDir), 30_000);
  expect(exit, `second instance output:\n${exit.output}`).toMatchObject({ code: 0, signal: null });

  // The first instance heard about it and focused its window (restoring it first if minimised).
  await expect.poll(seen).toEqual({ secondInstance: 1, focus: 1 });
  const windows = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), visible: w.isVisible() })),
  );
  expect(windows).toEqual([{ url: 'app://switchboard/index.html', visible: true }]);
  expect(app.process().exitCode, 'the first instance is still running').toBeNull();
  await expect(page.getByRole('heading', { name: 'Switchboard', level: 1 })).toBeVisible();
});
