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
  const section = within(dialog).getByRole('region', { name: 'Spending' });
  return { ...view, dialog, section };
}

describe('Settings → Spending (issue 16)', () => {
  it('is empty (no limits, never asks) by default', async () => {
    const { section } = await openSettings();
    for (const name of [
      'Daily spending limit (USD)',
      'Monthly spending limit (USD)',
      'Ask before a message that could cost more than (USD)',
    ]) {
      expect((within(section).getByRole('textbox', { name }) as HTMLInputElement).value).toBe('');
    }
  });

  it('saves each limit with the others left as they are, and empty as none', async () => {
    const { section, user, fake } = await openSettings({
      settings: makeSettings({ spending: { dailyUsd: null, monthlyUsd: 20, askAboveUsd: null } }),
    });
    const daily = within(section).getByRole('textbox', { name: 'Daily spending limit (USD)' });
    await user.type(daily, '2.50');
    await user.tab();
    await waitFor(() =>
      expect(fake.callsTo('updateSettings').at(-1)).toEqual({
        spending: { dailyUsd: 2.5, monthlyUsd: 20, askAboveUsd: null },
      }),
    );
    const monthly = within(section).getByRole('textbox', { name: 'Monthly spending limit (USD)' });
    await user.clear(monthly);
    await user.tab();
    await waitFor(() =>
      expect(fake.callsTo('updateSettings').at(-1)).toEqual({
        spending: { dailyUsd: 2.5, monthlyUsd: null, askAboveUsd: null },
      }),
    );
  });

  it('refuses a negative or non-numeric amount with a clear message beside the field, and saves nothing', async () => {
    const { section, user, fake } = await openSettings();
    const daily = within(section).getByRole('textbox', { name: 'Daily spending limit (USD)' });
    for (const bad of ['-5', 'ten']) {
      await user.clear(daily);
      await user.type(daily, bad);
      await user.tab();
      expect(daily.getAttribute('aria-invalid')).toBe('true');
      expect(within(section).getByRole('alert').textContent).toContain('greater than 0');
    }
    expect(fake.callsTo('updateSettings')).toEqual([]);
  });

  it('shows stored problems of the spending settings in the section, not only at the top', async () => {
    const { section, dialog } = await openSettings({
      settingsProblems: [{ field: 'spending.dailyUsd', message: 'The stored daily limit was not a number.' }],
    });
    const field = within(section).getByRole('textbox', { name: 'Daily spending limit (USD)' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(within(section).getByRole('alert').textContent).toBe('The stored daily limit was not a number.');
    expect(dialog.querySelector('.settings-problems')).toBeNull();
  });
});
