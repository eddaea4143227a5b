import { fileURLToPath } from 'node:url';
import { type ElectronApplication, _electron as electron, type Page } from '@playwright/test';
import { type Emulator, startEmulator } from '../emulator/server';
import { keepingOf, pasteKey, storageFacts } from './app-helpers';
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

test.skip(!electronBinary, SKIP_REASON);

/**
 * In the real app: a key stored while Switchboard talked to the emulator at origin A is not sent to
 * origin B (a second emulator) when a later launch names B with `--openrouter-base-url`, unless the
 * person says so in main's native dialog. What only Electron shows: the question is a
 * `dialog.showMessageBox` from main, parented to the chat window, with "Don't send" as both the
 * default and the cancel button, and the window explains the pause meanwhile.
 *
 * The dialog is answered by a module preloaded into main with `-r` (testing/answer-message-boxes.cjs
 * says how Electron loads it): main asks as soon as the window shows, before `electronApp.evaluate`
 * could replace `dialog.showMessageBox`.
 */

const ANSWER_MESSAGE_BOXES = fileURLToPath(new URL('./testing/answer-message-boxes.cjs', import.meta.url));

interface RecordedBox {
  hasOwner: boolean;
  type?: string;
  message?: string;
  detail?: string;
  buttons: string[];
  defaultId?: number;
  cancelId?: number;
}

interface Launch {
  app: ElectronApplication;
  page: Page;
}

/**
 * Starts the app on `dataDir` pointed at `collector` by the command-line flag (the environment still
 * names `home`, as a person's would: the flag wins), answering main's message boxes with `answer`.
 */
async function launchPointedAt(
  home: Emulator,
  collector: Emulator,
  dataDir: string,
  answer: 'yes' | 'no',
  launched: ElectronApplication[],
): Promise<Launch> {
  if (!electronBinary) throw new Error('no Electron binary: the test should have been skipped');
  const app = await electron.launch({
    executablePath: electronBinary,
    // `-r` must come before the app path: default_app stops reading its own options there.
    args: ['-r', ANSWER_MESSAGE_BOXES, '.', ...sandboxArgs(), `--openrouter-base-url=${collector.baseUrl}`],
    cwd: REPO_ROOT,
    env: appEnv(home, dataDir, { SWITCHBOARD_E2E_MESSAGE_BOX_ANSWER: answer }),
    timeout: 60_000,
  });
  launched.push(app);
  const page = await app.firstWindow({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'Switchboard', level: 1 })).toBeVisible({ timeout: 30_000 });
  return { app, page };
}

async function quit(app: ElectronApplication): Promise<void> {
  const child = app.process();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closing = app.close().catch(() => undefined);
  if (!(await waitForExit(child, 30_000))) forceKill(child);
  await waitForExit(child, 15_000);
  await closing;
}

function boxesOf(app: ElectronApplication): Promise<RecordedBox[]> {
  return app.evaluate(
    () => (globalThis as unknown as { e2eMessageBoxes?: RecordedBox[] }).e2eMessageBoxes ?? [],
  );
}

function withKey(emulator: Emulator, key: string) {
  return emulator.requests.filter((r) => (r.headers.authorization ?? '').includes(key));
}

const paused = (page: Page) => page.getByRole('region', { name: 'Chat is paused' });

test('a stored key goes to another origin named at launch only after "Send" in main’s dialog', async ({
  switchboard,
  emulator,
  dataDir,
}) => {
  // The first launch, at A (the fixture's emulator): the key is verified there and kept encrypted.
  const { app: first } = await switchboard.start();
  const keeping = keepingOf(await storageFacts(first));
  test.skip(keeping === 'session-only', 'no encryption here: a key cannot outlive a launch');
  const key = emulator.defaultKey;
  await pasteKey(switchboard, key, 'encrypted');
  await switchboard.close();

  const collector = await startEmulator();
  const launched: ElectronApplication[] = [];
  try {
    // Launch pointed at B; the person answers "Don't send".
    const refused = await launchPointedAt(emulator, collector, dataDir, 'no', launched);
    await expect.poll(() => boxesOf(refused.app).then((boxes) => boxes.length)).toBe(1);
    const [box] = await boxesOf(refused.app);
    expect(box?.hasOwner, 'parented to the chat window').toBe(true);
    expect(box?.message).toContain(collector.origin);
    expect(box?.detail).toContain(emulator.origin);
    expect(box?.defaultId).toBe(box?.cancelId);
    expect(box?.buttons[box?.cancelId ?? -1]).toBe("Don't send");

    await expect(paused(refused.page)).toBeVisible();
    await expect(paused(refused.page)).toContainText(emulator.origin);
    await expect(paused(refused.page)).toContainText(collector.origin);
    // Even when the page asks for models again, main sends nothing with the key to B.
    const reload = await refused.page.evaluate(async () => {
      const bridge = (
        window as unknown as {
          switchboard: {
            listModels(r: { refresh: boolean }): Promise<{ ok: boolean; error?: { code: string } }>;
          };
        }
      ).switchboard;
      const result = await bridge.listModels({ refresh: true });
      return result.ok ? 'ok' : result.error?.code;
    });
    expect(reload).toBe('key_origin_mismatch');
    expect(withKey(collector, key)).toEqual([]);
    expect(await boxesOf(refused.app), 'asked once per launch').toHaveLength(1);
    await quit(refused.app);
    expect(withKey(collector, key)).toEqual([]);

    // The next launch asks again (a "no" is not remembered either); this time "Send".
    const allowed = await launchPointedAt(emulator, collector, dataDir, 'yes', launched);
    await expect.poll(() => boxesOf(allowed.app).then((boxes) => boxes.length)).toBe(1);
    await expect(paused(allowed.page)).toHaveCount(0);
    await allowed.page.getByRole('button', { name: 'Model', exact: true }).click();
    await expect
      .poll(() => withKey(collector, key).map((r) => r.headers.authorization))
      .toContain(`Bearer ${key}`);
    await quit(allowed.app);
  } finally {
    for (const app of launched) await quit(app);
    await collector.close();
  }
});
