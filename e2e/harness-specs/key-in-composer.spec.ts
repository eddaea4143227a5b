import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import { assertNoKeyInLines, assertNoKeyOnDisk } from './helpers/key-leak';
import {
  chatRequests,
  emulatorOf,
  pickModel,
  ui,
  waitForChatRequest,
  waitForCompleteReply,
} from './helpers/ui';

/**
 * A key typed or pasted into the composer (or into an edited message) is refused by main: the text
 * stays where it was written, the window says why and what to do, and the key reaches neither
 * OpenRouter (the emulator records every request) nor any file in the data directory.
 *
 * No page leak scan here: the person typed the key into the page themselves, so it is in the DOM and
 * the heap by their own hand. What the app promises is that it goes no further.
 */

/** A key of the real shape that main has never seen, to show the shape rule. */
const STRANGER_KEY = `sk-or-v1-${'9c4e07a1d2b3f568'.repeat(4)}`;

function storedKey(harness: Harness): string {
  return emulatorOf(harness).defaultKey;
}

/** Nothing that went upstream or to disk carries either key; main's log neither. */
async function expectKeysWentNowhere(harness: Harness, keys: string[]): Promise<void> {
  for (const request of chatRequests(harness)) {
    const body = JSON.stringify(request.body).toLowerCase();
    for (const key of keys)
      expect(body.includes(key.slice(9).toLowerCase()), 'a chat request body holds a key').toBe(false);
  }
  await harness.services.history.flush();
  const files = await assertNoKeyOnDisk(harness.dataDir, keys);
  expect(files).toBeGreaterThan(0);
  assertNoKeyInLines(harness.logLines, keys, "main's log");
}

test.describe('an OpenRouter key in the composer', () => {
  test('the stored key typed into the composer is refused; the text stays; nothing is sent or saved', async ({
    app,
    harness,
  }) => {
    const key = storedKey(harness);
    const { composer, userMessages, replies, stop } = ui(app);
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');

    const text = `Is this right? ${key}`;
    await composer.pressSequentially(text);
    await composer.press('Enter');

    const alert = app.getByRole('alert').filter({ hasText: 'Not sent' });
    await expect(alert).toContainText('This message contains your OpenRouter API key');
    await expect(alert).toContainText('remove the key and send again');
    await expect(alert).toContainText('revoke it at openrouter.ai/settings/keys');
    await expect(composer).toHaveValue(text);
    await expect(userMessages).toHaveCount(0);
    await expect(replies).toHaveCount(0);
    await expect(stop).toBeHidden();
    await app.screenshot({ path: 'test-results/screens/key-in-composer.png' });

    // A key of the same shape that main has never seen, split over two lines, is refused too.
    await composer.fill(`${STRANGER_KEY.slice(0, 30)}\n${STRANGER_KEY.slice(30)}`);
    await composer.press('Enter');
    await expect(alert).toContainText('what looks like an OpenRouter API key');
    await expect(composer).toHaveValue(`${STRANGER_KEY.slice(0, 30)}\n${STRANGER_KEY.slice(30)}`);

    // Once the key is taken out, the message goes: its request is the first and only one the
    // emulator sees, so the refused ones above never left main.
    await composer.fill('Is this right?');
    await composer.press('Enter');
    await waitForChatRequest(harness);
    await waitForCompleteReply(replies.last());
    await expect(composer).toHaveValue('');
    expect(chatRequests(harness)).toHaveLength(1);
    const [conversation] = harness.services.history.list({ limit: 10 }).items;
    const stored = await harness.services.history.allMessages(conversation?.id ?? '');
    expect(stored.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['Is this right?']);
    await expectKeysWentNowhere(harness, [key, STRANGER_KEY]);
  });

  test('edit and resend with the key is refused; the edit stays open and the conversation is unchanged', async ({
    app,
    harness,
  }) => {
    const key = storedKey(harness);
    const { composer, userMessages, replies } = ui(app);
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    await composer.fill('Hello');
    await composer.press('Enter');
    await waitForCompleteReply(replies.last());
    expect(chatRequests(harness)).toHaveLength(1);

    await userMessages.last().getByRole('button', { name: 'Edit' }).click();
    const editor = app.getByRole('textbox', { name: 'Edit message' });
    const edited = `Hello, my key is\n${key}`;
    await editor.fill(edited);
    await app.getByRole('button', { name: 'Save and resend' }).click();

    await expect(app.getByRole('alert').filter({ hasText: 'OpenRouter API key' })).toContainText(
      'remove the key and send again',
    );
    await expect(editor).toHaveValue(edited);
    // The reply after the edited message is still there: nothing was truncated.
    await expect(replies).toHaveCount(1);
    await expect(userMessages).toHaveCount(1);

    // Cancel, and the conversation goes on; its next request is only the second the emulator sees.
    await app.getByRole('button', { name: 'Cancel' }).click();
    await composer.fill('And now?');
    await composer.press('Enter');
    await waitForCompleteReply(replies.last());
    expect(chatRequests(harness)).toHaveLength(2);
    await expectKeysWentNowhere(harness, [key]);
  });
});
