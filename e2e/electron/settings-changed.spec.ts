import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/**
 * Issue 20: every saved settings change is pushed to every chat window as `onSettingsChanged`
 * (main/app/settings-broadcast.ts, wired in main/index.ts), so a window whose settings were changed
 * elsewhere (another window, a restore) follows at once. Here it crosses the real preload and IPC: the
 * window subscribes through its bridge, a change is saved, and the event arrives with the new settings
 * (and the window applies the theme). The app opens one chat window (a second only on macOS' `activate`
 * with none open, main/electron/app-lifecycle.ts), so the fan-out to several windows is covered by the
 * harness (e2e/harness-specs/settings-every-window.spec.ts) and main/app/settings-broadcast.test.ts.
 *
 * Electron evidence (docs/api/web-contents.md in electron/electron, "contents.send(channel, ...args)"):
 * "Send an asynchronous message to the renderer process via `channel`, along with arguments.
 * Arguments will be serialized with the Structured Clone Algorithm" — the settings are plain JSON, so
 * they arrive as sent (the handler table validates them with the contract's schema before sending).
 */

test.skip(!electronBinary, SKIP_REASON);

interface SettingsBridge {
  updateSettings(patch: object): Promise<unknown>;
  onSettingsChanged(listener: (settings: { theme: string }) => void): () => void;
}

test('a saved settings change is pushed to the chat window over IPC, and its theme applies', async ({
  switchboard,
}) => {
  const { page } = await switchboard.start();
  await page.evaluate(() => {
    const bridge = (window as unknown as { switchboard: SettingsBridge }).switchboard;
    const seen: string[] = [];
    (globalThis as unknown as { e2eSettingsSeen: string[] }).e2eSettingsSeen = seen;
    bridge.onSettingsChanged((settings) => seen.push(JSON.stringify(settings)));
  });
  await page.evaluate(async () => {
    const bridge = (window as unknown as { switchboard: SettingsBridge }).switchboard;
    await bridge.updateSettings({ theme: 'dark' });
  });
  const seen = () =>
    page.evaluate(() => (globalThis as unknown as { e2eSettingsSeen: string[] }).e2eSettingsSeen);
  await expect
    .poll(async () => (await seen()).map((s) => (JSON.parse(s) as { theme: string }).theme))
    .toEqual(['dark']);
  // The settings as getSettings answers them: with the stored problems, and never a key.
  const [sent] = await seen();
  expect(JSON.parse(sent ?? '{}')).toHaveProperty('problems');
  expect(sent).not.toMatch(/sk-or-/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
