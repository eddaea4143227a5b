import type { Page } from '@playwright/test';
import { buildReplyTokens } from '../emulator/reply';
import { hashString } from '../emulator/rng';
import type { Harness } from '../harness/harness';
import { test as base, expect } from './fixtures';
import { assertNoKeyLeak, assertNoKeyOnDisk, withFullHeapStrings } from './helpers/key-leak';
import {
  chatRequests,
  conversationButton,
  emulatorOf,
  expectedReply,
  lengthsWhileStreaming,
  onlyConversation,
  pickModel,
  replyBody,
  replyLength,
  requestMessages,
  saveScreen,
  sendMessage,
  showsAllWordsInOrder,
  startWithModel,
  textOf,
  ui,
  waitForChatRequest,
  waitForCompleteReply,
  waitForReplyEnd,
} from './helpers/ui';

/** Whole strings in heap snapshots, so the key-leak scan after each flow sees everything. */
const test = base.extend({
  launchOptions: [
    async ({ launchOptions }, use) => use(withFullHeapStrings(launchOptions)),
    { scope: 'worker' },
  ],
});

// Key confinement after every chat flow (streaming, stop, every error, settings, theme, conversations):
// no part of the key in the page's heap, DOM, storage or console, nor in any file of the data directory.
test.afterEach(async ({ app, harness, consoleLines }) => {
  const key = harness.emulator?.defaultKey;
  if (!key) return;
  await assertNoKeyLeak(app, key, consoleLines, { extra: { "main's log": harness.logLines } });
  await harness.services.history.flush();
  await assertNoKeyOnDisk(harness.dataDir, key);
});

async function storedMessages(harness: Harness) {
  return harness.services.history.allMessages(onlyConversation(harness).id);
}

/** A plain, paid model from the catalogue; any listed model works for the happy paths. */
async function pickGpt4oMini(app: Page) {
  await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
}

test.describe('without a key', () => {
  test.use({ harnessOptions: { withKey: false } });

  test('onboarding shows the three ways in, where the key is kept, and why the composer cannot send', async ({
    app,
  }) => {
    const onboarding = app.getByRole('region', { name: 'Connect your OpenRouter key' });
    await expect(
      onboarding.getByRole('heading', { name: 'Connect your OpenRouter key', level: 2 }),
    ).toBeVisible();
    await expect(onboarding).toContainText('this window never sees it');
    for (const way of ['Sign in with OpenRouter', 'Paste from clipboard', 'Type it in a separate window']) {
      await expect(onboarding.getByRole('button', { name: way })).toBeEnabled();
    }
    await expect(onboarding.getByRole('heading', { name: 'Where the key is kept' })).toBeVisible();
    await expect(onboarding).toContainText(
      /Encrypted with .+, so only your user account on this computer can read it\./,
    );

    const { composer, send } = ui(app);
    await expect(composer).toHaveAccessibleDescription('Add your OpenRouter key to start chatting');
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription('Add your OpenRouter key to start chatting');
    await composer.fill('Hello?');
    await expect(send).toBeDisabled();
    await saveScreen(app, 'onboarding');
  });
});

test.describe('with an imported key', () => {
  test('no onboarding; Settings shows only the masked key and Verify key reports usage and limit', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    const key = emulator.defaultKey;
    // Same key, with spend and a limit, so the verification has something specific to show.
    emulator.addKey({ key, label: 'Work laptop', usage: 4.5, limit: 10 });
    const { settingsButton, settings } = ui(app);

    await expect(app.getByText('What would you like to ask?')).toBeVisible();
    await expect(app.getByRole('heading', { name: 'Connect your OpenRouter key' })).toHaveCount(0);

    await settingsButton.click();
    await expect(settings).toBeVisible();
    const preview = settings.locator('code');
    await expect(preview).toHaveText(`sk-or-v1-…${key.slice(-4)}`);

    await settings.getByRole('button', { name: 'Verify key' }).click();
    const verification = settings.getByRole('region', { name: 'OpenRouter key' }).getByRole('status');
    await expect(verification).toContainText('Work laptop');
    // A description list: each value is the <dd> right after its <dt>.
    const fact = (term: string) => verification.locator(`dt:text-is("${term}") + dd`);
    await expect(fact('Label')).toHaveText('Work laptop');
    await expect(fact('Credits used')).toHaveText('$4.50');
    await expect(fact('Limit')).toHaveText('$10.00 ($5.50 remaining)');
    await expect(fact('Free tier')).toHaveText('No');
    const keyRequest = await emulator.waitForRequest((r) => r.path === '/api/v1/key');
    expect(keyRequest.headers.authorization).toBe(`Bearer ${key}`);

    expect(await app.content()).not.toContain(key);
    expect(await textOf(app.locator('body'))).not.toContain(key.slice('sk-or-v1-'.length));
    await saveScreen(app, 'settings');
  });
});

test.describe('streaming', () => {
  test('a model picked by search streams its reply incrementally, then shows usage', async ({
    app,
    harness,
  }) => {
    const { lastReply } = ui(app);
    // 20 tokens a second: the 40-token reply takes about two seconds to arrive.
    await pickModel(app, 'drip-20', 'Emulator: drip-20');
    await sendMessage(app, 'Tell me about streams');
    const request = await waitForChatRequest(harness);
    expect(request.body).toMatchObject({ model: 'emulator/drip-20', stream: true });

    const seen = await lengthsWhileStreaming(lastReply);
    expect(seen.length, `growing lengths seen while streaming: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);

    await waitForCompleteReply(lastReply);
    await expect(lastReply).toContainText('40 completion tokens');
    await expect(lastReply.locator('.message-cost')).toHaveText(/^\$\d/);
    const expected = expectedReply(requestMessages(request), 40);
    const shown = await textOf(replyBody(lastReply));
    expect(seen[0], 'the first text seen is only part of the reply').toBeLessThan(shown.length);
    expect(showsAllWordsInOrder(shown, expected), `shown:\n${shown}\nexpected:\n${expected}`).toBe(true);
    await expect
      .poll(async () => (await storedMessages(harness))[1])
      .toMatchObject({ role: 'assistant', status: 'complete', content: expected });
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
    await saveScreen(app, 'chat-streamed-light');
  });

  test('a reply longer than the view is followed to its end while it streams', async ({ app, harness }) => {
    const { lastReply } = ui(app);
    await app.setViewportSize({ width: 900, height: 700 });
    // 1,500 tokens at 200 a second: many screens, over about 8 seconds. This reply shrinks for a
    // moment at one point as it streams (a block laid out anew), which used to unpin the list.
    await startWithModel(harness, app, 'emulator/drip-200+tokens-1500');
    await sendMessage(app, 'Write a long answer');
    const list = app.locator('.message-list');
    // Every frame while it streams, as it is painted (a ResizeObserver's callback runs after layout,
    // after the list's own, and reading there forces no extra layout): how far the end of the list
    // is below the view.
    await list.evaluate((scroller) => {
      const gaps: number[] = [];
      (window as unknown as { __gaps: number[] }).__gaps = gaps;
      const sample = new ResizeObserver(() => {
        gaps.push(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight);
      });
      const observeRows = () => {
        for (const row of scroller.querySelectorAll('[data-message-id]')) sample.observe(row);
      };
      observeRows();
      new MutationObserver(observeRows).observe(scroller, { childList: true });
    });
    await waitForCompleteReply(lastReply);
    const gaps = await app.evaluate(() => (window as unknown as { __gaps: number[] }).__gaps);
    const { height, view } = await list.evaluate((el) => ({
      height: el.scrollHeight,
      view: el.clientHeight,
    }));
    expect(height, 'the reply is several views long').toBeGreaterThan(3 * view);
    expect(gaps.length).toBeGreaterThan(10);
    // The end is in view in every frame painted, but for a single frame now and then (one block laid
    // out after the list's correction), which the next frame catches up: never two in a row.
    const behind = gaps.filter((gap, i) => gap > 1 && (gaps[i + 1] ?? 0) > 1);
    expect(behind, `gaps seen: ${gaps.join(', ')}`).toEqual([]);
    expect(Math.max(...gaps), 'the end of the reply never leaves the view').toBeLessThan(view);
    await expect(app.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0);
    expect(await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThanOrEqual(
      1,
    );
  });

  for (const how of [
    'the Stop button',
    'Escape in the composer',
    'Escape elsewhere in the window',
  ] as const) {
    test(`stopping with ${how} keeps the partial text, also after a reload`, async ({ app, harness }) => {
      const { lastReply, stop, composer } = ui(app);
      const emulator = emulatorOf(harness);
      await startWithModel(harness, app, 'emulator/drip-10+tokens-400');
      await sendMessage(app, 'Write a long answer');
      const request = await waitForChatRequest(harness);
      await expect.poll(() => replyLength(lastReply)).toBeGreaterThan(0);
      await expect(stop).toBeVisible();

      if (how === 'the Stop button') await stop.click();
      else if (how === 'Escape in the composer') await composer.press('Escape');
      else {
        await composer.blur();
        await expect(composer).not.toBeFocused();
        await app.keyboard.press('Escape');
      }

      await emulator.waitForClientClose(request.id);
      await waitForReplyEnd(lastReply);
      await expect(lastReply.getByText('Stopped', { exact: true })).toBeVisible();
      await expect(lastReply.getByRole('alert')).toHaveCount(0);
      await expect(ui(app).send).toBeVisible();
      const partial = await textOf(replyBody(lastReply));
      expect(partial.length).toBeGreaterThan(0);

      const full = expectedReply(requestMessages(request), 400);
      await expect.poll(async () => (await storedMessages(harness))[1]?.status).toBe('cancelled');
      const [, stored] = await storedMessages(harness);
      expect(stored?.content.length).toBeGreaterThan(0);
      expect(stored?.content.length).toBeLessThan(full.length);
      expect(full.startsWith(stored?.content ?? '-'), 'the saved text is the start of the reply').toBe(true);
      expect(showsAllWordsInOrder(partial, stored?.content ?? '-'), 'the window shows what was saved').toBe(
        true,
      );

      await app.reload();
      await conversationButton(app, 'Write a long answer').click();
      const reloaded = ui(app).lastReply;
      await expect(reloaded.getByText('Stopped', { exact: true })).toBeVisible();
      await expect(replyBody(reloaded)).toHaveText(partial);
    });
  }
});

test.describe('error replies', () => {
  test('a rejected key (401) says so and offers Remove key', async ({ app, harness }) => {
    const { lastReply } = ui(app);
    await pickModel(app, 'status-401', 'Emulator: status-401');
    await sendMessage(app, 'Hello');
    await expect(lastReply.getByRole('alert')).toContainText('OpenRouter rejected the API key');
    const remove = lastReply.getByRole('button', { name: 'Remove key' });
    await expect(remove).toBeVisible();
    await saveScreen(app, 'error-key-rejected');

    await remove.click();
    await expect(app.getByRole('heading', { name: 'Connect your OpenRouter key' })).toBeVisible();
    expect(harness.services.vault.status().state).toBe('none');
  });

  test('out of credits (402) offers Add credits, which opens the credits page', async ({ app, harness }) => {
    const { lastReply } = ui(app);
    await pickModel(app, 'status-402', 'Emulator: status-402');
    await sendMessage(app, 'Hello');
    await expect(lastReply.getByRole('alert')).toContainText('out of credits');
    expect(harness.openedUrls).toEqual([]);
    await lastReply.getByRole('button', { name: 'Add credits' }).click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://openrouter.ai/settings/credits']);
  });

  test('rate limited (429) counts down before Retry is enabled, and Retry asks again', async ({
    app,
    harness,
  }) => {
    const { lastReply } = ui(app);
    await pickModel(app, 'status-429', 'Emulator: status-429');
    await sendMessage(app, 'Hello');
    // Main retries on its own first (honouring Retry-After), so the error can take a few seconds.
    await expect(lastReply.getByRole('alert')).toContainText('Rate limited', { timeout: 20_000 });
    const waiting = lastReply.getByRole('button', { name: /^Retry in \d+ s$/ });
    await expect(waiting).toBeDisabled();
    await expect(waiting).toHaveText(/^Retry in [12] s$/);
    const retry = lastReply.getByRole('button', { name: 'Retry', exact: true });
    await expect(retry).toBeEnabled();
    await expect(waiting).toHaveCount(0);

    const before = chatRequests(harness).at(-1)?.id ?? 0;
    await retry.click();
    const again = await waitForChatRequest(harness, before);
    expect(again.body).toMatchObject({ model: 'emulator/status-429' });
  });

  test('an error mid-stream keeps the partial text above the alert and offers Retry', async ({
    app,
    harness,
  }) => {
    const { lastReply, replies } = ui(app);
    await pickModel(app, 'error-mid', 'Emulator: error-mid');
    await sendMessage(app, 'Hello');
    const request = await waitForChatRequest(harness);
    const alert = lastReply.getByRole('alert');
    await expect(alert).toBeVisible();
    await waitForReplyEnd(lastReply);

    const partial = buildReplyTokens({
      seed: hashString(JSON.stringify(requestMessages(request))),
      tokens: 40,
      multibyte: false,
      hugeLine: false,
    })
      .slice(0, 5)
      .join('');
    await expect(replyBody(lastReply)).toHaveText(partial.trim());
    const textBox = await replyBody(lastReply).boundingBox();
    const alertBox = await alert.boundingBox();
    expect(textBox && alertBox && textBox.y + textBox.height <= alertBox.y).toBe(true);
    await expect(lastReply.getByRole('button', { name: 'Retry', exact: true })).toBeEnabled();
    await expect
      .poll(async () => (await storedMessages(harness))[1])
      .toMatchObject({ status: 'error', content: partial });
    await saveScreen(app, 'error-mid-stream');

    const before = request.id;
    await lastReply.getByRole('button', { name: 'Retry', exact: true }).click();
    await waitForChatRequest(harness, before);
    await expect(replies).toHaveCount(1);
  });
});

test.describe('message actions', () => {
  test('Regenerate shows a new reply for the same context in place of the last (the earlier one stays as a version)', async ({
    app,
    harness,
  }) => {
    const { lastReply, replies, userMessages } = ui(app);
    await pickGpt4oMini(app);
    await sendMessage(app, 'Hello there');
    await waitForCompleteReply(lastReply);
    const first = await waitForChatRequest(harness);
    const [, firstReply] = await storedMessages(harness);

    await lastReply.getByRole('button', { name: 'Regenerate' }).click();
    const second = await waitForChatRequest(harness, first.id);
    expect(requestMessages(second)).toEqual(requestMessages(first));
    await waitForCompleteReply(lastReply);
    await expect(replies).toHaveCount(1);
    await expect(userMessages).toHaveCount(1);
    // Main writes the final state just after the last event reaches the window.
    await expect
      .poll(async () => (await storedMessages(harness)).map((m) => m.status))
      .toEqual(['complete', 'complete']);
    const stored = await storedMessages(harness);
    expect(stored[1]?.id).not.toBe(firstReply?.id);
  });

  test('Edit and resend shows the edited message and a new reply in place of the old ones (kept as versions)', async ({
    app,
    harness,
  }) => {
    const { lastReply, replies, userMessages } = ui(app);
    await pickGpt4oMini(app);
    await sendMessage(app, 'First question');
    await waitForCompleteReply(lastReply);
    await sendMessage(app, 'Second question');
    await expect(replies).toHaveCount(2);
    await waitForCompleteReply(lastReply);
    const before = chatRequests(harness).at(-1)?.id ?? 0;

    await userMessages.first().getByRole('button', { name: 'Edit' }).click();
    const editor = app.getByRole('textbox', { name: 'Edit message' });
    await expect(editor).toBeFocused();
    await editor.fill('Edited question');
    await app.getByRole('button', { name: 'Save and resend' }).click();

    const resent = await waitForChatRequest(harness, before);
    expect(requestMessages(resent)).toEqual([{ role: 'user', content: 'Edited question' }]);
    await expect(userMessages).toHaveCount(1);
    await expect(userMessages.first()).toContainText('Edited question');
    await expect(replies).toHaveCount(1);
    await waitForCompleteReply(lastReply);
    await expect
      .poll(async () => (await storedMessages(harness)).map((m) => [m.role, m.status]))
      .toEqual([
        ['user', 'complete'],
        ['assistant', 'complete'],
      ]);
    expect((await storedMessages(harness))[0]?.content).toBe('Edited question');
  });

  test('Copy and Copy code put the Markdown source and the code on the clipboard, without errors', async ({
    app,
    harness,
    consoleLines,
  }) => {
    const { lastReply, notifications } = ui(app);
    await pickGpt4oMini(app);
    await sendMessage(app, 'Hello there');
    await waitForCompleteReply(lastReply);
    // No clipboard permission is granted; the writes are only observed on their way through.
    await app.evaluate(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      const seen: string[] = [];
      (window as unknown as { copiedTexts: string[] }).copiedTexts = seen;
      clipboard.writeText = (text: string) => {
        seen.push(text);
        return write(text);
      };
    });
    const copied = () => app.evaluate(() => (window as unknown as { copiedTexts: string[] }).copiedTexts);

    await lastReply.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(notifications).toContainText('Copied to the clipboard');
    await expect.poll(async () => (await storedMessages(harness))[1]?.status).toBe('complete');
    const [, reply] = await storedMessages(harness);
    expect(await copied()).toEqual([reply?.content]);

    const code = (await textOf(lastReply.locator('pre code').first())).trim();
    const copyCode = lastReply.getByRole('button', { name: 'Copy code' }).first();
    await copyCode.click();
    await expect(copyCode).toHaveText('Copied');
    expect((await copied()).map((t) => t.trim())).toEqual([reply?.content.trim(), code]);
    expect(consoleLines.filter((l) => l.startsWith('pageerror'))).toEqual([]);
  });
});

test.describe('the window', () => {
  test('the theme switches between dark and light and survives a reload', async ({ app, harness }) => {
    const { settingsButton, settings } = ui(app);
    const html = app.locator('html');
    await pickGpt4oMini(app);
    await sendMessage(app, 'Hello there');
    await waitForCompleteReply(ui(app).lastReply);

    await settingsButton.click();
    // The radios follow the saved setting, so they change once main has stored it: click, then expect.
    await settings.getByRole('radio', { name: 'Dark' }).click();
    await expect(settings.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => harness.services.settings.get().theme).toBe('dark');
    await app.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await conversationButton(app, 'Hello there').click();
    await waitForCompleteReply(ui(app).lastReply);
    await saveScreen(app, 'chat-dark');

    await settingsButton.click();
    await expect(settings.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await settings.getByRole('radio', { name: 'Light' }).click();
    await expect(settings.getByRole('radio', { name: 'Light' })).toBeChecked();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect.poll(() => harness.services.settings.get().theme).toBe('light');
    await app.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');

    // System follows the operating system's preference, live.
    await app.emulateMedia({ colorScheme: 'dark' });
    await settingsButton.click();
    await settings.getByRole('radio', { name: 'System' }).click();
    await expect(settings.getByRole('radio', { name: 'System' })).toBeChecked();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await app.emulateMedia({ colorScheme: 'light' });
    await expect(html).toHaveAttribute('data-theme', 'light');
  });

  test('a reload brings the conversation back in the sidebar, with its messages', async ({ app }) => {
    const { lastReply } = ui(app);
    await pickGpt4oMini(app);
    await sendMessage(app, 'Remember this');
    await waitForCompleteReply(lastReply);
    const text = await textOf(replyBody(lastReply));

    await app.reload();
    await expect(ui(app).userMessages).toHaveCount(0);
    const entry = conversationButton(app, 'Remember this');
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(entry).toHaveAttribute('aria-current', 'page');
    await expect(ui(app).userMessages).toHaveCount(1);
    await expect(ui(app).userMessages).toContainText('Remember this');
    await expect(replyBody(ui(app).lastReply)).toHaveText(text);
    await expect(ui(app).lastReply).toContainText('40 completion tokens');
  });

  test('conversations: New chat, rename from the actions menu, delete and Undo', async ({ app, harness }) => {
    const { lastReply, newChat, sidebar, notifications } = ui(app);
    await pickGpt4oMini(app);
    await sendMessage(app, 'Plan a trip');
    await waitForCompleteReply(lastReply);
    const { id } = onlyConversation(harness);

    await newChat.click();
    await expect(app.getByRole('heading', { name: 'New chat', level: 2 })).toBeVisible();
    await expect(app.getByText('What would you like to ask?')).toBeVisible();
    await expect(ui(app).replies).toHaveCount(0);
    await expect(conversationButton(app, 'Plan a trip')).not.toHaveAttribute('aria-current', 'page');

    await sidebar.getByRole('button', { name: 'Actions for Plan a trip' }).click();
    await app.getByRole('menuitem', { name: 'Rename' }).click();
    const title = sidebar.getByRole('textbox', { name: 'Conversation title' });
    await expect(title).toBeFocused();
    await title.fill('Holiday plans');
    await title.press('Enter');
    await expect(conversationButton(app, 'Holiday plans')).toBeFocused();
    await expect(conversationButton(app, 'Plan a trip')).toHaveCount(0);
    await expect.poll(() => harness.services.history.get(id)?.title).toBe('Holiday plans');

    await sidebar.getByRole('button', { name: 'Actions for Holiday plans' }).click();
    await app.getByRole('menuitem', { name: 'Delete' }).click();
    await expect(conversationButton(app, 'Holiday plans')).toHaveCount(0);
    await expect(sidebar).toContainText('No conversations yet.');
    await expect.poll(() => harness.services.history.get(id)).toBeNull();
    await expect(notifications).toContainText('Deleted “Holiday plans”');

    await notifications.getByRole('button', { name: 'Undo' }).click();
    await expect(conversationButton(app, 'Holiday plans')).toBeVisible();
    await expect.poll(() => harness.services.history.get(id)?.title).toBe('Holiday plans');
    await conversationButton(app, 'Holiday plans').click();
    await expect(ui(app).userMessages).toContainText(['Plan a trip']);
    await expect(ui(app).replies).toHaveCount(1);
  });

  test('model picker: Ctrl+K opens it, Free filters, a favourite moves to the top', async ({
    app,
    harness,
  }) => {
    const { picker, search, models, composer } = ui(app);
    await composer.focus();
    await app.keyboard.press('Control+k');
    await expect(picker).toBeVisible();
    await expect(search).toBeFocused();
    const count = picker.getByText(/^\d+ models?$/);
    await expect(count).toHaveText(/^\d+ models$/);
    const all = Number.parseInt(await textOf(count), 10);

    await picker.getByRole('radio', { name: 'Free' }).check();
    await expect(count).not.toHaveText(`${all} models`);
    const free = Number.parseInt(await textOf(count), 10);
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThan(all);
    const options = models.getByRole('option');
    await expect(options.first()).toBeVisible();
    for (const text of await options.allInnerTexts()) expect(text).toMatch(/\bFree\b/);
    await saveScreen(app, 'model-picker');

    await picker.getByRole('radio', { name: 'All' }).check();
    await expect(count).toHaveText(`${all} models`);
    await search.fill('Claude');
    const target = models.getByRole('option').nth(2);
    const name = (await textOf(target.locator('.model-name'))).trim();
    const id = (await textOf(target.locator('.model-id'))).trim();
    const star = picker.getByRole('button', { name: `Favourite ${name}`, exact: true });
    await expect(star).toHaveAttribute('aria-pressed', 'false');
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => harness.services.settings.get().favouriteModels).toEqual([id]);
    await search.press('Escape');
    await expect(picker).toBeHidden();

    await app.keyboard.press('Control+k');
    await expect(picker).toBeVisible();
    await expect(search).toHaveValue('');
    await expect(models.getByRole('option').first()).toContainText(name);
    await expect(models.getByRole('option').first()).toContainText('Favourite');
  });

  test('a link in a reply opens through main (openExternal), not in the window', async ({ app, harness }) => {
    // The emulator's replies contain no links, so the reply is put in the history directly.
    const history = harness.services.history;
    const conversation = await history.create({ model: 'openai/gpt-4o-mini', title: 'Links' });
    await history.appendUserMessage(conversation.id, 'Where are the docs?');
    const reply = await history.beginReply(conversation.id, { model: 'openai/gpt-4o-mini' });
    await history.finishReply(conversation.id, reply.id, {
      status: 'complete',
      content: 'They are in [the OpenRouter docs](https://openrouter.ai/docs/quickstart).',
    });
    await app.reload();
    await conversationButton(app, 'Links').click();
    const link = ui(app).lastReply.getByRole('link', { name: /the OpenRouter docs/ });
    await expect(link).toBeVisible();
    const url = app.url();
    await link.click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://openrouter.ai/docs/quickstart']);
    expect(app.url()).toBe(url);
  });
});
