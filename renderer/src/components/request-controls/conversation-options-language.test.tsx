import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorWithText } from '../../../../common/errors';
import type { OptionProblem } from '../../../../common/option-problems';
import { DEFAULT_CONVERSATION_OPTIONS } from '../../../../common/request-options';
import { createFakeBridge, ok } from '../../testing/fake-bridge';
import { makeConversation, makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

/** Issue 20: a conversation's stored-option problems are shown in the window's language. */

const place = 'conversation';
const PROBLEMS: OptionProblem[] = [
  {
    field: 'provider',
    message:
      "Providers: “Anthropic ” is not a provider slug (such as “anthropic”). Fix it in this conversation's options.",
    messageId: 'errors.settings.providers.badSlug',
    values: { slug: 'Anthropic ', place },
  },
  {
    field: 'fallbackModels',
    message: "Fallback models: “gpt 4” is listed twice. Fix it in this conversation's options.",
    messageId: 'errors.settings.fallbacks.twice',
    values: { model: 'gpt 4', place },
  },
  {
    field: 'reasoning',
    message:
      "Reasoning: a token budget must be a whole number from 1 to 1,000,000. Fix it in this conversation's options.",
    messageId: 'errors.settings.reasoning.badBudget',
    values: { scope: 'all', model: '', place },
  },
  {
    field: 'webSearchAlways',
    message:
      "Web search for every message: the saved value is not valid, so it is off. Fix it in this conversation's options.",
    messageId: 'errors.settings.webSearchAlwaysInvalid',
    values: { place },
  },
];

async function openOptions() {
  const fake = createFakeBridge({
    settings: makeSettings({}),
    conversations: [makeConversation({ id: 'c9', title: 'Research' })],
  });
  fake.override('listProviders', async () => ok({ providers: [{ slug: 'anthropic', name: 'Anthropic' }] }));
  fake.override('getConversationOptions', async () =>
    ok({ ...DEFAULT_CONVERSATION_OPTIONS, problems: PROBLEMS }),
  );
  const view = renderApp(fake);
  const nav = await screen.findByRole('navigation', { name: 'Conversations' });
  await view.user.click(await within(nav).findByRole('button', { name: /^Research/ }));
  await waitFor(() =>
    expect(fake.callsTo('getConversationOptions')).toContainEqual({ conversationId: 'c9' }),
  );
  await view.user.click(screen.getByRole('button', { name: 'Conversation options' }));
  const dialog = await screen.findByRole('dialog', { name: 'Conversation options' });
  return { ...view, dialog, fake };
}

describe('Conversation options: stored problems in the interface language', () => {
  it('English unchanged; German after a switch, in every place the dialog shows them', async () => {
    const { dialog, fake } = await openOptions();
    await waitFor(() => expect(dialog.textContent).toContain(PROBLEMS[0]?.message));
    for (const problem of PROBLEMS) expect(dialog.textContent).toContain(problem.message);
    fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false });
    await screen.findByRole('dialog', { name: 'Unterhaltungsoptionen' });
    const shown = dialog.textContent ?? '';
    for (const text of [
      'Anbieter: „Anthropic “ ist kein Anbieter-Slug (etwa „anthropic“). Beheben Sie das in den Optionen dieser Unterhaltung.',
      'Ausweichmodelle: „gpt 4“ ist doppelt aufgeführt. Beheben Sie das in den Optionen dieser Unterhaltung.',
      'Reasoning: Ein Token-Budget muss eine ganze Zahl von 1 bis 1.000.000 sein.',
      'Websuche bei jeder Nachricht: Der gespeicherte Wert ist ungültig, daher ist sie aus.',
    ])
      expect(shown).toContain(text);
    for (const problem of PROBLEMS) expect(shown).not.toContain(problem.message);
  });

  it('a change main refuses: the toast’s reason is re-worded when the language switches', async () => {
    const { dialog, fake, user } = await openOptions();
    const refusal = errorWithText('internal', { id: 'errors.app.internal' });
    fake.override('setConversationOptions', async () => ({ ok: false, error: refusal }));
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Search the web for every message in this conversation' }),
    );
    const toasts = await screen.findByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(toasts.textContent).toContain(`Not saved: ${refusal.message}`));
    fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false });
    await waitFor(() =>
      expect(toasts.textContent).toContain(
        'Nicht gespeichert: In Switchboard ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
      ),
    );
  });
});
