import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import {
  chatRequests,
  onlyConversation,
  pickModel,
  replyBody,
  requestMessages,
  sendMessage,
  startWithModel,
  textOf,
  ui,
  waitForChatRequest,
  waitForCompleteReply,
  waitForReplyEnd,
} from './helpers/ui';

/**
 * Issue 18 in the window, over the real services and the emulator: regenerate and edit keep every
 * earlier version, "Previous version"/"Next version" and "2 / 3" switch between them, the next request
 * carries only the branch shown, the versions survive a reload, and search opens a hidden version.
 */

/** 60 tokens at 20 a second: slow enough to stop part-way, quick enough to wait for. */
const SLOW_MODEL = 'emulator/drip-20+tokens-60';

function versions(message: Locator) {
  return {
    previous: message.getByRole('button', { name: 'Previous version' }),
    next: message.getByRole('button', { name: 'Next version' }),
    indicator: (shown: string) => message.getByText(shown, { exact: true }),
  };
}

async function regenerate(app: Page, harness: Harness): Promise<void> {
  const { lastReply } = ui(app);
  const before = chatRequests(harness).at(-1)?.id ?? 0;
  await lastReply.getByRole('button', { name: 'Regenerate' }).click();
  await waitForChatRequest(harness, before);
  await waitForCompleteReply(lastReply);
}

async function expectNoSeriousViolations(app: Page): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe violations:\n${serious.join('\n')}`).toEqual([]);
}

test('regenerate twice keeps three versions; the next message carries only the one shown', async ({
  app,
  harness,
}) => {
  const { lastReply, replies, stop, composer } = ui(app);
  await startWithModel(harness, app, SLOW_MODEL);
  await sendMessage(app, 'Tell me a story');
  // The first version is cut short with Stop, so its text differs from the two regenerated ones.
  await expect(replyBody(lastReply)).toContainText(/\w/);
  await stop.click();
  await waitForReplyEnd(lastReply);
  await expect(lastReply).toContainText('Stopped');
  const firstText = await textOf(replyBody(lastReply));

  await regenerate(app, harness);
  const reply = versions(lastReply);
  await expect(reply.indicator('2 / 2')).toBeVisible();
  await regenerate(app, harness);
  await expect(reply.indicator('3 / 3')).toBeVisible();
  await expect(reply.previous).toHaveAccessibleDescription('Version 3 of 3');
  await expect(reply.next).toHaveAttribute('aria-disabled', 'true');
  await expect(replies).toHaveCount(1);
  const thirdText = await textOf(replyBody(lastReply));
  expect(thirdText).not.toBe(firstText);

  // Axe with the switcher shown.
  await expectNoSeriousViolations(app);

  // Back to the first version, by keyboard: the focus stays on the button. (Usable once the reply's
  // stream is over in the window, not only its text.)
  await expect(reply.previous).not.toHaveAttribute('aria-disabled', 'true');
  await reply.previous.focus();
  await app.keyboard.press('Enter');
  await expect(reply.indicator('2 / 3')).toBeVisible();
  await expect(reply.previous).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(reply.indicator('1 / 3')).toBeVisible();
  await expect(reply.previous).toBeFocused();
  await expect(reply.previous).toHaveAttribute('aria-disabled', 'true');
  await expect(replyBody(lastReply)).toHaveText(firstText);
  await expect(lastReply).toContainText('Stopped');

  // The next message goes from the first version: the request holds that reply and no other.
  const before = chatRequests(harness).at(-1)?.id ?? 0;
  await sendMessage(app, 'And then?');
  const followUp = await waitForChatRequest(harness, before);
  const sent = requestMessages(followUp);
  expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  // The page shows the reply without the trailing space a Stop can leave; the request sends it as stored.
  expect(sent[1]?.content.trimEnd()).toBe(firstText);
  expect(sent[2]?.content).toBe('And then?');
  const followUpReply = replies.last();
  // While it streams, the versions above it cannot be switched.
  const firstReply = versions(replies.first());
  await expect(firstReply.next).toHaveAttribute('aria-disabled', 'true');
  await waitForCompleteReply(followUpReply);
  await expect(firstReply.next).toHaveAttribute('aria-disabled', 'false');
  await expect(composer).toBeEditable();

  // After a reload the versions are still there, and the branch shown is the one chosen.
  await harness.services.history.flush();
  await app.reload();
  await ui(app)
    .sidebar.getByRole('button', { name: /last active/ })
    .first()
    .click();
  const reloaded = versions(ui(app).replies.first());
  await expect(reloaded.indicator('1 / 3')).toBeVisible();
  await expect(ui(app).userMessages.last()).toContainText('And then?');
  await reloaded.next.click();
  await expect(reloaded.indicator('2 / 3')).toBeVisible();
  // The branch of the second version ends at its own reply: the follow-up belongs to the first.
  await expect(ui(app).replies).toHaveCount(1);
  await expect(ui(app).userMessages).toHaveCount(1);
  expect((await harness.services.history.allMessages(onlyConversation(harness).id)).length).toBe(2);
});

test('edit and resend keeps the earlier message and its reply; search opens a hidden version', async ({
  app,
  harness,
}) => {
  const { lastReply, userMessages, replies } = ui(app);
  await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(app, 'How do I bake sourdough bread?');
  await waitForCompleteReply(lastReply);
  const firstReplyText = await textOf(replyBody(lastReply));

  await userMessages.first().getByRole('button', { name: 'Edit' }).click();
  const editor = app.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('How do I brew coffee?');
  await app.getByRole('button', { name: 'Save and resend' }).click();
  const question = versions(userMessages.first());
  await expect(userMessages.first()).toContainText('How do I brew coffee?');
  await expect(question.indicator('2 / 2')).toBeVisible();
  await waitForCompleteReply(lastReply);
  const secondReplyText = await textOf(replyBody(lastReply));
  expect(secondReplyText).not.toBe(firstReplyText);

  await question.previous.click();
  await expect(question.indicator('1 / 2')).toBeVisible();
  await expect(userMessages.first()).toContainText('How do I bake sourdough bread?');
  await expect(replyBody(lastReply)).toHaveText(firstReplyText);
  await expect(question.previous).toBeFocused();
  await expect(replies).toHaveCount(1);

  // Show the edited version again; search then finds the word only the hidden version holds.
  await question.next.click();
  await expect(userMessages.first()).toContainText('How do I brew coffee?');
  await harness.services.history.whenSearchReady();
  await app.getByRole('searchbox', { name: 'Search conversations' }).fill('sourdough');
  const hit = app.getByRole('list', { name: 'Search results' }).getByRole('button').first();
  await expect(hit).toContainText('sourdough');
  await hit.click();
  await expect(userMessages.first()).toContainText('How do I bake sourdough bread?');
  await expect(question.indicator('1 / 2')).toBeVisible();
  await expect(replyBody(lastReply)).toHaveText(firstReplyText);
});
