import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chatRequests, pickModel, saveScreen, sendMessage, ui, waitForCompleteReply } from './helpers/ui';

/**
 * Issue 16 end to end, through the real services (ledger, limits, estimates) and the emulator: the
 * Spending view's totals are the sum of the `usage.cost` the emulator returned, the chart renders and
 * passes axe in both themes, and a daily limit below the next message's estimate stops the send in
 * main with the composer saying so and nothing sent upstream.
 */

const MODEL = 'anthropic/claude-sonnet-4';
const MODEL_NAME = 'Anthropic: Claude Sonnet 4';
const SCREENSHOT = 'docs/screenshots/spending.png';

/** `$0.0013545` → 0.0013545; the reply footer shows every digit of `usage.cost` as OpenRouter sent it. */
function dollars(text: string | null): number {
  const match = /\$(\d+(?:\.\d+)?)/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no dollar amount in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

async function replyCosts(app: Page): Promise<number[]> {
  return (await ui(app).replies.locator('.message-cost').allTextContents()).map(dollars);
}

/** A term's value in a <dl>: the <dd> right after the <dt> with that text. */
function fact(container: Locator, term: string): Locator {
  return container.locator(`dt:text-is("${term}") + dd`);
}

async function expectNoSeriousViolations(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect.soft(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}

async function openSpending(app: Page): Promise<Locator> {
  await app.getByRole('textbox', { name: 'Message' }).focus();
  await app.keyboard.press('Control+Shift+S');
  const dialog = app.getByRole('dialog', { name: 'Spending' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Totals' })).toBeVisible();
  return dialog;
}

test.describe('spending', () => {
  test.beforeEach(async ({ app, harness }) => {
    await harness.services.settings.update({ defaultModel: MODEL });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(MODEL_NAME);
  });

  test("the Spending view's totals are the sum of the emulator's usage.cost, and the chart renders and passes axe", async ({
    app,
    harness,
  }) => {
    await sendMessage(app, 'What does a ledger record?');
    await waitForCompleteReply(ui(app).lastReply);
    await sendMessage(app, 'And why append-only?');
    await waitForCompleteReply(ui(app).lastReply);
    await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
    await sendMessage(app, 'Say it shorter.');
    await waitForCompleteReply(ui(app).lastReply);

    const costs = await replyCosts(app);
    expect(costs).toHaveLength(3);
    for (const cost of costs) expect(cost).toBeGreaterThan(0);
    const sum = costs.reduce((a, b) => a + b, 0);

    await ui(app).composer.fill('One more, about costs?');
    await expect(app.getByText(/^Estimate: \$/)).toBeVisible();
    await saveScreen(app, 'spending-chat');
    const dialog = await openSpending(app);
    const totals = dialog.getByRole('region', { name: 'Totals' });
    expect(dollars(await fact(totals, 'Today').textContent())).toBeCloseTo(sum, 9);
    expect(dollars(await fact(totals, 'This month').textContent())).toBeCloseTo(sum, 9);
    expect(dollars(await fact(totals, 'Last 30 days').textContent())).toBeCloseTo(sum, 9);
    const perModel = totals.getByRole('listitem');
    await expect(perModel).toHaveCount(2);
    const [first, second] = [
      dollars(await perModel.nth(0).textContent()),
      dollars(await perModel.nth(1).textContent()),
    ];
    expect(first + second).toBeCloseTo(sum, 9);
    await expect(perModel.filter({ hasText: MODEL })).toContainText('2 replies');
    await expect(perModel.filter({ hasText: 'openai/gpt-4o-mini' })).toContainText('1 reply');

    // The chart: an SVG with today's bar stacked from both models, and a legend naming them.
    const chart = dialog.locator('.spending-chart');
    const surface = chart.getByRole('application', { name: 'Cost per day by model' });
    await expect(surface).toBeVisible();
    await expect(chart.locator('.recharts-bar-rectangle path')).toHaveCount(2);
    await expect(chart.locator('.recharts-legend-wrapper')).toContainText(MODEL);
    await expect(chart.locator('.recharts-legend-wrapper')).toContainText('openai/gpt-4o-mini');
    // The README's picture, before the keyboard check brings up the tooltip.
    await dialog.screenshot({ path: SCREENSHOT });
    // Keyboard: the chart is one tab stop; an arrow key shows a day's figures in the tooltip.
    await surface.focus();
    await app.keyboard.press('ArrowLeft');
    await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText('$');
    await expectNoSeriousViolations(app, 'Spending view, chart (light)');

    // The same figures as a table.
    await dialog.getByRole('button', { name: 'Show as table' }).click();
    const table = dialog.getByRole('table', { name: 'Cost per day by model' });
    await expect(table).toBeVisible();
    expect(dollars(await table.getByRole('row').last().getByRole('cell').last().textContent())).toBeCloseTo(
      sum,
      9,
    );
    await expectNoSeriousViolations(app, 'Spending view, table (light)');

    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await harness.services.settings.update({ theme: 'dark' });
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = await openSpending(app);
    await expect(dark.getByRole('application', { name: 'Cost per day by model' })).toBeVisible();
    await expect(dark.getByRole('region', { name: 'Your key on OpenRouter' }).locator('dl')).toBeVisible();
    await expectNoSeriousViolations(app, 'Spending view, chart (dark)');
  });

  // The window asks for the total as soon as the reply's `done` arrives, while main may still be
  // writing that reply's ledger entry: main answers after the entries in progress are written.
  test("the conversation's total in its header includes the reply that just finished", async ({ app }) => {
    await sendMessage(app, 'What does a ledger record?');
    await waitForCompleteReply(ui(app).lastReply);
    await sendMessage(app, 'And why append-only?');
    await waitForCompleteReply(ui(app).lastReply);
    const sum = (await replyCosts(app)).reduce((a, b) => a + b, 0);
    // Asked once when the reply ends: main must answer with that reply already in the ledger.
    await expect
      .poll(async () => dollars(await app.locator('.chat-header .conversation-cost').textContent()))
      .toBeCloseTo(sum, 9);
    await expect(app.locator('.chat-header .conversation-cost')).toContainText('over 2 replies');
  });

  test('a daily limit below the next estimate stops the send in main: the composer says so and nothing goes upstream', async ({
    app,
    harness,
  }) => {
    await harness.services.settings.update({
      spending: { dailyUsd: 0.05, monthlyUsd: null, askAboveUsd: null },
    });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(MODEL_NAME);
    const before = chatRequests(harness).length;

    await ui(app).composer.fill('Write me a long essay about ledgers.');
    const estimate = app.getByText(/^Estimate: \$/);
    await expect(estimate).toBeVisible();
    const high = dollars(((await estimate.textContent()) ?? '').split('–').at(-1) ?? null);
    expect(high).toBeGreaterThan(0.05);

    await ui(app).composer.press('Enter');
    const alert = app.locator('.composer-limit [role="alert"]');
    await expect(alert).toContainText('daily spending limit of $0.05');
    await expect(alert).toContainText('spent today');
    await expect(alert).toContainText('It resets on');
    await expect(ui(app).composer).toHaveValue('Write me a long essay about ledgers.');
    expect(chatRequests(harness)).toHaveLength(before);

    await app.getByRole('button', { name: 'Change limit' }).click();
    await expect(ui(app).settings).toBeVisible();
    await expect(ui(app).settings.getByRole('textbox', { name: 'Daily spending limit (USD)' })).toBeFocused();
  });

  test('"Ask before a message that could cost more than $X" asks from the keyboard: Cancel sends nothing, Send anyway sends', async ({
    app,
    harness,
  }) => {
    await harness.services.settings.update({
      spending: { dailyUsd: null, monthlyUsd: null, askAboveUsd: 0.01 },
    });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(MODEL_NAME);
    const before = chatRequests(harness).length;

    await ui(app).composer.fill('Is this worth asking about?');
    await ui(app).composer.press('Enter');
    const ask = app.getByRole('dialog', { name: 'Send this message?' });
    await expect(ask).toContainText('more than the $0.01');
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(ask).toBeHidden();
    await expect(ui(app).composer).toHaveValue('Is this worth asking about?');
    expect(chatRequests(harness)).toHaveLength(before);

    await ui(app).composer.press('Enter');
    await expect(ask).toBeVisible();
    await app.keyboard.press('Shift+Tab');
    await expect(ask.getByRole('button', { name: 'Send anyway' })).toBeFocused();
    await app.keyboard.press('Enter');
    await waitForCompleteReply(ui(app).lastReply);
    expect(chatRequests(harness)).toHaveLength(before + 1);
    await expect(ui(app).composer).toHaveValue('');
  });

  test('a limit set in Settings stops Regenerate too: a toast says why, with "Change limit", and nothing goes upstream', async ({
    app,
    harness,
  }) => {
    await sendMessage(app, 'A first question.');
    await waitForCompleteReply(ui(app).lastReply);
    const before = chatRequests(harness).length;

    await ui(app).settingsButton.click();
    const daily = ui(app).settings.getByRole('textbox', { name: 'Daily spending limit (USD)' });
    await daily.fill('-1');
    await expect(ui(app).settings.getByRole('alert')).toContainText('greater than 0');
    await daily.fill('0.01');
    await daily.press('Tab');
    await expect.poll(() => harness.services.settings.get().spending.dailyUsd).toBe(0.01);
    await app.keyboard.press('Escape');
    await expect(ui(app).settings).toBeHidden();

    await ui(app).lastReply.getByRole('button', { name: 'Regenerate' }).click();
    const toast = ui(app).notifications.getByText(/^Not sent\. .*daily spending limit of \$0\.01/);
    await expect(toast).toBeVisible();
    expect(chatRequests(harness)).toHaveLength(before);
    await ui(app).notifications.getByRole('button', { name: 'Change limit' }).click();
    await expect(ui(app).settings.getByRole('textbox', { name: 'Daily spending limit (USD)' })).toBeFocused();
  });
});
