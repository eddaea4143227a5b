import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSettings } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('the theme follows settings changed in another window (issue 20)', () => {
  it('an onSettingsChanged event sets data-theme on <html> and the open Settings’ radios', async () => {
    const { fake, user } = renderApp();
    await waitFor(() => expect(fake.callsTo('getSettings')).toHaveLength(1));
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dark = (await screen.findByRole('radio', { name: 'Dark' })) as HTMLInputElement;
    expect(dark.checked).toBe(false);
    fake.emitSettings(makeSettings({ theme: 'dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(dark.checked).toBe(true);
    fake.emitSettings(makeSettings({ theme: 'light' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    // Only the event changed it: this window saved nothing.
    expect(fake.callsTo('updateSettings')).toEqual([]);
  });
});
