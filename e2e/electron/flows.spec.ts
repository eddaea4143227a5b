import { readFile } from 'node:fs/promises';
import { DEFAULT_KEY } from '../emulator/keys';
import { findKeyIn, previewOf } from '../harness-specs/helpers/key-leak';
import {
  conversationButton,
  expectedReply,
  lengthsWhileStreaming,
  pickModel,
  replyBody,
  replyLength,
  requestMessages,
  sendMessage,
  showsAllWordsInOrder,
  textOf,
  ui,
  waitForCompleteReply,
  waitForReplyEnd,
} from '../harness-specs/helpers/ui';
import {
  envOffer,
  expectSettingsShow,
  keepingOf,
  keptInText,
  keySavedToast,
  onboarding,
  pasteKey,
  readClipboard,
  scanForTheKeyAfterEachTest,
  setClipboard,
  startWithModel,
  storageFacts,
  storedMessages,
  storedRecord,
  toasts,
  verifications,
  waitForChatRequest,
} from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/**
 * The harness suite's main flows, in the real app: onboarding, a key by the clipboard or from
 * OPENROUTER_API_KEY, picking a model, streaming, Stop, error replies, Settings, export through
 * main's save dialog, and a reload and a restart that keep the conversation. After each flow, the
 * chat window (heap, DOM, storage, console) and every file of the profile are searched for the key.
 */

test.skip(!electronBinary, SKIP_REASON);

scanForTheKeyAfterEachTest();

test('onboarding without a key, then a key from the clipboard: verified, clipboard cleared, masked in Settings, a reply streams', async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  const key = emulator.defaultKey;
  const facts = await storageFacts(app);
  const keeping = keepingOf(facts);

  const start = onboarding(page);
  await expect(start.getByRole('heading', { name: 'Connect your OpenRouter key', level: 2 })).toBeVisible();
  await expect(start).toContainText('this window never sees it');
  for (const way of ['Sign in with OpenRouter', 'Paste from clipboard', 'Type it in a separate window']) {
    await expect(start.getByRole('button', { name: way })).toBeEnabled();
  }
  const { composer, send, lastReply } = ui(page);
  await expect(composer).toHaveAccessibleDescription('Add your OpenRouter key to start chatting');
  await expect(send).toBeDisabled();

  // The storage choice this platform really offers (see safe-storage.spec.ts for the details).
  const encrypted = page.getByRole('radio', { name: 'Encrypted on this computer' });
  const session = page.getByRole('radio', { name: 'For this session only' });
  if (keeping === 'encrypted') {
    await expect(encrypted).toBeChecked();
  } else if (keeping === 'weak') {
    await expect(session).toBeChecked();
    await expect(encrypted).toBeEnabled();
  } else {
    await expect(session).toBeChecked();
    await expect(encrypted).toBeDisabled();
    await expect(start).toContainText('Secure storage is not available on this computer');
  }
  expect(verifications(emulator), 'nothing is sent to OpenRouter before a key is given').toHaveLength(0);

  // Main reads the system clipboard itself; the page only asks.
  await setClipboard(app, key);
  await start.getByRole('button', { name: 'Paste from clipboard' }).click();
  await expect(toasts(page)).toContainText(keySavedToast(key));
  await expect(start).toBeHidden();
  await expect.poll(() => readClipboard(app), { message: 'main clears the key from the clipboard' }).toBe('');
  expect(verifications(emulator).map((r) => r.headers.authorization)).toEqual([`Bearer ${key}`]);
  if (keeping === 'encrypted') {
    expect(await storedRecord(switchboard.dataDir)).toMatchObject({ source: 'clipboard' });
  } else {
    expect(await storedRecord(switchboard.dataDir), 'kept in memory only by default').toBeUndefined();
  }
  await expectSettingsShow(
    page,
    key,
    'Pasted from the clipboard',
    keptInText(keeping === 'encrypted' ? 'encrypted' : 'session', facts.backend),
  );

  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(page, 'Hello from Electron');
  const request = await waitForChatRequest(emulator);
  expect(request.headers.authorization).toBe(`Bearer ${key}`);
  expect(request.body).toMatchObject({ model: 'openai/gpt-4o-mini', stream: true });
  await waitForCompleteReply(lastReply);
  const expected = expectedReply(requestMessages(request), 40);
  const shown = await textOf(replyBody(lastReply));
  expect(showsAllWordsInOrder(shown, expected), `shown:\n${shown}\nexpected:\n${expected}`).toBe(true);
});

test('a paced reply arrives in pieces while it streams, then shows its usage', async ({
  switchboard,
  emulator,
}) => {
  const { page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  const { lastReply } = ui(page);
  // 20 tokens a second: the 40-token reply takes about two seconds to arrive.
  await pickModel(page, 'drip-20', 'Emulator: drip-20');
  await sendMessage(page, 'Tell me about streams');
  const request = await waitForChatRequest(emulator);
  expect(request.body).toMatchObject({ model: 'emulator/drip-20', stream: true });

  const seen = await lengthsWhileStreaming(lastReply);
  expect(seen.length, `growing lengths seen while streaming: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);

  await waitForCompleteReply(lastReply);
  await expect(lastReply).toContainText('40 completion tokens');
  const expected = expectedReply(requestMessages(request), 40);
  const shown = await textOf(replyBody(lastReply));
  expect(seen[0], 'the first text seen is only part of the reply').toBeLessThan(shown.length);
  expect(showsAllWordsInOrder(shown, expected), `shown:\n${shown}\nexpected:\n${expected}`).toBe(true);
  await expect
    .poll(async () => (await storedMessages(page))[1])
    .toMatchObject({ role: 'assistant', status: 'complete', content: expected });
});

test('Stop mid-stream keeps the partial text, in the window and after a reload', async ({
  switchboard,
  emulator,
}) => {
  const { page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  // Ten tokens a second, 400 tokens: about forty seconds, so there is all the time to stop it.
  await startWithModel(page, 'emulator/drip-10+tokens-400');
  const { lastReply, stop } = ui(page);
  await sendMessage(page, 'Write a long answer');
  const request = await waitForChatRequest(emulator);
  await expect.poll(() => replyLength(lastReply)).toBeGreaterThan(0);
  await expect(stop).toBeVisible();
  await stop.click();

  // Main aborted the request to OpenRouter, and the reply says it was stopped, not failed.
  await emulator.waitForClientClose(request.id, 15_000);
  await waitForReplyEnd(lastReply);
  await expect(lastReply.getByText('Stopped', { exact: true })).toBeVisible();
  await expect(lastReply.getByRole('alert')).toHaveCount(0);
  await expect(ui(page).send).toBeVisible();
  const partial = await textOf(replyBody(lastReply));
  expect(partial.length).toBeGreaterThan(0);

  const full = expectedReply(requestMessages(request), 400);
  await expect.poll(async () => (await storedMessages(page))[1]?.status).toBe('cancelled');
  const [, stored] = await storedMessages(page);
  expect(stored?.content.length).toBeGreaterThan(0);
  expect(stored?.content.length).toBeLessThan(full.length);
  expect(full.startsWith(stored?.content ?? '-'), 'the saved text is the start of the reply').toBe(true);
  expect(showsAllWordsInOrder(partial, stored?.content ?? '-'), 'the window shows what was saved').toBe(true);

  await page.reload();
  await conversationButton(page, 'Write a long answer').click();
  const reloaded = ui(page).lastReply;
  await expect(reloaded.getByText('Stopped', { exact: true })).toBeVisible();
  await expect(replyBody(reloaded)).toHaveText(partial);
});

test('error replies: a rejected key (401), out of credits (402, Add credits asks main first) and a rate limit (429)', async ({
  switchboard,
  emulator,
}) => {
  test.slow();
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  // "Add credits" goes through main's confirmation dialog: answered "Cancel", so no browser opens.
  await app.evaluate(({ dialog }) => {
    const seen: { message: string; detail: string }[] = [];
    (globalThis as unknown as { e2eMessageBoxes: typeof seen }).e2eMessageBoxes = seen;
    dialog.showMessageBox = ((...args: unknown[]) => {
      const options = args[args.length - 1] as { message?: string; detail?: string };
      seen.push({ message: String(options.message), detail: String(options.detail) });
      return Promise.resolve({ response: 1, checkboxChecked: false });
    }) as typeof dialog.showMessageBox;
  });
  const { lastReply, newChat } = ui(page);

  await pickModel(page, 'status-401', 'Emulator: status-401');
  await sendMessage(page, 'Hello');
  await expect(lastReply.getByRole('alert')).toContainText('OpenRouter rejected the API key');
  await expect(lastReply.getByRole('button', { name: 'Remove key' })).toBeVisible();

  await newChat.click();
  await pickModel(page, 'status-402', 'Emulator: status-402');
  await sendMessage(page, 'Hello again');
  await expect(lastReply.getByRole('alert')).toContainText('out of credits');
  await lastReply.getByRole('button', { name: 'Add credits' }).click();
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { e2eMessageBoxes: unknown[] }).e2eMessageBoxes))
    .toEqual([
      { message: 'Open this link in your browser?', detail: 'https://openrouter.ai/settings/credits' },
    ]);

  await newChat.click();
  await pickModel(page, 'status-429', 'Emulator: status-429');
  await sendMessage(page, 'And once more');
  // Main retries on its own first (honouring Retry-After), so the error can take a few seconds.
  await expect(lastReply.getByRole('alert')).toContainText('Rate limited', { timeout: 30_000 });
  await expect(lastReply.getByRole('button', { name: /^Retry in \d+ s$/ })).toBeDisabled();
  await expect(lastReply.getByRole('button', { name: 'Retry', exact: true })).toBeEnabled();
});

test('the conversation survives a reload and a restart; the key as it was kept', async ({
  switchboard,
  emulator,
}) => {
  test.slow();
  const { app, page } = await switchboard.start();
  const key = emulator.defaultKey;
  const facts = await storageFacts(app);
  const keeping = keepingOf(facts);
  // Kept on disk wherever this platform can (through the weak-protection opt-in on basic_text).
  await pasteKey(switchboard, key, keeping === 'session-only' ? 'session' : 'encrypted');
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(page, 'Remember this in Electron');
  await waitForCompleteReply(ui(page).lastReply);
  const text = await textOf(replyBody(ui(page).lastReply));

  await page.reload();
  await expect(ui(page).userMessages).toHaveCount(0);
  await conversationButton(page, 'Remember this in Electron').click();
  await expect(ui(page).userMessages).toContainText(['Remember this in Electron']);
  await expect(replyBody(ui(page).lastReply)).toHaveText(text);

  // Quit and open again on the same profile.
  const { page: again } = await switchboard.restart();
  if (keeping === 'session-only') {
    // "For this session only" means exactly that: the key is gone, the history is not.
    await expect(onboarding(again)).toBeVisible();
    expect(await storedRecord(switchboard.dataDir)).toBeUndefined();
  } else {
    await expect(onboarding(again)).toBeHidden();
    await expectSettingsShow(again, key, 'Pasted from the clipboard', keptInText(keeping, facts.backend));
  }
  const entry = conversationButton(again, 'Remember this in Electron');
  await expect(entry).toBeVisible();
  await entry.click();
  await expect(entry).toHaveAttribute('aria-current', 'page');
  await expect(ui(again).userMessages).toHaveCount(1);
  await expect(ui(again).userMessages).toContainText('Remember this in Electron');
  await expect(replyBody(ui(again).lastReply)).toHaveText(text);
  await expect(ui(again).lastReply).toContainText('40 completion tokens');
  if (keeping === 'session-only') {
    await expect(again.getByText('There is no usable OpenRouter key')).toBeVisible();
    return;
  }
  // The key loaded from the keystore after the restart is the one main sends.
  const before = emulator.requests.at(-1)?.id ?? 0;
  await sendMessage(again, 'Still there?');
  const request = await waitForChatRequest(emulator, before);
  expect(request.headers.authorization).toBe(`Bearer ${key}`);
  await waitForCompleteReply(ui(again).lastReply);
});

test('export goes through main: the save dialog picks the file, the export holds the chat and no key', async ({
  switchboard,
  emulator,
}, testInfo) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(page, 'Export me from Electron');
  await waitForCompleteReply(ui(page).lastReply);

  const target = testInfo.outputPath('electron-export.json');
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (() =>
      Promise.resolve({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, target);
  await page.getByRole('button', { name: 'Export all as JSON' }).click();
  await expect(toasts(page)).toContainText('Exported all conversations to electron-export.json.');
  const text = await readFile(target, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'switchboard-export' });
  expect(text).toContain('Export me from Electron');
  expect(findKeyIn(text, emulator.defaultKey), 'the export must not hold the key').toBeNull();
});

test.describe('OPENROUTER_API_KEY at launch', () => {
  test.use({ launchSettings: { env: { OPENROUTER_API_KEY: DEFAULT_KEY } } });

  test('offered masked, nothing kept or sent before the choice; "Use for this session" keeps it in memory', async ({
    switchboard,
    emulator,
  }) => {
    expect(emulator.defaultKey).toBe(DEFAULT_KEY);
    const { app, page } = await switchboard.start();
    const offer = envOffer(page);
    await expect(offer).toContainText(previewOf(DEFAULT_KEY));
    await expect(offer).toContainText('OPENROUTER_API_KEY');
    expect(verifications(emulator)).toHaveLength(0);
    expect(await storedRecord(switchboard.dataDir)).toBeUndefined();
    // Main removed the variable before any window or child process could inherit it from main.
    expect(await app.evaluate(() => process.env.OPENROUTER_API_KEY === undefined)).toBe(true);

    await offer.getByRole('button', { name: 'Use for this session' }).click();
    await expect(toasts(page)).toContainText(keySavedToast(DEFAULT_KEY));
    await expect(onboarding(page)).toBeHidden();
    await expectSettingsShow(
      page,
      DEFAULT_KEY,
      'From an environment variable',
      keptInText('session', 'unused for session keys'),
    );
    expect(await storedRecord(switchboard.dataDir)).toBeUndefined();

    await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    await sendMessage(page, 'Hello with the key from the environment');
    const request = await waitForChatRequest(emulator);
    expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`);
    await waitForCompleteReply(ui(page).lastReply);
  });
});
