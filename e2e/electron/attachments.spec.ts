import { readFile, writeFile } from 'node:fs/promises';
import type { ElectronApplication, Page } from '@playwright/test';
import { realPng } from '../harness-specs/helpers/real-png';
import { pickModel, sendMessage, ui, waitForReplyEnd } from '../harness-specs/helpers/ui';
import { pasteKey, scanForTheKeyAfterEachTest, toasts } from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';
import { stubSaveDialog } from './save-dialog-stub';

/**
 * Attachments in the real app (issue 17): the three ways in — "Attach files" (main's open dialog,
 * stubbed here), a file dropped on the window, a pasted image — each ending as a chip in the composer,
 * and a sent image drawn in the conversation as a blob: thumbnail under the real CSP, with its viewer
 * and "Save image" through main's save dialog.
 *
 * Electron evidence (electron/electron at 96f3996d8d3ce6e2fcfb86326fc4b953b53936fb):
 * - Dropping a file does not navigate the window. `navigateOnDragDrop` "Whether dragging and dropping a
 *   file or link onto the page causes a navigation. Default is `false`." (docs/api/structures/
 *   web-preferences.md:134); shell/browser/web_contents_preferences.cc sets `navigate_on_drag_drop_ =
 *   false` (l. 130) and hands it to Chromium as `renderer_prefs->can_accept_load_drops` (l. 422), so
 *   Blink never turns an unhandled drop into a load. Switchboard also sets it to false explicitly
 *   (main/electron/window-options.ts), and a navigation that did start would reach `will-navigate`
 *   ("Emitted when a user or the page wants to start navigation on the main frame", docs/api/
 *   web-contents.md:246), which main/electron/hardening.ts refuses for any URL but the app's. The test
 *   listens to `will-navigate` to prove none was attempted. A drop synthesised by script is untrusted
 *   and has no default action anyway; what it proves is that the page's handler takes the files and
 *   cancels the event (dispatchEvent returns false), so the guarantee for a real drop is the one above.
 * - A paste of an image needs no permission. The permission handlers see `clipboard-read` (the async
 *   `navigator.clipboard.read()`) and `deprecated-sync-clipboard-read` (a page's own
 *   `document.execCommand("paste")`) (docs/api/session.md, setPermissionRequestHandler and
 *   setPermissionCheckHandler); a `paste` event's `clipboardData`, delivered for a paste the person
 *   makes, is neither. Electron's own spec pastes with `w.webContents.paste()` ("Executes the editing
 *   command `paste` in web page", docs/api/web-contents.md:1691) into a focused page with no handler
 *   set (spec/chromium-spec.ts, the File System Access tests at l. 1492), while `execCommand('paste')`
 *   from the page is refused by default (spec/chromium-spec.ts, describe 'paste execCommand', 'is
 *   disabled by default'; shell/browser/electron_permission_manager.cc:357 returns false for
 *   DEPRECATED_SYNC_CLIPBOARD_READ without a check handler). So the test writes a PNG to the system
 *   clipboard in main (`clipboard.write([new ClipboardItem({'image/png': Blob})])`, docs/api/
 *   clipboard.md) and pastes with `webContents.paste()`, as Ctrl+V in the focused message box does.
 */

test.skip(!electronBinary, SKIP_REASON);

scanForTheKeyAfterEachTest();

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The composer's chips (a sent message's files are its "Attached files" list). */
const composerChips = (page: Page) =>
  page.locator('form.composer').getByRole('list', { name: 'Attachments' });

/** Main's open dialog answers with `paths` (the test's own files) and records that it was asked. */
async function stubOpenDialog(app: ElectronApplication, paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, filePaths) => {
    const calls: { parented: boolean; title: string | null; properties: string[] }[] = [];
    (globalThis as unknown as { e2eOpenDialogCalls?: typeof calls }).e2eOpenDialogCalls = calls;
    // `dialog.showOpenDialog([window, ]options)` resolves to `{ canceled, filePaths }` (docs/api/dialog.md).
    dialog.showOpenDialog = ((...args: unknown[]) => {
      const options = (args[args.length - 1] ?? {}) as { title?: string; properties?: string[] };
      calls.push({
        parented: args.length > 1,
        title: options.title ?? null,
        properties: [...(options.properties ?? [])],
      });
      return Promise.resolve({ canceled: false, filePaths });
    }) as typeof dialog.showOpenDialog;
  }, paths);
}

async function openDialogCalls(app: ElectronApplication) {
  return app.evaluate(
    () =>
      (globalThis as unknown as { e2eOpenDialogCalls?: { parented: boolean; title: string | null }[] })
        .e2eOpenDialogCalls ?? [],
  );
}

/** Records every `will-navigate` of the chat window from now on. */
async function recordNavigations(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => {
    const urls: string[] = [];
    (globalThis as unknown as { e2eNavigations?: string[] }).e2eNavigations = urls;
    for (const win of BrowserWindow.getAllWindows()) {
      win.webContents.on('will-navigate', (event) => urls.push(event.url));
    }
  });
}

async function navigations(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => (globalThis as unknown as { e2eNavigations?: string[] }).e2eNavigations ?? []);
}

test('"Attach files" through main\'s open dialog: the image reaches the model with its exact bytes, shows as a blob: thumbnail, and its viewer saves it', async ({
  switchboard,
  emulator,
}, testInfo) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');

  const png = realPng(96, 64, 5);
  const pngPath = testInfo.outputPath('diagram.png');
  await writeFile(pngPath, png);
  await stubOpenDialog(app, [pngPath]);
  await page.getByRole('button', { name: 'Attach files' }).click();
  await expect(composerChips(page).getByRole('button', { name: 'Remove diagram.png' })).toBeVisible();
  const [call] = await openDialogCalls(app);
  expect(call, 'one open dialog, modal to the chat window').toMatchObject({
    parented: true,
    title: 'Attach files',
  });

  const before = emulator.requests.length;
  await sendMessage(page, 'What does this diagram show?');
  await waitForReplyEnd(ui(page).lastReply);
  const request = emulator.requests.slice(before).find((r) => r.attachments !== null);
  expect(request?.attachments?.images).toHaveLength(1);
  expect([...(request?.attachments?.images[0]?.bytes ?? [])]).toEqual([...png]);

  // The thumbnail: main's data URL became a Blob in the page; the CSP (img-src 'self' data: blob:) let
  // it load, and Chromium decoded it (a broken image has naturalWidth 0).
  const message = ui(page).userMessages.last();
  const thumb = message.getByRole('button', { name: 'View diagram.png' });
  const image = thumb.getByRole('img', { name: 'diagram.png' });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  await thumb.focus();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: 'diagram.png' });
  await expect(viewer.getByRole('img', { name: 'diagram.png' })).toBeVisible();
  const target = testInfo.outputPath('saved-diagram.png');
  await stubSaveDialog(app, target);
  await viewer.getByRole('button', { name: 'Save image' }).click();
  await expect(toasts(page)).toContainText('Saved diagram.png to saved-diagram.png.');
  expect([...(await readFile(target))]).toEqual([...png]);
  await page.keyboard.press('Escape');
  await expect(thumb).toBeFocused();

  // The page never learned where the file was on disk.
  expect(await page.content()).not.toContain(testInfo.outputDir);
});

test('a file dropped on the window is staged and the window does not navigate', async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  await recordNavigations(app);
  const urlBefore = page.url();

  const png = [...realPng(32, 32, 6)];
  const cancelled = await page.evaluate((bytes) => {
    const file = new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const target = document.querySelector('main') ?? document.body;
    const fire = (type: string) =>
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    fire('dragenter');
    fire('dragover');
    // false: a handler called preventDefault, so the drop is the page's, not the browser's.
    return !fire('drop');
  }, png);
  expect(cancelled, 'the page took the drop').toBe(true);

  await expect(composerChips(page).getByRole('button', { name: 'Remove dropped.png' })).toBeVisible();
  expect(page.url()).toBe(urlBefore);
  expect(await navigations(app), 'no navigation was even attempted').toEqual([]);
});

test('an image pasted into the message box is staged, without any clipboard permission', async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');

  const png = realPng(24, 24, 7);
  await app.evaluate(
    async ({ clipboard, ClipboardItem }, bytes) => {
      await clipboard.write([
        new ClipboardItem({ 'image/png': new Blob([new Uint8Array(bytes)], { type: 'image/png' }) }),
      ]);
    },
    [...png],
  );
  await ui(page).composer.focus();
  await app.evaluate(({ BrowserWindow }) => {
    const win =
      BrowserWindow.getAllWindows().find((w) => w.webContents.isFocused()) ??
      BrowserWindow.getAllWindows()[0];
    win?.webContents.paste();
  });

  // Chromium names a pasted bitmap "image.png"; the composer falls back to "Pasted file" when unnamed.
  const remove = composerChips(page).getByRole('button', { name: /^Remove (image\.png|Pasted file)$/ });
  await expect(remove).toBeVisible();
  await expect(ui(page).composer).toHaveValue('');

  const before = emulator.requests.length;
  await sendMessage(page, 'What is in this screenshot?');
  await waitForReplyEnd(ui(page).lastReply);
  const request = emulator.requests.slice(before).find((r) => r.attachments !== null);
  const sent = request?.attachments?.images[0]?.bytes;
  // The clipboard re-encodes the bitmap, so the bytes may differ; it is still a PNG of that image.
  expect([...(sent ?? []).slice(0, 8)]).toEqual(PNG_SIGNATURE);
  const thumb = ui(page).userMessages.last().locator('.attachment-thumb img');
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
});
