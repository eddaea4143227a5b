import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { descriptionOf } from '../../testing/dom-helpers';
import { makeModel, makeSettings, STANDARD_MODELS } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

async function openPicker(initial: Parameters<typeof renderApp>[0] = {}) {
  const view = renderApp(initial);
  await screen.findByRole('button', { name: 'Model' });
  await waitFor(() => expect(view.fake.callsTo('listModels').length).toBeGreaterThan(0));
  await view.user.keyboard('{Control>}k{/Control}');
  const dialog = await screen.findByRole('dialog', { name: 'Choose a model' });
  return { ...view, dialog };
}

function optionNames(dialog: HTMLElement): string[] {
  return within(dialog)
    .queryAllByRole('option')
    .map((o) => o.querySelector('.model-name')?.textContent ?? '');
}

describe('model picker', () => {
  it('opens with Ctrl+K, focused on the search box, and lists models with context and prices', async () => {
    const { dialog } = await openPicker();
    const search = within(dialog).getByRole('searchbox', { name: 'Search models' });
    expect(document.activeElement).toBe(search);
    const gpt = within(dialog).getByRole('option', { name: /GPT-4o/ });
    expect(gpt.textContent).toContain('openai/gpt-4o');
    expect(gpt.textContent).toContain('128K context');
    expect(gpt.textContent).toContain('$3.00 / $15.00 per M tokens');
    expect(within(dialog).getByRole('option', { name: /Llama/ }).textContent).toContain('Free');
    expect(within(dialog).getByRole('option', { name: /Gemini/ }).textContent).toContain('1M context');
  });

  it('flags a model OpenRouter will retire, in its accessible name', async () => {
    const retiring = makeModel({
      id: 'google/gemini-2.0-flash-exp',
      name: 'Gemini 2.0 Flash Exp',
      expirationDate: '2026-12-31',
    });
    const { dialog } = await openPicker({
      models: { models: [...STANDARD_MODELS, retiring], fetchedAt: new Date(0).toISOString(), stale: false },
    });
    expect(
      within(dialog).getByRole('option', { name: /Gemini 2\.0 Flash Exp.*Retires on 31 Dec 2026/ }),
    ).toBeDefined();
    expect(within(dialog).getByRole('option', { name: /GPT-4o/ }).textContent).not.toContain('Retires');
  });

  it('shows the highlighted model in detail: description, cutoff, limits and every price it charges', async () => {
    const detailed = makeModel({
      id: 'anthropic/claude-sonnet-4',
      name: 'Claude Sonnet 4',
      contextLength: 200_000,
      description: 'A balanced model.\n\nGood at code.',
      knowledgeCutoff: '2025-03-01',
      maxCompletionTokens: 64_000,
      expirationDate: '2026-12-31',
      extraPrices: {
        cacheReadPerMTok: 0.3,
        cacheWritePerMTok: 3.75,
        internalReasoningPerMTok: null,
        webSearchPerRequest: 0.01,
        perImage: null,
        perRequest: 0,
      },
    });
    const { dialog, user } = await openPicker({
      models: {
        models: [detailed, ...STANDARD_MODELS.slice(2)],
        fetchedAt: new Date(0).toISOString(),
        stale: false,
      },
    });
    const panel = within(dialog).getByRole('region', { name: 'Details of Claude Sonnet 4' });
    expect(panel.querySelector('.model-description')?.textContent).toBe('A balanced model.\n\nGood at code.');
    const facts = [...panel.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
    );
    expect(facts).toEqual([
      'Retires on: 31 Dec 2026',
      'Knowledge cutoff: 1 Mar 2025',
      'Context: 200K context',
      'Longest reply: 64,000 tokens',
      'Prompt: $3.00 per M tokens',
      'Completion: $15.00 per M tokens',
      'Cache read: $0.30 per M tokens',
      'Cache write: $3.75 per M tokens',
      'Web search: $0.01 per search',
    ]);
    // The panel follows the highlighted option.
    await user.keyboard('llama');
    const free = within(dialog).getByRole('region', { name: 'Details of Llama 3.3 70B (free)' });
    expect(free.textContent).toContain('Free');
    expect(free.textContent).not.toContain('Prompt');
  });

  it('shows a per-request or per-image price for models billed that way, never "$0.00"', async () => {
    const flux = makeModel({
      id: 'black-forest-labs/flux.2-pro',
      name: 'FLUX.2 [pro]',
      promptPricePerMTok: 0,
      completionPricePerMTok: 0,
      outputModalities: ['image'],
      extraPrices: {
        cacheReadPerMTok: null,
        cacheWritePerMTok: null,
        internalReasoningPerMTok: null,
        webSearchPerRequest: null,
        perImage: null,
        perRequest: 0.03,
      },
    });
    const perImage = makeModel({
      id: 'x/painter',
      name: 'Painter',
      promptPricePerMTok: 0,
      completionPricePerMTok: 0,
      extraPrices: {
        cacheReadPerMTok: null,
        cacheWritePerMTok: null,
        internalReasoningPerMTok: null,
        webSearchPerRequest: null,
        perImage: 0.04,
        perRequest: null,
      },
    });
    const { dialog } = await openPicker({
      models: { models: [flux, perImage], fetchedAt: new Date(0).toISOString(), stale: false },
    });
    const fluxRow = within(dialog).getByRole('option', { name: /FLUX\.2/ });
    expect(fluxRow.querySelector('.model-price')?.textContent).toBe('$0.03 per request');
    expect(fluxRow.textContent).not.toContain('$0.00');
    expect(
      within(dialog)
        .getByRole('option', { name: /Painter/ })
        .querySelector('.model-price')?.textContent,
    ).toBe('$0.04 per image');
    const panel = within(dialog).getByRole('region', { name: 'Details of FLUX.2 [pro]' });
    expect(panel.textContent).toContain('Request$0.03 per request');
  });

  it('searches by name or id, ignoring case', async () => {
    const { dialog, user } = await openPicker();
    const search = within(dialog).getByRole('searchbox', { name: 'Search models' });
    await user.type(search, 'CLAUDE');
    expect(optionNames(dialog)).toEqual(['Claude Sonnet 4']);
    await user.clear(search);
    await user.type(search, 'gemini-2.5');
    expect(optionNames(dialog)).toEqual(['Gemini 2.5 Flash']);
  });

  it('filters by input modality and by price', async () => {
    const { dialog, user } = await openPicker();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Audio' }));
    expect(optionNames(dialog)).toEqual(['Gemini 2.5 Flash']);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Audio' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Free' }));
    expect(optionNames(dialog)).toEqual(['Llama 3.3 70B (free)']);
    await user.click(within(dialog).getByRole('radio', { name: 'Paid' }));
    expect(optionNames(dialog)).not.toContain('Llama 3.3 70B (free)');
  });

  it('is fully usable from the keyboard and gives focus back on close', async () => {
    const view = renderApp({ settings: makeSettings({ recentModels: [] }) });
    const modelButton = await screen.findByRole('button', { name: 'Model' });
    await waitFor(() => expect(view.fake.callsTo('listModels').length).toBeGreaterThan(0));
    await view.user.click(modelButton);
    const dialog = await screen.findByRole('dialog', { name: 'Choose a model' });
    const search = within(dialog).getByRole('searchbox', { name: 'Search models' });
    const activeName = () => {
      const id = search.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.querySelector('.model-name')?.textContent : null;
    };
    const names = optionNames(dialog);
    // It opens on the current model (GPT-4o, third by name); the arrows move from there.
    expect(names.indexOf('GPT-4o')).toBe(2);
    expect(activeName()).toBe('GPT-4o');
    await view.user.keyboard('{ArrowUp}{ArrowUp}{ArrowDown}');
    expect(activeName()).toBe(names[1]);
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(descriptionOf(modelButton)).toBe(names[1]);
    expect(document.activeElement).toBe(modelButton);
  });

  it('closes on Escape without changing the model', async () => {
    const { user } = await openPicker();
    await user.keyboard('{ArrowDown}{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(descriptionOf(screen.getByRole('button', { name: 'Model' }))).toBe('GPT-4o');
  });

  it('toggles favourites through settings and lists favourites, then recent models, first', async () => {
    const { dialog, user, fake } = await openPicker({
      settings: makeSettings({ recentModels: ['anthropic/claude-sonnet-4'] }),
    });
    expect(optionNames(dialog)[0]).toBe('Claude Sonnet 4');
    const star = within(dialog).getByRole('button', { name: 'Favourite Gemini 2.5 Flash' });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    await user.click(star);
    await waitFor(() =>
      expect(fake.callsTo('updateSettings')).toContainEqual({ favouriteModels: ['google/gemini-2.5-flash'] }),
    );
    await waitFor(() =>
      expect(optionNames(dialog).slice(0, 2)).toEqual(['Gemini 2.5 Flash', 'Claude Sonnet 4']),
    );
    expect(
      within(dialog).getByRole('button', { name: 'Favourite Gemini 2.5 Flash' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('says when the list is a stale copy', async () => {
    const { dialog } = await openPicker({
      models: { models: [...STANDARD_MODELS], fetchedAt: new Date(0).toISOString(), stale: true },
    });
    expect(within(dialog).getByText('Offline — showing the last known list')).toBeTruthy();
  });

  it('renders only a window of a long list, and the keyboard reaches rows beyond it', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      makeModel({
        id: `vendor/model-${String(i).padStart(3, '0')}`,
        name: `Model ${String(i).padStart(3, '0')}`,
      }),
    );
    const { dialog, user } = await openPicker({
      models: { models: many, fetchedAt: new Date(0).toISOString(), stale: false },
      settings: makeSettings({ defaultModel: null, recentModels: [] }),
    });
    expect(within(dialog).getAllByRole('option').length).toBeLessThan(30);
    for (let i = 0; i < 5; i++) await user.keyboard('{PageDown}');
    const search = within(dialog).getByRole('searchbox', { name: 'Search models' });
    const active = document.getElementById(search.getAttribute('aria-activedescendant') ?? '');
    expect(active?.textContent).toContain('Model 040');
    expect(active?.getAttribute('aria-posinset')).toBe('41');
  });
  it('opens on the current model, scrolled into view, with its details shown at once', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      makeModel({
        id: `vendor/model-${String(i).padStart(3, '0')}`,
        name: `Model ${String(i).padStart(3, '0')}`,
        description: `Description of model ${i}.`,
      }),
    );
    const { dialog, user } = await openPicker({
      models: { models: many, fetchedAt: new Date(0).toISOString(), stale: false },
      settings: makeSettings({ defaultModel: 'vendor/model-250', recentModels: [] }),
    });
    const search = within(dialog).getByRole('searchbox', { name: 'Search models' });
    const activeOption = () => document.getElementById(search.getAttribute('aria-activedescendant') ?? '');
    // Row 251 of 400 is far outside the first window: it is rendered only if the list scrolled to it.
    await waitFor(() => expect(activeOption()?.getAttribute('aria-posinset')).toBe('251'));
    expect(activeOption()?.textContent).toContain('Model 250');
    expect(activeOption()?.textContent).toContain('Current');
    const panel = within(dialog).getByRole('region', { name: 'Details of Model 250' });
    expect(panel.textContent).toContain('Description of model 250.');
    expect(document.activeElement).toBe(search);
    // The keyboard carries on from the current model.
    await user.keyboard('{ArrowDown}');
    expect(activeOption()?.textContent).toContain('Model 251');
    // A new search still starts from the top of its results.
    await user.keyboard('model 3');
    expect(activeOption()?.textContent).toContain('Model 300');
  });

  it('opens on the first row when the current model is not in the list', async () => {
    const { dialog } = await openPicker({
      settings: makeSettings({ defaultModel: 'gone/model', recentModels: [] }),
    });
    const search = within(dialog).getByRole('searchbox', { name: 'Search models' });
    const active = document.getElementById(search.getAttribute('aria-activedescendant') ?? '');
    expect(active?.getAttribute('aria-posinset')).toBe('1');
  });
});
