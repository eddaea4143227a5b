import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../../testing/fake-bridge';
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
  delete document.documentElement.dataset.theme;
});

describe('settings', () => {
  it('switches the theme and sets data-theme on <html>', async () => {
    const { dialog, user, fake } = await openSettings();
    const system = within(dialog).getByRole('radio', { name: 'System' }) as HTMLInputElement;
    expect(system.checked).toBe(true);
    await user.click(within(dialog).getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(fake.callsTo('updateSettings')).toContainEqual({ theme: 'dark' });
    await user.click(within(dialog).getByRole('radio', { name: 'Light' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
  });

  it('opens with Ctrl+, and closes with Escape, giving focus back', async () => {
    const view = renderApp();
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    const box = await screen.findByRole('textbox', { name: 'Message' });
    box.focus();
    await view.user.keyboard('{Control>},{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
    await view.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(box);
  });

  it('keeps Tab inside the dialog', async () => {
    const { dialog, user } = await openSettings();
    const close = within(dialog).getByRole('button', { name: 'Close' });
    close.focus();
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Every step, not just the last: focus must never leave the dialog (radio groups included).
    for (let i = 0; i < 30; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });

  it('shows the masked key and where it is kept, and verifies it', async () => {
    const { dialog, user } = await openSettings();
    expect(dialog.textContent).toContain('sk-or-v1-…3f2a');
    expect(dialog.textContent).toContain('macOS Keychain');
    await user.click(within(dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() => expect(dialog.textContent).toContain('Test key'));
    expect(dialog.textContent).toContain('$1.25');
    expect(dialog.textContent).toContain('$10.00 ($8.75 remaining)');
  });

  it('says "No limit" for an unlimited key', async () => {
    const { dialog, user } = await openSettings({
      keyInfo: { label: 'Open', usage: 0, limit: null, limitRemaining: null, isFreeTier: true },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() => expect(dialog.textContent).toContain('No limit'));
  });

  it('shows the limit reset, recent and BYOK usage and the expiry date of the key', async () => {
    const { dialog, user } = await openSettings({
      keyInfo: {
        label: 'Switchboard',
        usage: 1.25,
        limit: 10,
        limitRemaining: 8.75,
        isFreeTier: false,
        limitReset: 'monthly',
        expiresAt: '2099-12-31T12:00:00.000Z',
        usageDaily: 0.1,
        usageWeekly: 0.5,
        usageMonthly: 1.25,
        byokUsage: 0.4,
        byokUsageDaily: 0.02,
        includeByokInLimit: true,
      },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() => expect(dialog.textContent).toContain('Switchboard'));
    const facts = Object.fromEntries(
      [...dialog.querySelectorAll('.key-facts dt')].map((dt) => [
        dt.textContent,
        dt.nextElementSibling?.textContent,
      ]),
    );
    expect(facts).toMatchObject({
      Limit: '$10.00 ($8.75 remaining), resets monthly',
      'Recent usage': '$0.10 today · $0.50 this week · $1.25 this month',
      Expires: '31 Dec 2099',
      'Own provider keys (BYOK)': '$0.40 upstream · $0.02 today (counts towards the limit)',
    });
    // Far from expiry and limited: no warnings.
    expect(dialog.querySelector('.key-warning')).toBeNull();
  });

  it('warns when the key expires within a week, and when it has expired', async () => {
    const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString();
    const first = await openSettings({
      keyInfo: { label: 'Soon', usage: 0, limit: 5, limitRemaining: 5, isFreeTier: false, expiresAt: soon },
    });
    await first.user.click(within(first.dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() => expect(first.dialog.textContent).toContain('This key expires on'));
    first.unmount();
    first.uninstall();
    const past = await openSettings({
      keyInfo: {
        label: 'Old',
        usage: 0,
        limit: 5,
        limitRemaining: 5,
        isFreeTier: false,
        expiresAt: '2020-01-02T12:00:00.000Z',
      },
    });
    await past.user.click(within(past.dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() => expect(past.dialog.textContent).toContain('This key expired on 2 Jan 2020.'));
  });

  it('warns about a key without a spending limit and links to the key settings through main', async () => {
    const { dialog, user, fake } = await openSettings({
      keyInfo: { label: 'Open', usage: 0, limit: null, limitRemaining: null, isFreeTier: false },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() =>
      expect(dialog.textContent).toContain(
        'This key has no spending limit. OpenRouter recommends a credit limit for app keys.',
      ),
    );
    await user.click(within(dialog).getByRole('link', { name: 'openrouter.ai/settings/keys' }));
    expect(fake.callsTo('openExternal')).toEqual([{ url: 'https://openrouter.ai/settings/keys' }]);
  });

  it('removes the key only after confirmation', async () => {
    const { dialog, user, fake } = await openSettings();
    await user.click(within(dialog).getByRole('button', { name: 'Remove key' }));
    expect(fake.callsTo('removeKey')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Keep key' }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove key' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm removal' }));
    await waitFor(() => expect(fake.callsTo('removeKey')).toHaveLength(1));
    expect(within(dialog).queryByRole('button', { name: 'Verify key' })).toBeNull();
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('region', { name: 'Connect your OpenRouter key' })).toBeTruthy();
  });

  it('saves temperature, with "Model default" meaning null', async () => {
    const { dialog, user, fake } = await openSettings({ settings: makeSettings({ temperature: 0.7 }) });
    const modelDefault = within(dialog).getByRole('checkbox', { name: 'Model default' });
    await user.click(modelDefault);
    await waitFor(() => expect(fake.callsTo('updateSettings')).toContainEqual({ temperature: null }));
    expect((within(dialog).getByRole('slider', { name: 'Temperature' }) as HTMLInputElement).disabled).toBe(
      true,
    );
  });

  it('validates max tokens before saving, and empty means the model default', async () => {
    const { dialog, user, fake } = await openSettings();
    const field = within(dialog).getByRole('spinbutton', { name: 'Max tokens' });
    await user.type(field, '0');
    expect(within(dialog).getByRole('alert').textContent).toContain('whole number from 1 to 1,000,000');
    await user.clear(field);
    await user.type(field, '2048');
    await waitFor(() => expect(fake.callsTo('updateSettings')).toContainEqual({ maxTokens: 2048 }));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.clear(field);
    await waitFor(() => expect(fake.callsTo('updateSettings')).toContainEqual({ maxTokens: null }));
  });

  it('shows the validation message main sends back', async () => {
    const view = renderApp();
    view.fake.override('updateSettings', async () => fail('validation', 'The system prompt is too long.'));
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await view.user.type(within(dialog).getByRole('textbox', { name: 'System prompt' }), 'Be brief.');
    await view.user.tab();
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'The system prompt is too long.',
    );
  });

  it('chooses the default model with the picker', async () => {
    const { dialog, user, fake } = await openSettings();
    await waitFor(() => expect(fake.callsTo('listModels').length).toBeGreaterThan(0));
    await user.click(within(dialog).getByRole('button', { name: 'Change default model' }));
    const picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    await user.type(within(picker).getByRole('searchbox', { name: 'Search models' }), 'claude{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('updateSettings')).toContainEqual({ defaultModel: 'anthropic/claude-sonnet-4' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Choose a model' })).toBeNull());
    expect(dialog.textContent).toContain('Claude Sonnet 4');
  });
});
