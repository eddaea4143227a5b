import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { descriptionOf } from '../../testing/dom-helpers';
import { makeModel, makeSettings, STANDARD_MODELS } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

const CLAUDE = makeModel({
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
    internalReasoningPerMTok: 10,
    webSearchPerRequest: 0.01,
    perImage: 0.04,
    perRequest: 0.005,
  },
});

async function renderWithCurrent(current: string, models = [CLAUDE, ...STANDARD_MODELS.slice(2)]) {
  const view = renderApp({
    models: { models, fetchedAt: new Date(0).toISOString(), stale: false },
    settings: makeSettings({ defaultModel: current, recentModels: [] }),
  });
  await waitFor(() => expect(view.fake.callsTo('listModels').length).toBeGreaterThan(0));
  const button = await screen.findByRole('button', { name: 'Model details' });
  return { ...view, button };
}

function factsOf(panel: HTMLElement): string[] {
  return [...panel.querySelectorAll('dt')].map(
    (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
  );
}

describe('model details from the chat header', () => {
  it('opens from the keyboard with the current model in full: description, cutoff, limits, every price', async () => {
    const { button, user } = await renderWithCurrent(CLAUDE.id);
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBeNull());
    expect(descriptionOf(button)).toBe('Claude Sonnet 4');
    button.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Model details' });
    const panel = within(dialog).getByRole('region', { name: 'Details of Claude Sonnet 4' });
    expect(panel.querySelector('.model-description')?.textContent).toBe('A balanced model.\n\nGood at code.');
    expect(factsOf(panel)).toEqual([
      'Retires on: 31 Dec 2026',
      'Knowledge cutoff: 1 Mar 2025',
      'Context: 200K context',
      'Longest reply: 64,000 tokens',
      'Prompt: $3.00 per M tokens',
      'Completion: $15.00 per M tokens',
      'Cache read: $0.30 per M tokens',
      'Cache write: $3.75 per M tokens',
      'Internal reasoning: $10.00 per M tokens',
      'Web search: $0.01 per search',
      'Image: $0.04 per image',
      'Request: $0.005 per request',
    ]);
    // The retirement day is flagged, not only listed.
    expect(panel.querySelector('.model-retires')?.textContent).toBe('31 Dec 2026');
  });

  it('keeps focus inside, does not stack the picker over itself, and closes on Escape giving focus back', async () => {
    const { button, user } = await renderWithCurrent(CLAUDE.id);
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBeNull());
    button.focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Model details' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Like every dialog of the window, the app behind it is inert while it is open.
    expect(button.closest('.app')?.hasAttribute('inert')).toBe(true);
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Ctrl+K must not open the picker on top of a modal dialog.
    await user.keyboard('{Control>}k{/Control}');
    expect(screen.queryByRole('dialog', { name: 'Choose a model' })).toBeNull();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Model details' })).toBeNull());
    expect(document.activeElement).toBe(button);
    expect(button.closest('.app')?.hasAttribute('inert')).toBe(false);
  });

  it('follows the model chosen in the picker', async () => {
    const { button, user } = await renderWithCurrent(CLAUDE.id);
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Model' }));
    const picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    await user.click(within(picker).getByRole('option', { name: /Gemini 2\.5 Flash/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Model details' });
    const panel = within(dialog).getByRole('region', { name: 'Details of Gemini 2.5 Flash' });
    expect(factsOf(panel)).toContain('Prompt: $0.30 per M tokens');
    expect(panel.querySelector('.model-retires')).toBeNull();
  });

  it('is disabled, and says why, while the chosen model is not in the model list', async () => {
    const { button, user } = await renderWithCurrent('gone/model');
    // Still reachable by Tab (aria-disabled), so a screen reader can say why it does nothing.
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(button)).toBe('Not in the model list');
    button.focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
