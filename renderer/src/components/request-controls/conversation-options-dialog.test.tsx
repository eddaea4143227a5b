import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, ok } from '../../testing/fake-bridge';
import { makeConversation, makeModel, makeSettings, STANDARD_MODELS } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

const THINKER = makeModel({
  id: 'openai/o3',
  name: 'o3',
  supportedParameters: ['reasoning'],
  reasoning: {
    supportedEfforts: ['high', 'low'],
    defaultEffort: 'high',
    defaultEnabled: true,
    mandatory: false,
    supportsMaxTokens: false,
  },
});

async function openOptions() {
  const fake = createFakeBridge({
    models: { models: [...STANDARD_MODELS, THINKER], fetchedAt: new Date(0).toISOString(), stale: false },
    settings: makeSettings({ defaultModel: 'openai/o3' }),
    conversations: [makeConversation({ id: 'c9', title: 'Research', model: 'openai/o3' })],
  });
  fake.override('listProviders', async () => ok({ providers: [{ slug: 'anthropic', name: 'Anthropic' }] }));
  const view = renderApp(fake);
  const nav = await screen.findByRole('navigation', { name: 'Conversations' });
  await view.user.click(await within(nav).findByRole('button', { name: /^Research/ }));
  await waitFor(() =>
    expect(fake.callsTo('getConversationOptions')).toContainEqual({ conversationId: 'c9' }),
  );
  await view.user.click(screen.getByRole('button', { name: 'Conversation options' }));
  const dialog = await screen.findByRole('dialog', { name: 'Conversation options' });
  return { ...view, dialog };
}

describe('Conversation options', () => {
  it('adds fallback models from the picker, reorders and removes them, stored with the conversation', async () => {
    const { dialog, user, fake } = await openOptions();
    const fallbacks = within(dialog).getByRole('group', { name: 'Fallback models' });
    await user.click(within(fallbacks).getByRole('button', { name: 'Add a fallback model' }));
    let picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    await user.click(within(picker).getByRole('option', { name: /Claude Sonnet 4/ }));
    await waitFor(() =>
      expect(fake.callsTo('setConversationOptions').at(-1)).toEqual({
        conversationId: 'c9',
        options: { fallbackModels: ['anthropic/claude-sonnet-4'] },
      }),
    );
    await user.click(within(fallbacks).getByRole('button', { name: 'Add a fallback model' }));
    picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    await user.click(within(picker).getByRole('option', { name: /Gemini 2.5 Flash/ }));
    await waitFor(() =>
      expect(within(fallbacks).getByRole('button', { name: 'Move Gemini 2.5 Flash up' })).toBeTruthy(),
    );
    await user.click(within(fallbacks).getByRole('button', { name: 'Move Gemini 2.5 Flash up' }));
    await waitFor(() =>
      expect(fake.callsTo('setConversationOptions').at(-1)).toEqual({
        conversationId: 'c9',
        options: { fallbackModels: ['google/gemini-2.5-flash', 'anthropic/claude-sonnet-4'] },
      }),
    );
    await user.click(within(fallbacks).getByRole('button', { name: 'Remove Gemini 2.5 Flash' }));
    await user.click(within(fallbacks).getByRole('button', { name: 'Remove Claude Sonnet 4' }));
    // An empty list is never stored: no fallbacks means none sent.
    await waitFor(() =>
      expect(fake.callsTo('setConversationOptions').at(-1)).toEqual({
        conversationId: 'c9',
        options: { fallbackModels: null },
      }),
    );
    // The chat's model did not change on the way.
    expect(fake.callsTo('updateSettings')).toEqual([]);
  });

  it('turns web search on for the whole conversation only by an explicit choice, showing its price', async () => {
    const { dialog, user, fake } = await openOptions();
    const always = within(dialog).getByRole('checkbox', {
      name: 'Search the web for every message in this conversation',
    });
    expect((always as HTMLInputElement).checked).toBe(false);
    expect(within(dialog).getByText(/per search/)).toBeTruthy();
    await user.click(always);
    await waitFor(() =>
      expect(fake.callsTo('setConversationOptions').at(-1)).toEqual({
        conversationId: 'c9',
        options: { webSearchAlways: true },
      }),
    );
  });

  it("overrides the providers for this conversation only, and saves a model's reasoning default", async () => {
    const { dialog, user, fake } = await openOptions();
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Refuse providers that collect or train on your data' }),
    );
    await waitFor(() =>
      expect(fake.callsTo('setConversationOptions').at(-1)).toEqual({
        conversationId: 'c9',
        options: { provider: { dataCollection: 'deny' } },
      }),
    );
    expect(fake.callsTo('updateSettings')).toEqual([]);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Reasoning' }), 'Low');
    await user.click(within(dialog).getByRole('button', { name: 'Use this for new chats with o3' }));
    await waitFor(() =>
      expect(fake.callsTo('updateSettings').at(-1)).toEqual({
        reasoningByModel: { 'openai/o3': { kind: 'effort', effort: 'low' } },
      }),
    );
  });
});

describe('presets in the model picker', () => {
  it('uses "@preset/slug" as the model, and says what is wrong with a bad name', async () => {
    const view = renderApp();
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    await view.user.click(await screen.findByRole('button', { name: 'Model' }));
    const picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    const preset = within(picker).getByRole('textbox', { name: 'Use a preset' });
    await view.user.type(preset, 'bad name!{Enter}');
    expect(within(picker).getByRole('alert').textContent).toContain('A preset name uses letters');
    await view.user.clear(preset);
    await view.user.type(preset, 'my-coder{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Choose a model' })).toBeNull());
    await view.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    expect(view.fake.callsTo('sendMessage')[0]).toMatchObject({ model: '@preset/my-coder' });
  });
});

describe("a conversation's stored problems", () => {
  it('are pointed out beside the composer and shown beside their field in Conversation options', async () => {
    const fake = createFakeBridge({
      conversations: [makeConversation({ id: 'c9', title: 'Broken', model: 'openai/gpt-4o' })],
    });
    fake.override('getConversationOptions', async () =>
      ok({
        reasoning: null,
        provider: null,
        fallbackModels: null,
        webSearchAlways: false,
        problems: [
          {
            field: 'fallbackModels',
            message: "Fallback models (this conversation's options): the list is empty.",
          },
        ],
      }),
    );
    const view = renderApp(fake);
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await view.user.click(await within(nav).findByRole('button', { name: /^Broken/ }));
    await view.user.click(await screen.findByRole('button', { name: 'Fix them in Conversation options' }));
    const dialog = await screen.findByRole('dialog', { name: 'Conversation options' });
    const fallbacks = within(dialog).getByRole('group', { name: 'Fallback models' });
    expect(within(fallbacks).getByRole('alert').textContent).toContain('the list is empty');
  });
});
