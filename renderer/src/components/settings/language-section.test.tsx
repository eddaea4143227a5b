import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

async function openSettings(initial: Parameters<typeof renderApp>[0] = {}) {
  const view = renderApp(initial);
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  return { ...view, dialog };
}

afterEach(() => {
  document.documentElement.lang = 'en';
});

describe('Settings → Language', () => {
  it('lists "System default" and each language in its own name', async () => {
    const { dialog } = await openSettings();
    const select = within(dialog).getByRole('combobox', { name: 'Language' }) as HTMLSelectElement;
    expect(select.value).toBe('system');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'System default',
      'English',
      '简体中文',
      '日本語',
      'Deutsch',
      'Español',
      'Français',
    ]);
  });

  it('switches the window to German at once: saved through main, no reload', async () => {
    const { dialog, user, fake } = await openSettings();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Language' }), 'de');
    expect(fake.callsTo('updateSettings')).toContainEqual({ language: 'de' });
    // Same dialog element, now titled and labelled in German.
    expect(await screen.findByRole('dialog', { name: 'Einstellungen' })).toBe(dialog);
    expect(within(dialog).getByRole('combobox', { name: 'Sprache' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Schließen' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
  });

  it('follows a change main pushes (another window chose Japanese)', async () => {
    const { fake } = await openSettings({ settings: makeSettings({ language: 'system' }) });
    fake.emitLocale({ locale: 'ja', setting: 'ja', pseudoAvailable: false });
    expect(await screen.findByRole('dialog', { name: '設定' })).toBeTruthy();
  });

  it('offers the pseudo-locale only where main allows it', async () => {
    const { dialog, fake } = await openSettings();
    const select = within(dialog).getByRole('combobox', { name: 'Language' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).not.toContain('en-XA');
    fake.emitLocale({ locale: 'en', setting: 'system', pseudoAvailable: true });
    await waitFor(() => expect([...select.options].map((o) => o.value)).toContain('en-XA'));
  });
});
