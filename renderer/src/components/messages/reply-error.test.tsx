import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../common/errors';
import { openConversationWith, QUESTION } from '../../testing/conversation-scenario';
import { makeMessage } from '../../testing/fixtures';

/** Ends the last (streaming) reply with `error` and returns the reply's article. */
async function endWithError(error: AppError) {
  const view = await openConversationWith([
    QUESTION,
    makeMessage({ id: 'a1', role: 'assistant', status: 'streaming', content: '' }),
  ]);
  act(() =>
    view.fake.emitChatEvents({
      streamId: crypto.randomUUID(),
      conversationId: 'c1',
      messageId: 'a1',
      events: [{ type: 'error', error, partialContent: '', partialReasoning: '' }],
    }),
  );
  const articles = await screen.findAllByRole('article', { name: 'assistant message' });
  const reply = articles[articles.length - 1];
  if (!reply) throw new Error('no assistant message');
  await within(reply).findByRole('alert');
  return { view, reply };
}

describe('reply error actions for the account-specific errors', () => {
  it('max_tokens_unaffordable: "Lower Max tokens" opens Settings, where Max tokens is', async () => {
    const { view, reply } = await endWithError({
      code: 'max_tokens_unaffordable',
      status: 402,
      affordableTokens: 10114,
      message: 'Set Max tokens to 10114 or less in Settings (or add credits), then retry.',
    });
    expect(within(reply).getByRole('alert').textContent).toContain('10114');
    await view.user.click(within(reply).getByRole('button', { name: 'Lower Max tokens' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(within(dialog).getByLabelText('Max tokens')).toBeTruthy();
  });

  it('key_limit_reached: "Raise key limit" opens the keys page through main', async () => {
    const { view, reply } = await endWithError({ code: 'key_limit_reached', message: 'Key limit.' });
    await view.user.click(within(reply).getByRole('button', { name: 'Raise key limit' }));
    expect(view.fake.callsTo('openExternal')).toEqual([{ url: 'https://openrouter.ai/settings/keys' }]);
  });

  it('privacy_blocked: "Open privacy settings" opens the privacy page through main; another model is offered', async () => {
    const { view, reply } = await endWithError({ code: 'privacy_blocked', message: 'Data policy.' });
    expect(within(reply).getByRole('button', { name: 'Pick another model' })).toBeTruthy();
    await view.user.click(within(reply).getByRole('button', { name: 'Open privacy settings' }));
    expect(view.fake.callsTo('openExternal')).toEqual([{ url: 'https://openrouter.ai/settings/privacy' }]);
  });

  it('a provider error shows the provider’s reason and offers another model', async () => {
    const { reply } = await endWithError({
      code: 'bad_request',
      status: 400,
      provider: 'Crucible',
      message: "Crucible (the model's provider) rejected the request: at most 1 image per prompt.",
    });
    expect(within(reply).getByRole('alert').textContent).toContain('at most 1 image per prompt');
    expect(within(reply).getByRole('button', { name: 'Pick another model' })).toBeTruthy();
  });

  it('max_tokens_unaffordable: "Retry with N max tokens" regenerates once with that Max tokens', async () => {
    const { view, reply } = await endWithError({
      code: 'max_tokens_unaffordable',
      status: 402,
      affordableTokens: 10114,
      message: 'Your OpenRouter credits cover about 10114 tokens.',
    });
    expect(within(reply).getByRole('button', { name: 'Lower Max tokens' })).toBeTruthy();
    await view.user.click(within(reply).getByRole('button', { name: 'Retry with 10114 max tokens' }));
    expect(view.fake.callsTo('regenerate')).toEqual([
      expect.objectContaining({ conversationId: 'c1', fromMessageId: 'a1', maxTokens: 10114 }),
    ]);
  });

  it('max_tokens_unaffordable with nothing affordable: no retry, credits and the key limit instead', async () => {
    const { view, reply } = await endWithError({
      code: 'max_tokens_unaffordable',
      affordableTokens: 0,
      message: 'Nothing affordable.',
    });
    expect(within(reply).queryByRole('button', { name: /^Retry with/ })).toBeNull();
    await view.user.click(within(reply).getByRole('button', { name: 'Add credits' }));
    await view.user.click(within(reply).getByRole('button', { name: 'Raise key limit' }));
    expect(view.fake.callsTo('openExternal')).toEqual([
      { url: 'https://openrouter.ai/settings/credits' },
      { url: 'https://openrouter.ai/settings/keys' },
    ]);
  });
});

describe('reply error actions for availability and moderation', () => {
  it('"Try <model>" per suggested model regenerates with that model (its name when listed)', async () => {
    const { view, reply } = await endWithError({
      code: 'model_retired',
      status: 410,
      availability: 'free_variant_ended',
      retryable: false,
      fallbackModels: ['openai/gpt-4o', 'mistralai/unlisted-model'],
      message: 'The free variant of this model has ended.',
    });
    expect(within(reply).getByRole('button', { name: 'Try mistralai/unlisted-model' })).toBeTruthy();
    expect(within(reply).getByRole('button', { name: 'Pick another model' })).toBeTruthy();
    // OpenRouter said the same request won't pass: no Retry.
    expect(within(reply).queryByRole('button', { name: /^Retry/ })).toBeNull();
    await view.user.click(within(reply).getByRole('button', { name: 'Try GPT-4o' }));
    expect(view.fake.callsTo('regenerate')).toEqual([
      expect.objectContaining({ conversationId: 'c1', fromMessageId: 'a1', model: 'openai/gpt-4o' }),
    ]);
    expect(view.fake.callsTo('regenerate')[0]).not.toHaveProperty('maxTokens');
  });

  it('a retryable availability error counts down retry_after before Retry is enabled', async () => {
    const { reply } = await endWithError({
      code: 'provider_unavailable',
      status: 503,
      availability: 'capacity_exhausted',
      retryable: true,
      retryAfterSeconds: 30,
      message: 'Every provider of this model is at capacity right now.',
    });
    const retry = within(reply).getByRole('button', { name: /^Retry in \d+ s$/ });
    expect((retry as HTMLButtonElement).disabled).toBe(true);
    expect(within(reply).getByRole('button', { name: 'Pick another model' })).toBeTruthy();
  });

  it.each([
    ['model_unavailable', 'model_not_found'],
    ['model_retired', 'model_deprecated'],
    ['region_restricted', 'region_restricted'],
  ] as const)('%s (%s) offers "Pick another model", which opens the picker', async (code, availability) => {
    const { view, reply } = await endWithError({ code, availability, message: 'Gone.' });
    await view.user.click(within(reply).getByRole('button', { name: 'Pick another model' }));
    expect(await screen.findByRole('dialog', { name: /model/i })).toBeTruthy();
  });

  it('privacy_restricted: "Open privacy settings" and the suggested models', async () => {
    const { view, reply } = await endWithError({
      code: 'privacy_blocked',
      availability: 'privacy_restricted',
      fallbackModels: ['anthropic/claude-sonnet-4'],
      message: 'No provider meets your privacy settings.',
    });
    expect(within(reply).getByRole('button', { name: 'Try Claude Sonnet 4' })).toBeTruthy();
    await view.user.click(within(reply).getByRole('button', { name: 'Open privacy settings' }));
    expect(view.fake.callsTo('openExternal')).toEqual([{ url: 'https://openrouter.ai/settings/privacy' }]);
  });

  it('moderation shows the reasons and the flagged excerpt', async () => {
    const { reply } = await endWithError({
      code: 'moderation',
      status: 403,
      reasons: ['harassment', 'violence'],
      flaggedInput: 'how the knight attacks the…',
      provider: 'OpenAI',
      model: 'openai/gpt-4o',
      message:
        "Your message was blocked by OpenAI's moderation (required for openai/gpt-4o) for harassment, violence.",
    });
    const alert = within(reply).getByRole('alert');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['harassment', 'violence']);
    expect(within(alert).getByRole('figure', { name: 'Flagged text' }).textContent).toContain(
      'how the knight attacks the…',
    );
    expect(alert.textContent).toContain('OpenAI');
  });
});
