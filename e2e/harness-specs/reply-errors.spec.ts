import { expect, type Locator, type Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
import { test } from './fixtures';
import {
  chatRequests,
  conversationButton,
  emulatorOf,
  escapeRegExp,
  saveScreen,
  sendMessage,
  ui,
  waitForChatRequest,
  waitForReplyEnd,
} from './helpers/ui';

/**
 * What a person sees when OpenRouter refuses a request, and that each action offered beside the error
 * does what its name says: through the window only, against the emulator's availability, moderation
 * and real 402 bodies (e2e/emulator/README.md, "Faults"). Actions and names: reply-error.tsx.
 */

const FAULT_PREFIX = 'emulator/';

/**
 * Starts the window on an emulator fault model. Local rather than helpers/ui.ts `startWithModel`:
 * the emulator lists some fault models by name ("Emulator: status-403"), so the Model button shows
 * either that name or the bare id; both contain the mode.
 */
async function startOnFaultModel(harness: Harness, app: Page, modelId: string): Promise<void> {
  await harness.services.settings.update({ defaultModel: modelId });
  await app.reload();
  const mode = modelId.slice(FAULT_PREFIX.length);
  await expect(ui(app).modelButton).toHaveAccessibleDescription(new RegExp(escapeRegExp(mode)));
}

/**
 * A reply that finished normally: its usage line counts tokens. Local because helpers/ui.ts
 * `waitForCompleteReply` misses counts with a thousands separator ("1,330").
 */
async function waitForFinishedReply(reply: Locator): Promise<void> {
  await waitForReplyEnd(reply);
  await expect(reply.locator('.message-meta')).toContainText(/[\d,]+ prompt \/ [\d,]+ completion tokens/);
}

/** The buttons beside a reply's error (not the reply's own Copy / Regenerate). */
function errorActions(reply: Locator): Locator {
  return reply.locator('.reply-error .button-row');
}

function requestBody(harness: Harness, index: number): Record<string, unknown> {
  const request = chatRequests(harness)[index];
  if (!request) throw new Error(`no chat request #${index}`);
  return request.body as Record<string, unknown>;
}

test.describe('availability errors', () => {
  test('capacity exhausted: the message, a Retry countdown, and "Try <fallback>" answers with that model', async ({
    app,
    harness,
  }) => {
    const model = 'emulator/availability-capacity_exhausted+retry-after-2';
    const { lastReply, replies, modelButton } = ui(app);
    await startOnFaultModel(harness, app, model);
    await sendMessage(app, 'Hello there');
    // 503 with retryable: true: main retries on its own first (waiting retry_after each time).
    await expect(lastReply.getByRole('alert')).toHaveText(
      'Every provider of this model is at capacity right now. Wait 2 seconds and retry, or try a suggested model.',
      { timeout: 20_000 },
    );
    const actions = errorActions(lastReply);
    const waiting = actions.getByRole('button', { name: /^Retry in [12] s$/ });
    await expect(waiting).toBeDisabled();
    await expect(actions.getByRole('button', { name: 'Retry', exact: true })).toBeEnabled();
    await expect(waiting).toHaveCount(0);
    // OpenRouter's fallback_models, by their names in the model list.
    await expect(actions.getByRole('button', { name: 'Try Google: Gemini 2.5 Flash' })).toBeVisible();
    await expect(actions.getByRole('button', { name: 'Try OpenAI: GPT-4o-mini' })).toBeVisible();
    await saveScreen(app, 'error-capacity-exhausted');

    // Kept with the reply in history: after a reload the message and the suggestions are still there,
    // and the suggestion is taken from the reloaded conversation.
    await app.reload();
    await conversationButton(app, 'Hello there').click();
    await expect(lastReply.getByRole('alert')).toContainText('Every provider of this model is at capacity');
    const tryMini = errorActions(lastReply).getByRole('button', { name: 'Try OpenAI: GPT-4o-mini' });
    await expect(tryMini).toBeVisible();

    const before = chatRequests(harness).at(-1)?.id ?? 0;
    expect(chatRequests(harness).every((r) => (r.body as { model?: string }).model === model)).toBe(true);
    await tryMini.click();
    const again = await waitForChatRequest(harness, before);
    expect(again.body).toMatchObject({ model: 'openai/gpt-4o-mini' });
    await waitForFinishedReply(lastReply);
    // The failed reply was replaced by one from the suggested model, which is now the chosen model.
    await expect(replies).toHaveCount(1);
    await expect(lastReply.getByRole('alert')).toHaveCount(0);
    await expect(lastReply.locator('.message-meta')).toContainText(/^openai\/gpt-4o-mini via OpenAI/);
    await expect(modelButton).toHaveAccessibleDescription('OpenAI: GPT-4o-mini');
  });

  for (const { code, message, fallbacks } of [
    {
      code: 'model_deprecated',
      message:
        "OpenRouter has retired this model; it no longer answers. Pick another model or try a suggested one — this conversation's history is kept.",
      fallbacks: ['Try Anthropic: Claude Sonnet 4.5', 'Try OpenAI: GPT-5'],
    },
    {
      code: 'free_variant_ended',
      message:
        'The free variant of this model has ended. Pick the paid version (it costs credits) or another free model.',
      fallbacks: [],
    },
  ]) {
    test(`${code}: no Retry; "Pick another model" opens the picker; the error is kept after a reload`, async ({
      app,
      harness,
    }) => {
      const { lastReply, picker } = ui(app);
      await startOnFaultModel(harness, app, `emulator/availability-${code}`);
      await sendMessage(app, 'Hello there');
      await expect(lastReply.getByRole('alert')).toHaveText(message);
      const actions = errorActions(lastReply);
      // OpenRouter said the same request cannot pass: nothing offers to send it again.
      await expect(actions.getByRole('button', { name: /^Retry/ })).toHaveCount(0);
      for (const name of fallbacks) await expect(actions.getByRole('button', { name })).toBeVisible();
      await expect(actions.getByRole('button', { name: /^Try / })).toHaveCount(fallbacks.length);
      expect(chatRequests(harness)).toHaveLength(1);

      await actions.getByRole('button', { name: 'Pick another model' }).click();
      await expect(picker).toBeVisible();
      await app.keyboard.press('Escape');
      await expect(picker).toBeHidden();

      await app.reload();
      await conversationButton(app, 'Hello there').click();
      const reloaded = ui(app).lastReply;
      await expect(reloaded.getByRole('alert')).toHaveText(message);
      await expect(errorActions(reloaded).getByRole('button', { name: /^Try / })).toHaveCount(
        fallbacks.length,
      );
      await errorActions(reloaded).getByRole('button', { name: 'Pick another model' }).click();
      await expect(ui(app).picker).toBeVisible();
    });
  }

  test('privacy restricted: "Open privacy settings" opens OpenRouter\'s privacy page through main', async ({
    app,
    harness,
  }) => {
    const { lastReply } = ui(app);
    await startOnFaultModel(harness, app, 'emulator/availability-privacy_restricted');
    await sendMessage(app, 'Hello there');
    await expect(lastReply.getByRole('alert')).toHaveText(
      // The data-policy wording names the policy, so main keeps it (error-mapping.ts).
      'No provider of this model meets your OpenRouter privacy settings (data policy: Paid model training). Allow more in openrouter.ai/settings/privacy, or try a model OpenRouter suggests.',
    );
    const actions = errorActions(lastReply);
    await expect(actions.getByRole('button', { name: 'Try Anthropic: Claude Sonnet 4.5' })).toBeVisible();
    await expect(actions.getByRole('button', { name: 'Pick another model' })).toBeVisible();
    expect(harness.openedUrls).toEqual([]);
    const windowUrl = app.url();
    await actions.getByRole('button', { name: 'Open privacy settings' }).click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://openrouter.ai/settings/privacy']);
    expect(app.url()).toBe(windowUrl);
  });
});

test.describe('moderation (403)', () => {
  test('shows the reasons and the flagged excerpt, never the key, also after a reload', async ({
    app,
    harness,
    consoleLines,
  }) => {
    const key = emulatorOf(harness).defaultKey;
    const { lastReply } = ui(app);
    await startOnFaultModel(harness, app, 'emulator/status-403');
    await sendMessage(app, 'Tell me a story about a knight');

    const check = async (reply: Locator) => {
      const alert = reply.getByRole('alert');
      await expect(alert.locator('p').first()).toHaveText(
        "Your message was blocked by OpenAI's moderation (required for openai/gpt-4o) for violence. " +
          'Flagged text: “Describe in detail how the knight attacks the…”. Rephrase it, or pick a model without this moderation.',
      );
      await expect(alert.getByRole('listitem')).toHaveText(['violence']);
      const flagged = alert.getByRole('figure', { name: 'Flagged text' });
      await expect(flagged.locator('blockquote')).toHaveText(
        'Describe in detail how the knight attacks the…',
      );
      // The provider refused this request: another model may take it.
      await expect(errorActions(reply).getByRole('button', { name: 'Pick another model' })).toBeVisible();
    };
    await check(lastReply);
    await saveScreen(app, 'error-moderation');
    expect(await app.content()).not.toContain(key);
    await expect(lastReply).not.toContainText(/sk-or-/);

    await app.reload();
    await conversationButton(app, 'Tell me a story about a knight').click();
    await check(ui(app).lastReply);
    expect(await app.content()).not.toContain(key);
    expect(consoleLines.filter((line) => line.includes(key))).toEqual([]);
  });
});

test.describe('402 with a number of tokens it can afford', () => {
  test('"Retry with N max tokens" asks once with max_tokens N and leaves the Max tokens setting alone', async ({
    app,
    harness,
  }) => {
    // The real body: "You requested up to 65536 tokens, but can only afford 10114."; `once`: only the
    // first request fails, so the retry gets an answer.
    const model = 'emulator/real-credits-402-can-only-afford+once';
    await harness.services.settings.update({ maxTokens: 65536 });
    const { lastReply, replies, settingsButton, settings } = ui(app);
    await startOnFaultModel(harness, app, model);
    await sendMessage(app, 'Hello there');
    await expect(lastReply.getByRole('alert')).toHaveText(
      "Your OpenRouter credits can't cover a reply of up to 65536 tokens; they cover about 10114. Set Max tokens to 10114 or less in Settings (or add credits), then retry.",
    );
    expect(requestBody(harness, 0)).toMatchObject({ model, max_tokens: 65536 });
    const actions = errorActions(lastReply);
    await expect(actions.getByRole('button', { name: 'Lower Max tokens' })).toBeVisible();
    await saveScreen(app, 'error-402-can-only-afford');

    // Kept with the reply in history: the fitting value is still offered after a reload.
    await app.reload();
    await conversationButton(app, 'Hello there').click();
    await expect(lastReply.getByRole('alert')).toContainText('they cover about 10114');
    await errorActions(lastReply).getByRole('button', { name: 'Retry with 10114 max tokens' }).click();
    const retried = await waitForChatRequest(harness, chatRequests(harness)[0]?.id);
    expect(retried.body).toMatchObject({ model, max_tokens: 10114 });
    await waitForFinishedReply(lastReply);
    await expect(replies).toHaveCount(1);
    await expect(lastReply.getByRole('alert')).toHaveCount(0);
    expect(chatRequests(harness)).toHaveLength(2);

    // The setting is as it was, in the window and for the next message.
    await settingsButton.click();
    await expect(settings.getByRole('spinbutton', { name: 'Max tokens' })).toHaveValue('65536');
    await app.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await sendMessage(app, 'And another thing');
    const next = await waitForChatRequest(harness, retried.id);
    expect(next.body).toMatchObject({ model, max_tokens: 65536 });
    await waitForFinishedReply(ui(app).lastReply);
  });

  test('a key limit that affords 0 tokens offers "Raise key limit", not a retry, also after a reload', async ({
    app,
    harness,
  }) => {
    const { lastReply } = ui(app);
    await startOnFaultModel(harness, app, 'emulator/real-credits-402-key-monthly-limit-zero.reconstructed');
    await sendMessage(app, 'Hello there');
    const message =
      "This API key has reached its own spending limit (your account may still have credits). Raise the key's limit at openrouter.ai/settings/keys, then retry.";
    await expect(lastReply.getByRole('alert')).toHaveText(message);
    const actions = errorActions(lastReply);
    await expect(actions.getByRole('button', { name: /^Retry/ })).toHaveCount(0);
    await expect(actions.getByRole('button', { name: 'Lower Max tokens' })).toHaveCount(0);
    await actions.getByRole('button', { name: 'Raise key limit' }).click();
    await expect.poll(() => harness.openedUrls).toEqual(['https://openrouter.ai/settings/keys']);
    expect(chatRequests(harness)).toHaveLength(1);

    await app.reload();
    await conversationButton(app, 'Hello there').click();
    const reloaded = errorActions(ui(app).lastReply);
    await expect(ui(app).lastReply.getByRole('alert')).toHaveText(message);
    await expect(reloaded.getByRole('button', { name: 'Raise key limit' })).toBeVisible();
    await expect(reloaded.getByRole('button', { name: /^Retry/ })).toHaveCount(0);
  });
});
