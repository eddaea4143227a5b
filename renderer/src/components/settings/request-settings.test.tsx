import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FakeState } from '../../testing/fake-bridge';
import { makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

async function openSettings(initial: Partial<FakeState> = {}) {
  const view = renderApp(initial);
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  return { ...view, dialog };
}

describe('Settings for requests (issue 15)', () => {
  it('sets the web search engine and result count, and refuses a count out of range', async () => {
    const { dialog, user, fake } = await openSettings();
    const section = within(dialog).getByRole('region', { name: 'Web search' });
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Web search engine' }), 'Exa');
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ webSearch: { engine: 'exa', maxResults: 5 } });
    const results = within(section).getByRole('spinbutton', { name: 'Web search results' });
    await user.clear(results);
    await user.type(results, '30');
    expect(within(section).getByRole('alert').textContent).toContain('from 1 to 25');
    expect(fake.callsTo('updateSettings')).not.toContainEqual({
      webSearch: { engine: 'exa', maxResults: 30 },
    });
    await user.clear(results);
    await user.type(results, '8');
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({ webSearch: { engine: 'exa', maxResults: 8 } });
  });

  it('lists the per-model reasoning defaults and forgets one', async () => {
    const { dialog, user, fake } = await openSettings({
      settings: makeSettings({
        reasoningByModel: {
          'openai/gpt-4o': { kind: 'effort', effort: 'high' },
          'google/gemini-2.5-flash': { kind: 'budget', maxTokens: 2048 },
        },
      }),
    });
    const section = within(dialog).getByRole('region', { name: 'Reasoning' });
    expect(section.textContent).toContain('GPT-4o: High effort');
    expect(section.textContent).toContain('Gemini 2.5 Flash: Budget of 2,048 tokens');
    await user.click(
      within(section).getByRole('button', { name: 'Forget the reasoning default for GPT-4o' }),
    );
    expect(fake.callsTo('updateSettings').at(-1)).toEqual({
      reasoningByModel: { 'google/gemini-2.5-flash': { kind: 'budget', maxTokens: 2048 } },
    });
  });

  it('shows each stored problem as a clear error: beside its field, or at the top for the others', async () => {
    const { dialog } = await openSettings({
      settingsProblems: [
        {
          field: 'providerDefaults',
          message: 'Providers (Settings → Providers): "nosuch" is not a provider OpenRouter knows.',
        },
        {
          field: 'reasoningByModel',
          message: 'Reasoning for "openai/o3" (Settings): both an effort and a token budget are set.',
        },
        { field: 'webSearch', message: 'Web search (Settings): "bing" is not a search engine.' },
        { field: 'temperature', message: 'Temperature (Settings): -1 is below 0.' },
      ],
    });
    const providers = within(dialog).getByRole('region', { name: 'Providers' });
    expect(within(providers).getByRole('alert').textContent).toContain('"nosuch" is not a provider');
    const reasoning = within(dialog).getByRole('region', { name: 'Reasoning' });
    expect(within(reasoning).getByRole('alert').textContent).toContain('both an effort and a token budget');
    const webSearch = within(dialog).getByRole('region', { name: 'Web search' });
    expect(within(webSearch).getByRole('alert').textContent).toContain('"bing" is not a search engine');
    const top = within(dialog).getAllByRole('alert')[0];
    expect(top?.textContent).toContain('Temperature (Settings): -1 is below 0.');
    expect(top?.textContent).not.toContain('nosuch');
  });
});
