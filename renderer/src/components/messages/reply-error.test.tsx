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
});
