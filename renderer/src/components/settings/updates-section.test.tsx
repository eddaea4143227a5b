import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../testing/fake-bridge';
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
    fake.override('checkForUpdates', async () => ok({ state: 'not-available' }));
    await user.click(within(section).getByRole('button', { name: 'Check for updates' }));
    expect(fake.callsTo('checkForUpdates')).toHaveLength(1);
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toBe('Switchboard is up to date.'),
    );
  });

  it('shows the download progress, then "Restart to update"', async () => {
    const { section, fake, user } = await openUpdates();
    act(() =>
      fake.emitUpdateStatus({
        state: 'downloading',
        version: '2.0.0',
        percent: 40,
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
      }),
    );
    expect(within(section).getByRole('status').textContent).toBe(
      'Updates are checked only in the installed app. This is a development build, so Switchboard does not check for updates.',
    );
  });

  it('a build without an update feed says so calmly (no error, no alert)', async () => {
    const { section, fake } = await openUpdates();
    act(() => fake.emitUpdateStatus({ state: 'unavailable', reason: 'not-configured' }));
    expect(within(section).getByRole('status').textContent).toBe(
      'Updates are not configured in this build, so Switchboard does not check for updates. Install new versions from where you got Switchboard.',
    );
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('in German: every status main reports, and a status on screen follows a language switch', async () => {
    const { section, fake, user } = await openUpdates();
    const status = within(section).getByRole('status');
    act(() => fake.emitUpdateStatus({ state: 'downloading', version: '2.0.0', percent: 40 }));
    expect(status.textContent).toBe('Switchboard is downloading version 2.0.0 in the background.');
    act(() => fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    await waitFor(() =>
      expect(status.textContent).toBe('Switchboard lädt Version 2.0.0 im Hintergrund herunter.'),
    );
    const german: Array<[Parameters<typeof fake.emitUpdateStatus>[0], string]> = [
      [{ state: 'not-available' }, 'Switchboard ist auf dem neuesten Stand.'],
      [
        { state: 'available', version: '2.1.0' },
        'Version 2.1.0 ist verfügbar. Switchboard lädt sie im Hintergrund herunter.',
      ],
      [
        { state: 'installing', version: '2.1.0' },
        'Switchboard erstellt eine Sicherung und startet dann neu, um Version 2.1.0 zu installieren.',
      ],
      [
        { state: 'unavailable', reason: 'not-configured' },
        'In diesem Build sind keine Updates eingerichtet, daher sucht Switchboard nicht nach Updates. Installieren Sie neue Versionen von dort, wo Sie Switchboard erhalten haben.',
      ],
      [
        { state: 'error', problem: 'snapshot-failed', version: '2.1.0' },
        'Das Update wurde nicht installiert, weil die Sicherung vor dem Update fehlgeschlagen ist. Prüfen Sie, ob auf dem Datenträger genug Speicherplatz frei ist, und klicken Sie dann erneut auf „Neu starten und aktualisieren“.',
      ],
      [
        { state: 'error', problem: 'offline' },
        'Switchboard konnte den Update-Server nicht erreichen. Prüfen Sie Ihre Internetverbindung; Switchboard versucht es später erneut.',
      ],
    ];
    for (const [next, text] of german) {
      act(() => fake.emitUpdateStatus(next));
      expect(status.textContent).toBe(text);
    }
    // A failed call is said through main's error message, in German too.
    fake.override('checkForUpdates', async () =>
      fail('internal', 'Something went wrong inside Switchboard. Please retry.', {
        messageId: 'errors.app.internal',
      }),
    );
    await user.click(within(section).getByRole('button', { name: 'Nach Updates suchen' }));
    expect((await within(section).findByRole('alert')).textContent).toBe(
      'In Switchboard ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
    );
  });
});
