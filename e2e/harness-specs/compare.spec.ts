import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { RecordedRequest } from '../emulator/server';
import type { Harness } from '../harness/harness';
import { expect, test } from './fixtures';
import {
  CHAT_PATH,
  chatRequests,
  emulatorOf,
  replyBody,
  requestMessages,
  showsAllWordsInOrder,
  startWithModel,
  textOf,
  ui,
} from './helpers/ui';

/**
 * Issue 18's Compare in the window, over the real services and the emulator: one prompt to two models
 * at once (two requests, same messages, different models), both replies shown with their figures,
 * "Continue with this" making the chosen reply the one the next request carries, one column stopped
 * while the other completes, and the view clean under axe.
 */

/** 60 tokens at 20 a second: slow enough to stop part-way. */
const SLOW_MODEL = 'emulator/drip-20+tokens-60';

function compareView(app: Page) {
  const dialog = app.getByRole('dialog', { name: 'Compare' });
  return {
    dialog,
    open: () => app.getByRole('button', { name: 'Compare', exact: true }).click(),
    column: (n: number) => dialog.getByRole('region', { name: new RegExp(`^Column ${n}: `) }),
    send: dialog.getByRole('button', { name: 'Send to all' }),
  };
}

/** Starts the window on a model the picker lists (shown by its name on the Model button). */
async function startWithListedModel(
  harness: Harness,
  app: Page,
  modelId: string,
  name: string,
): Promise<void> {
  await harness.services.settings.update({ defaultModel: modelId });
  await app.reload();
  await expect(ui(app).modelButton).toHaveAccessibleDescription(name);
}

/** Chooses a column's model in the picker, as a person does. */
async function chooseColumnModel(app: Page, column: Locator, query: string, name: string): Promise<void> {
  await column.getByRole('button', { name: /^Change model: / }).click();
  const { picker, search } = ui(app);
  await expect(picker).toBeVisible();
  await search.fill(query);
  await expect(picker.getByRole('option').first()).toContainText(name);
  await search.press('Enter');
  await expect(picker).toBeHidden();
  await expect(column.getByRole('heading')).toHaveText(`Column ${await columnNumber(column)}: ${name}`);
}

async function columnNumber(column: Locator): Promise<string> {
  return (/^Column (\d+)/.exec(await textOf(column.getByRole('heading'))) ?? [])[1] ?? '?';
}

/** The statistic named `term` in a column (its `<dd>`). */
function stat(column: Locator, term: string): Locator {
  return column.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

async function waitForChatRequests(harness: Harness, count: number, after = 0): Promise<RecordedRequest[]> {
  await expect
    .poll(() => chatRequests(harness).filter((r) => r.id > after).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return chatRequests(harness).filter((r) => r.id > after);
}

async function expectNoSeriousViolations(app: Page): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe violations:\n${serious.join('\n')}`).toEqual([]);
}

test('two models answer the same messages side by side, with their figures; axe clean', async ({
  app,
  harness,
}) => {
  await startWithListedModel(harness, app, 'openai/gpt-4o', 'OpenAI: GPT-4o');
  await ui(app).composer.fill('Which is larger, 9.11 or 9.9?');
  const view = compareView(app);
  await view.open();
  await expect(view.dialog).toBeVisible();
  await expect(view.column(1).getByRole('heading')).toHaveText('Column 1: OpenAI: GPT-4o');
  await chooseColumnModel(app, view.column(2), 'claude-sonnet-4', 'Anthropic: Claude Sonnet 4');
  await expectNoSeriousViolations(app);

  await view.send.click();
  const [first, second] = await waitForChatRequests(harness, 2);
  if (!first || !second) throw new Error('expected two chat requests');
  expect(
    new Set([(first.body as { model: string }).model, (second.body as { model: string }).model]),
  ).toEqual(new Set(['openai/gpt-4o', 'anthropic/claude-sonnet-4']));
  expect(requestMessages(first)).toEqual(requestMessages(second));
  expect(requestMessages(first).at(-1)).toEqual({ role: 'user', content: 'Which is larger, 9.11 or 9.9?' });
  expect(chatRequests(harness)).toHaveLength(2);

  for (const n of [1, 2]) {
    const column = view.column(n);
    await expect(column.getByRole('button', { name: 'Continue with this' })).toBeVisible({ timeout: 20_000 });
    expect((await textOf(replyBody(column))).length).toBeGreaterThan(20);
    await expect(stat(column, 'Time to first token')).toHaveText(/^\d+\.\d\d s$/);
    await expect(stat(column, 'Total time')).toHaveText(/^\d+\.\d\d s$/);
    await expect(stat(column, 'Tokens')).toHaveText(/^[\d,]+ prompt \/ [\d,]+ completion tokens$/);
    await expect(stat(column, 'Cost')).toHaveText(/^\$0\.\d+$/);
    await expect(stat(column, 'Provider')).not.toHaveText('—');
  }
  await expectNoSeriousViolations(app);
});

test('"Continue with this" on the second column: the follow-up request carries that reply', async ({
  app,
  harness,
}) => {
  // The emulator answers the same messages with the same text, so the first column asks for a shorter
  // reply: the two replies differ and the follow-up shows which one it carried.
  await startWithModel(harness, app, 'emulator/tokens-8');
  await ui(app).composer.fill('Name a prime number.');
  const view = compareView(app);
  await view.open();
  await chooseColumnModel(app, view.column(2), 'claude-sonnet-4', 'Anthropic: Claude Sonnet 4');
  await view.send.click();
  const secondColumn = view.column(2);
  const continueSecond = secondColumn.getByRole('button', { name: 'Continue with this' });
  await expect(continueSecond).toBeVisible({ timeout: 20_000 });
  await expect(view.column(1).getByRole('button', { name: 'Continue with this' })).toBeVisible();
  const firstText = await textOf(replyBody(view.column(1)));
  const secondText = await textOf(replyBody(secondColumn));
  expect(firstText).not.toEqual(secondText);

  await continueSecond.click();
  await expect(view.dialog.getByRole('alert')).toHaveCount(0);
  await expect(view.dialog).toBeHidden();
  await expect(ui(app).lastReply).toContainText(secondText.slice(0, 40));

  const before = chatRequests(harness).at(-1)?.id ?? 0;
  await ui(app).composer.fill('And another?');
  await ui(app).composer.press('Enter');
  const followUp = await emulatorOf(harness).waitForRequest(
    (r) => r.method === 'POST' && r.path === CHAT_PATH && r.id > before,
    15_000,
  );
  const messages = requestMessages(followUp);
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  const carried = messages[1]?.content ?? '';
  // The stored reply is the Markdown source and the column shows it rendered: compared word by word.
  expect(showsAllWordsInOrder(secondText, carried)).toBe(true);
  expect(showsAllWordsInOrder(firstText, carried)).toBe(false);
});

test('one column stopped mid-stream while the other completes', async ({ app, harness }) => {
  await startWithModel(harness, app, SLOW_MODEL);
  await ui(app).composer.fill('Tell me a long story.');
  const view = compareView(app);
  await view.open();
  await chooseColumnModel(app, view.column(2), 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await view.send.click();

  const slow = view.column(1);
  const fast = view.column(2);
  // Part of the slow reply has arrived: stop that column alone.
  await expect
    .poll(async () => (await textOf(replyBody(slow))).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  await slow.getByRole('button', { name: /^Stop / }).click();
  await expect(slow).toContainText('Stopped');
  await expect(slow.getByRole('button', { name: 'Continue with this' })).toHaveCount(0);
  await expect(fast.getByRole('button', { name: 'Continue with this' })).toBeVisible({ timeout: 20_000 });
  await expect(stat(fast, 'Tokens')).toHaveText(/completion tokens$/);
  // Both requests went out; only the slow one was cut off.
  expect(chatRequests(harness)).toHaveLength(2);
});
