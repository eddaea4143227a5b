import { pickModel, sendMessage, textOf, ui, waitForCompleteReply } from '../harness-specs/helpers/ui';
import { onboarding, pasteKey, readClipboard, setClipboard, storedMessages } from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/**
 * Copy and Copy code use `navigator.clipboard.writeText`, which Chromium lets a page do only with the
 * `clipboard-sanitized-write` permission (Electron's spec/chromium-spec.ts, "navigator.clipboard.write":
 * a request handler that denies it makes writeText fail with "Write permission denied."). The browser
 * harness grants it as Chromium does; in the app main's permission handlers decide
 * (main/electron/permission-rules.ts): granted to the chat window's main frame only. Here Copy is
 * clicked in the real app and the system clipboard is read from main.
 *
 * writeText also needs a focused document: Playwright emulates focus for the pages it drives
 * (Emulation.setFocusEmulationEnabled), as the window a person clicks in has it.
 */

test.skip(!electronBinary, SKIP_REASON);

test('Copy on a message and Copy code on a code block put the text on the system clipboard', async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  const { lastReply, notifications } = ui(page);
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(page, 'Hello there');
  await waitForCompleteReply(lastReply);
  await expect.poll(async () => (await storedMessages(page))[1]?.status).toBe('complete');
  const reply = (await storedMessages(page))[1]?.content ?? '';
  expect(reply.length).toBeGreaterThan(0);

  // Something else on the clipboard first, so a failed copy cannot pass for a successful one.
  await setClipboard(app, 'e2e: not copied yet');
  await lastReply.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(notifications).toContainText('Copied to the clipboard');
  await expect.poll(() => readClipboard(app)).toBe(reply);

  const code = (await textOf(lastReply.locator('pre code').first())).trim();
  expect(code.length).toBeGreaterThan(0);
  const copyCode = lastReply.getByRole('button', { name: 'Copy code' }).first();
  await copyCode.click();
  await expect(copyCode).toHaveText('Copied');
  await expect.poll(async () => (await readClipboard(app)).trim()).toBe(code);
});

test('the key-entry window cannot write to the clipboard', async ({ switchboard }) => {
  const { app, page } = await switchboard.start();
  await setClipboard(app, 'e2e: untouched');
  const opened = app.waitForEvent('window');
  await onboarding(page).getByRole('button', { name: 'Type it in a separate window' }).click();
  const keyPage = await opened;
  await expect(keyPage.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();
  // A click gives the call a user gesture, so only the permission can refuse it.
  await keyPage.evaluate(() => {
    const button = document.createElement('button');
    button.id = 'e2e-write';
    button.textContent = 'write';
    button.style.cssText = 'position:fixed;left:0;top:0;z-index:2147483647';
    button.addEventListener('click', () => {
      (window as unknown as { e2eWrite: Promise<string> }).e2eWrite = navigator.clipboard
        .writeText('e2e: written by the key-entry page')
        .then(
          () => 'written',
          (error: Error) => `${error.name}: ${error.message}`,
        );
    });
    document.body.append(button);
  });
  await keyPage.locator('#e2e-write').click();
  const outcome = await keyPage.evaluate(() => (window as unknown as { e2eWrite: Promise<string> }).e2eWrite);
  // Chromium's refusal for a denied clipboard-sanitized-write (the message Electron's own spec expects).
  expect(outcome).toMatch(/^NotAllowedError: .*Write permission denied/);
  expect(await readClipboard(app)).toBe('e2e: untouched');
});
