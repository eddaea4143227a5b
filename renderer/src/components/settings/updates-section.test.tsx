import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../testing/fake-bridge';
import { makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

async function openUpdates(initial: Parameters<typeof renderApp>[0] = {}) {
  const view = renderApp(initial);
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Updates' });
  return { ...view, section };
}

describe('Settings → Updates', () => {
  it('has automatic checks on by default and saves turning them off', async () => {
    const { section, user, fake } = await openUpdates();
    const box = within(section).getByRole('checkbox', { name: 'Check for updates automatically' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() =>
      expect(fake.callsTo('updateSettings')).toContainEqual({ checkForUpdatesAutomatically: false }),
    );
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false));
  });

  it('"Check for updates" asks main and shows its answer, with the setting off too', async () => {
    const { section, user, fake } = await openUpdates({
      settings: makeSettings({ checkForUpdatesAutomatically: false }),
    });
    expect(within(section).getByRole('status').textContent).toContain(
      'Switchboard has not checked for updates since it started.',
    );
    fake.override('checkForUpdates', async () =>
      ok({ state: 'not-available', message: 'Switchboard is up to date.' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Check for updates' }));
    expect(fake.callsTo('checkForUpdates')).toHaveLength(1);
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toContain('Switchboard is up to date.'),
    );
  });

  it('shows the download progress, then "Restart to update"', async () => {
    const { section, fake, user } = await openUpdates();
    act(() =>
      fake.emitUpdateStatus({
        state: 'downloading',
        version: '2.0.0',
        percent: 40,
        message: 'Switchboard is downloading version 2.0.0 in the background.',
      }),
    );
    expect(
      (within(section).getByRole('progressbar', { name: 'Update download progress' }) as HTMLProgressElement)
        .value,
    ).toBe(40);
    act(() =>
      fake.emitUpdateStatus({
        state: 'downloaded',
        version: '2.0.0',
        message: 'Version 2.0.0 is ready. Restart Switchboard to finish updating.',
      }),
    );
    await user.click(within(section).getByRole('button', { name: 'Restart to update' }));
    expect(fake.callsTo('restartToUpdate')).toHaveLength(1);
  });

  it('in a development build says updates are not checked', async () => {
    const { section, fake } = await openUpdates();
    act(() =>
      fake.emitUpdateStatus({
        state: 'unavailable',
        reason: 'not-packaged',
        message:
          'Updates are checked only in the installed app. This is a development build, so Switchboard does not check for updates.',
      }),
    );
    expect(within(section).getByRole('status').textContent).toContain('This is a development build');
  });
});
