import {
  keySavedToast,
  onboarding,
  readClipboard,
  scanForTheKeyAfterEachTest,
  setClipboard,
  toasts,
  verifications,
  type WithBridge,
} from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/**
 * "Paste from clipboard" in the real app: main reads the clipboard only right after real input in the
 * chat window. It learns that from the window's webContents 'input-event' (Electron 45
 * docs/api/web-contents.md, "Event: 'input-event'"; shell/browser/api/electron_api_web_contents.cc
 * `WebContents::OnInputEvent`, a RenderWidgetHost input observer), which no page script can cause.
 * The browser harness can only pretend (`harness.userActivation`); this shows both halves for real:
 * Playwright's click reaches the page as input through the browser process (CDP Input.dispatch*Event
 * goes through RenderWidgetHostImpl's forwarding, where input observers are told), a script's bridge
 * call does not. And on Linux, the PRIMARY selection (`clipboard.selection`) is cleared too.
 */

test.skip(!electronBinary, SKIP_REASON);

scanForTheKeyAfterEachTest();

const importFromPage = () =>
  (window as unknown as WithBridge).switchboard.importKeyFromClipboard({ persistence: 'session' });

test('a script asking for the clipboard without a click reads nothing; a real click on the button works, once', async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  const key = emulator.defaultKey;
  await expect(onboarding(page)).toBeVisible();
  // Set in main, so no input reaches the window before the script's call.
  await setClipboard(app, key);
  const linux = await app.evaluate(() => process.platform === 'linux');
  if (linux) {
    await app.evaluate(async ({ clipboard }, value) => clipboard.selection.writeText(value), key);
  }

  const refused = await page.evaluate(importFromPage);
  expect(refused).toEqual({
    ok: false,
    error: { code: 'validation', message: expect.stringContaining('only right after you click') },
  });
  expect(await readClipboard(app), 'the clipboard is untouched').toBe(key);
  expect(verifications(emulator), 'nothing was read, so nothing was checked').toHaveLength(0);

  // A real click (the radio, then the button) is input main sees.
  await page.getByRole('radio', { name: 'For this session only' }).check();
  await page.getByRole('button', { name: 'Paste from clipboard' }).click();
  await expect(toasts(page)).toContainText(keySavedToast(key));
  await expect.poll(() => readClipboard(app), { message: 'main clears the key from the clipboard' }).toBe('');
  if (linux) {
    const selection = await app.evaluate(async ({ clipboard }) => clipboard.selection.readText());
    expect(selection, 'main clears the key from the PRIMARY selection too').toBe('');
  }

  // That click was used up by the request it allowed: a script cannot ride on it.
  await setClipboard(app, key);
  const again = await page.evaluate(importFromPage);
  expect(again).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(await readClipboard(app)).toBe(key);
});
