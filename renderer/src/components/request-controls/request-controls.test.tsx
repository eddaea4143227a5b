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
    supportedEfforts: ['high', 'medium', 'low'],
    defaultEffort: 'medium',
    defaultEnabled: true,
    mandatory: false,
    supportsMaxTokens: false,
  },
});

const MODELS = { models: [...STANDARD_MODELS, THINKER], fetchedAt: new Date(0).toISOString(), stale: false };

async function ready(view: ReturnType<typeof renderApp>) {
  await waitFor(() => expect(screen.queryByText('Checking your OpenRouter key…')).toBeNull());
  await waitFor(() => expect(view.fake.callsTo('getSettings').length).toBe(1));
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
}

describe('request controls beside the composer', () => {
  it('sends none of their fields when nothing is chosen', async () => {
    const view = renderApp({ models: MODELS, settings: makeSettings({ defaultModel: 'openai/o3' }) });
    const box = await ready(view);
    await screen.findByRole('option', { name: 'Default (Medium)' });
    await view.user.type(box, 'Hello{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    const [request] = view.fake.callsTo('sendMessage') as Record<string, unknown>[];
    expect(Object.keys(request ?? {}).sort()).toEqual(['content', 'conversationId', 'model', 'streamId']);
    expect(view.fake.callsTo('setConversationOptions')).toEqual([]);
  });

  it('turns web search on for the next message only', async () => {
    const view = renderApp();
    const box = await ready(view);
    const toggle = screen.getByRole('button', { name: 'Web search' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await view.user.click(toggle);
    expect(screen.getByText(/per search/)).toBeTruthy();
    await view.user.type(box, 'Search this{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    expect(view.fake.callsTo('sendMessage')[0]).toMatchObject({ webSearch: true });
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('false'));

    view.fake.emitToLastStream([
      { type: 'done', result: { content: 'ok', reasoning: '', finishReason: 'stop', usage: null } },
    ] as never);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy());
    await view.user.type(box, 'And now plain{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(2));
    expect(view.fake.callsTo('sendMessage')[1]).not.toHaveProperty('webSearch');
  });

  it('gives a new chat the reasoning chosen before it existed, before its first message', async () => {
    const view = renderApp({ models: MODELS, settings: makeSettings({ defaultModel: 'openai/o3' }) });
    const box = await ready(view);
    await view.user.selectOptions(await screen.findByRole('combobox', { name: 'Reasoning' }), 'High');
    expect(view.fake.callsTo('setConversationOptions')).toEqual([]);
    await view.user.type(box, 'Think hard{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    const order = view.fake.calls
      .map((c) => c.method)
      .filter((m) => m === 'setConversationOptions' || m === 'sendMessage');
    expect(order).toEqual(['setConversationOptions', 'sendMessage']);
    expect(view.fake.callsTo('setConversationOptions')[0]).toEqual({
      conversationId: 'c1',
      options: { reasoning: { kind: 'effort', effort: 'high' } },
    });
  });

  it("keeps an open conversation's reasoning with it, and shows the stored choice", async () => {
    const conversation = makeConversation({ id: 'c9', title: 'Thinking chat', model: 'openai/o3' });
    const view = renderApp({
      models: MODELS,
      settings: makeSettings({ defaultModel: 'openai/o3' }),
      conversations: [conversation],
      conversationOptions: new Map([
        ['c9', { reasoning: { kind: 'off' }, provider: null, fallbackModels: null, webSearchAlways: false }],
      ]),
    });
    await ready(view);
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await view.user.click(await within(nav).findByRole('button', { name: /^Thinking chat/ }));
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Reasoning' });
    await waitFor(() => expect(select.value).toBe('off'));
    await view.user.selectOptions(select, 'Low');
    await waitFor(() =>
      expect(view.fake.callsTo('setConversationOptions')).toEqual([
        { conversationId: 'c9', options: { reasoning: { kind: 'effort', effort: 'low' } } },
      ]),
    );
  });

  it('uses the per-model default from Settings when the conversation has none', async () => {
    const view = renderApp({
      models: MODELS,
      settings: makeSettings({
        defaultModel: 'openai/o3',
        reasoningByModel: { 'openai/o3': { kind: 'effort', effort: 'low' } },
      }),
    });
    await ready(view);
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Reasoning' });
    await waitFor(() => expect(select.selectedOptions[0]?.textContent).toBe('Your default (Low effort)'));
    expect(select.value).toBe('');
  });

  it("warns before sending when the account's own model list excludes the model, quiet otherwise", async () => {
    const fake = createFakeBridge();
    fake.override('listAccountModelIds', async () => ok({ modelIds: ['anthropic/claude-sonnet-4'] }));
    const view = renderApp(fake);
    await ready(view);
    const warning = await screen.findByText(/privacy or provider settings exclude GPT-4o/);
    const link = screen.getByRole('link', { name: "OpenRouter's privacy settings" });
    await view.user.click(link);
    expect(view.fake.callsTo('openExternal')).toEqual([{ url: 'https://openrouter.ai/settings/privacy' }]);
    expect(warning).toBeTruthy();
  });

  it('says nothing when the key may not ask for the account list', async () => {
    const view = renderApp();
    await ready(view);
    await waitFor(() => expect(view.fake.callsTo('listAccountModelIds')).toHaveLength(1));
    expect(screen.queryByText(/privacy or provider settings exclude/)).toBeNull();
  });
});
