import type { Page } from '@playwright/test';
import type { RecordedRequest } from '../emulator/server';
import { expect, test } from './fixtures';
import { chatRequests, emulatorOf, sendMessage, ui, waitForChatRequest } from './helpers/ui';

/**
 * Issue 15's request controls, end to end through the real services and the emulator: each control
 * changes exactly its own field of the request OpenRouter receives and nothing else, and with nothing
 * chosen none of these fields is sent at all.
 */

/** The request fields the controls own; every other field must stay as it was. */
const CONTROL_FIELDS = ['reasoning', 'provider', 'models', 'session_id', 'tools', 'plugins'] as const;

const MODEL = 'anthropic/claude-sonnet-4';
const MODEL_NAME = 'Anthropic: Claude Sonnet 4';

function bodyOf(request: RecordedRequest): Record<string, unknown> {
  expect(typeof request.body).toBe('object');
  return request.body as Record<string, unknown>;
}

/** The control fields a request carries, by name. */
function controlFields(request: RecordedRequest): Record<string, unknown> {
  const body = bodyOf(request);
  return Object.fromEntries(CONTROL_FIELDS.filter((f) => f in body).map((f) => [f, body[f]]));
}

/** Every field but the control fields and the messages (which grow turn by turn). */
function otherFields(request: RecordedRequest): Record<string, unknown> {
  const { messages: _messages, ...rest } = bodyOf(request);
  return Object.fromEntries(
    Object.entries(rest).filter(([k]) => !(CONTROL_FIELDS as readonly string[]).includes(k)),
  );
}

function lastId(harness: Parameters<typeof chatRequests>[0]): number {
  return chatRequests(harness).at(-1)?.id ?? 0;
}

/** Sends a message and returns the chat request the emulator received for it. */
async function sendAndCapture(
  app: Page,
  harness: Parameters<typeof chatRequests>[0],
  text: string,
): Promise<RecordedRequest> {
  const after = lastId(harness);
  await sendMessage(app, text);
  const request = await waitForChatRequest(harness, after);
  await expect(ui(app).send).toBeVisible({ timeout: 20_000 });
  return request;
}

test.describe('request controls', () => {
  test.beforeEach(async ({ app, harness }) => {
    await harness.services.settings.update({ defaultModel: MODEL });
    await app.reload();
    await expect(ui(app).modelButton).toHaveAccessibleDescription(MODEL_NAME);
  });

  test('with nothing chosen, no control field is sent', async ({ app, harness }) => {
    const request = await sendAndCapture(app, harness, 'Plain question');
    expect(controlFields(request)).toEqual({});
    expect(bodyOf(request).model).toBe(MODEL);
  });

  test('"Reasoning" sends reasoning.effort, and only that', async ({ app, harness }) => {
    const baseline = await sendAndCapture(app, harness, 'First, with the default');
    await app.getByRole('combobox', { name: 'Reasoning' }).selectOption({ label: 'High' });
    const request = await sendAndCapture(app, harness, 'Now think hard');
    expect(controlFields(request)).toEqual({ reasoning: { effort: 'high' } });
    expect(otherFields(request)).toEqual(otherFields(baseline));
  });

  test('"Web search" adds the web-search tool to the next message only', async ({ app, harness }) => {
    const baseline = await sendAndCapture(app, harness, 'First, no search');
    const toggle = app.getByRole('button', { name: 'Web search' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(app.getByText(/per search/)).toBeVisible();
    const searched = await sendAndCapture(app, harness, 'Search for this');
    expect(controlFields(searched)).toEqual({
      tools: [{ type: 'openrouter:web_search', parameters: { max_results: 5 } }],
    });
    expect(otherFields(searched)).toEqual(otherFields(baseline));
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const after = await sendAndCapture(app, harness, 'And no search again');
    expect(controlFields(after)).toEqual({});
  });

  test('Settings → Providers: refusing data-collecting providers sends provider.data_collection only', async ({
    app,
    harness,
  }) => {
    const baseline = await sendAndCapture(app, harness, 'Before');
    await ui(app).settingsButton.click();
    const providers = ui(app).settings.getByRole('region', { name: 'Providers' });
    await providers
      .getByRole('checkbox', { name: 'Refuse providers that collect or train on your data' })
      // Not check(): the box shows the saved value, which arrives once main has stored it.
      .click();
    await expect
      .poll(async () => (await harness.services.settings.get()).providerDefaults)
      .toEqual({
        dataCollection: 'deny',
      });
    await app.keyboard.press('Escape');
    const request = await sendAndCapture(app, harness, 'After');
    expect(controlFields(request)).toEqual({ provider: { data_collection: 'deny' } });
    expect(otherFields(request)).toEqual(otherFields(baseline));
  });

  test('"Keep each conversation on one provider" sends the session id only', async ({ app, harness }) => {
    const baseline = await sendAndCapture(app, harness, 'Before');
    await ui(app).settingsButton.click();
    await ui(app).settings.getByRole('checkbox', { name: 'Keep each conversation on one provider' }).click();
    await expect.poll(async () => (await harness.services.settings.get()).stickyProvider).toBe(true);
    await app.keyboard.press('Escape');
    const request = await sendAndCapture(app, harness, 'After');
    const fields = controlFields(request);
    expect(Object.keys(fields)).toEqual(['session_id']);
    expect(typeof fields.session_id).toBe('string');
    expect(otherFields(request)).toEqual(otherFields(baseline));
  });

  test('"Fallback models" sends models in order, primary first, and only that', async ({ app, harness }) => {
    const baseline = await sendAndCapture(app, harness, 'Before');
    await app.getByRole('button', { name: 'Conversation options' }).click();
    const dialog = app.getByRole('dialog', { name: 'Conversation options' });
    await dialog.getByRole('button', { name: 'Add a fallback model' }).click();
    await ui(app).search.fill('gpt-4o-mini');
    await expect(ui(app).picker.getByRole('option').first()).toContainText('GPT-4o-mini');
    await ui(app).search.press('Enter');
    await expect(ui(app).picker).toBeHidden();
    await expect(dialog.getByRole('list', { name: 'Fallback models' })).toContainText('GPT-4o-mini');
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const request = await sendAndCapture(app, harness, 'After');
    expect(controlFields(request)).toEqual({ models: [MODEL, 'openai/gpt-4o-mini'] });
    expect(otherFields(request)).toEqual(otherFields(baseline));
  });

  test('a preset is sent as the model, with no control field', async ({ app, harness }) => {
    await ui(app).modelButton.click();
    // The emulator serves the preset "daily-driver" with the model it names.
    await ui(app).picker.getByRole('textbox', { name: 'Use a preset' }).fill('daily-driver');
    await ui(app).picker.getByRole('button', { name: 'Use preset' }).click();
    await expect(ui(app).picker).toBeHidden();
    const request = await sendAndCapture(app, harness, 'Through the preset');
    expect(bodyOf(request).model).toBe('@preset/daily-driver');
    expect(controlFields(request)).toEqual({});
    await expect(ui(app).lastReply).not.toHaveAttribute('aria-busy', 'true');
  });

  test('a token budget sends reasoning.max_tokens alone, and Off sends enabled: false', async ({
    app,
    harness,
  }) => {
    const reasoning = app.getByRole('combobox', { name: 'Reasoning' });
    await reasoning.selectOption({ label: 'Token budget' });
    const budget = app.getByRole('spinbutton', { name: 'Reasoning token budget' });
    await budget.fill('2000');
    const budgeted = await sendAndCapture(app, harness, 'With a budget');
    expect(controlFields(budgeted)).toEqual({ reasoning: { max_tokens: 2000 } });
    await reasoning.selectOption({ label: 'Off' });
    const off = await sendAndCapture(app, harness, 'Without thinking');
    expect(controlFields(off)).toEqual({ reasoning: { enabled: false } });
  });

  test("a conversation's own providers and web search for every message change only their fields", async ({
    app,
    harness,
  }) => {
    const baseline = await sendAndCapture(app, harness, 'Before');
    await app.getByRole('button', { name: 'Conversation options' }).click();
    const dialog = app.getByRole('dialog', { name: 'Conversation options' });
    await dialog.getByRole('checkbox', { name: 'Only zero data retention (ZDR) endpoints' }).click();
    await expect(
      dialog.getByRole('checkbox', { name: 'Only zero data retention (ZDR) endpoints' }),
    ).toBeChecked();
    await app.keyboard.press('Escape');
    const zdr = await sendAndCapture(app, harness, 'Only ZDR');
    expect(controlFields(zdr)).toEqual({ provider: { zdr: true } });
    expect(otherFields(zdr)).toEqual(otherFields(baseline));
    // Settings' default stays untouched by the conversation's override.
    expect((await harness.services.settings.get()).providerDefaults).toBeNull();

    await app.getByRole('button', { name: 'Conversation options' }).click();
    await dialog.getByRole('checkbox', { name: 'Only zero data retention (ZDR) endpoints' }).click();
    const always = dialog.getByRole('checkbox', {
      name: 'Search the web for every message in this conversation',
    });
    await always.click();
    await expect(always).toBeChecked();
    await app.keyboard.press('Escape');
    await expect(app.getByRole('button', { name: 'Web search' })).toHaveAttribute('aria-pressed', 'true');
    const tool = [{ type: 'openrouter:web_search', parameters: { max_results: 5 } }];
    expect(controlFields(await sendAndCapture(app, harness, 'One'))).toEqual({ tools: tool });
    expect(controlFields(await sendAndCapture(app, harness, 'Two'))).toEqual({ tools: tool });
  });

  test("the account's privacy settings excluding the model are said before sending", async ({
    app,
    harness,
  }) => {
    const warning = app.getByText(/privacy or provider settings exclude/);
    await expect(app.getByRole('button', { name: 'Web search' })).toBeVisible();
    await expect(warning).toBeHidden();
    // The emulated account excludes this free model (its only host keeps prompts).
    await harness.services.settings.update({ defaultModel: 'deepseek/deepseek-chat-v3.1:free' });
    await app.reload();
    await expect(warning).toBeVisible();
    await expect(app.getByRole('link', { name: "OpenRouter's privacy settings" })).toBeVisible();
    expect(emulatorOf(harness).requests.some((r) => r.path === '/api/v1/models/user')).toBe(true);
  });
});
