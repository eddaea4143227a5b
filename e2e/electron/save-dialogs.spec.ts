import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { findKeyIn } from '../harness-specs/helpers/key-leak';
import {
  pickModel,
  sendMessage,
  ui,
  waitForCompleteReply,
  waitForReplyEnd,
} from '../harness-specs/helpers/ui';
import { pasteKey, scanForTheKeyAfterEachTest, toasts, type WithBridge } from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';
import { saveDialogCalls, stubSaveDialog } from './save-dialog-stub';

/**
 * The two save dialogs of issues 14 and 16 in the real app, the way the history export is tested in
 * flows.spec.ts: "Save image" under an image a model returned (channel `saveReplyImage`) and the
 * Spending view's "Export CSV" (channel `exportSpendingCsv`) both pick their file in main's
 * `dialog.showSaveDialog` (main/electron/file-dialogs.ts), stubbed here to a file of the test's own
 * (see save-dialog-stub.ts for the Electron documentation of its options). The files written are
 * checked byte by byte, for their private mode, and for the key.
 */

test.skip(!electronBinary, SKIP_REASON);

scanForTheKeyAfterEachTest();

/** The first eight bytes of every PNG file (PNG specification, 5.2 "PNG signature"). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** main/services/private-files: exports and saved images are readable by their owner only. */
const PRIVATE_FILE_MODE = 0o600;

async function expectPrivateFile(path: string): Promise<void> {
  // Windows has no POSIX permission bits (Node reports 0o666 or 0o444 there).
  if (process.platform === 'win32') return;
  expect((await stat(path)).mode & 0o777, `${basename(path)} is readable by its owner only`).toBe(
    PRIVATE_FILE_MODE,
  );
}

test('an image reply shows its image in the real window, and "Save image" writes the PNG where main\'s save dialog says', async ({
  switchboard,
  emulator,
}, testInfo) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  // An image-only model: the emulator answers with a real 1×1 PNG in `delta.images` (e2e/emulator/README.md).
  await pickModel(page, 'flux.2-pro', 'Black Forest Labs: FLUX.2 [pro]');
  await sendMessage(page, 'A lighthouse at dusk, from Electron');
  const reply = ui(page).lastReply;
  // Not waitForCompleteReply: its pattern is about text replies; an image reply's counts differ.
  await waitForReplyEnd(reply);

  // The bytes came from main (`getReplyImage`) as a data URL, the page's CSP let it load
  // (img-src … data:), and Chromium decoded it: a broken image has naturalWidth 0.
  const figure = reply.getByRole('figure', { name: 'Image 1 from the reply' });
  const image = figure.getByRole('img', { name: 'Image 1 from the reply' });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);

  const target = testInfo.outputPath('electron-reply-image.png');
  await stubSaveDialog(app, target);
  await figure.getByRole('button', { name: 'Save image', exact: true }).click();
  await expect(toasts(page)).toContainText('Saved the image to electron-reply-image.png.');

  const calls = await saveDialogCalls(app);
  expect(calls, 'one save dialog, modal to the chat window').toHaveLength(1);
  const [call] = calls;
  expect(call).toMatchObject({
    parented: true,
    title: 'Save image',
    filters: [{ name: 'PNG image', extensions: ['png'] }],
  });
  // A suggested file name inside a folder (Pictures), named after the reply's image (`1.png`).
  expect(call?.defaultPath).toMatch(/[\\/]switchboard-[^\\/]+-1\.png$/);

  const saved = await readFile(target);
  expect([...saved.subarray(0, 8)], 'the file is a PNG').toEqual(PNG_SIGNATURE);
  expect(saved.length).toBeGreaterThan(PNG_SIGNATURE.length);
  await expectPrivateFile(target);
});

test('the Spending view after one reply: the chart draws its bar, and "Export CSV" writes one row through main\'s save dialog, without the key', async ({
  switchboard,
  emulator,
}, testInfo) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(page, 'What will this cost?');
  await waitForCompleteReply(ui(page).lastReply);

  await page.getByRole('button', { name: 'Spending', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Spending' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Totals' })).toBeVisible();

  // recharts draws into an SVG; one model on one day is one bar (the ledger holds this reply).
  const chart = dialog.locator('.spending-chart');
  await expect(chart.getByRole('application', { name: 'Cost per day by model' })).toBeVisible();
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle path')).toHaveCount(1);
  const bar = await chart.locator('.recharts-bar-rectangle path').boundingBox();
  expect(bar?.height ?? 0, 'the bar has a height').toBeGreaterThan(0);

  const target = testInfo.outputPath('electron-spending.csv');
  await stubSaveDialog(app, target);
  await dialog.getByRole('button', { name: 'Export CSV', exact: true }).click();
  await expect(toasts(page)).toContainText('Spending exported to electron-spending.csv.');

  const calls = await saveDialogCalls(app);
  expect(calls, 'one save dialog, modal to the chat window').toHaveLength(1);
  const [call] = calls;
  expect(call).toMatchObject({
    parented: true,
    title: 'Export spending',
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  // The view's range (the last 30 days, its default) names the suggested file.
  expect(call?.defaultPath).toMatch(/[\\/]switchboard-spending-30-days\.csv$/);

  const text = await readFile(target, 'utf8');
  const rows = text.split('\r\n').filter((line) => line !== '');
  expect(rows[0]?.startsWith('finished_at,conversation_id,')).toBe(true);
  expect(rows, 'a header and one row for the one reply').toHaveLength(2);
  const header = (rows[0] ?? '').split(',');
  const row = (rows[1] ?? '').split(',');
  const column = (name: string) => row[header.indexOf(name)];
  const conversations = await page.evaluate(() =>
    (window as unknown as WithBridge).switchboard.listConversations({ limit: 10 }),
  );
  if (!conversations.ok) throw new Error(`listConversations failed: ${conversations.error.message}`);
  expect(column('conversation_id')).toBe(conversations.value.items[0]?.id);
  expect(column('model')).toBe('openai/gpt-4o-mini');
  expect(Number(column('cost_usd'))).toBeGreaterThan(0);
  expect(findKeyIn(text, emulator.defaultKey), 'the CSV must not hold the key').toBeNull();
  await expectPrivateFile(target);
});
