import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../common/update-types';
import { fail, ok } from '../testing/fake-bridge';
import { renderApp } from '../testing/render-app';

const DOWNLOADED: UpdateStatus = { state: 'downloaded', version: '2.0.0' };
const WAITING: UpdateStatus = { state: 'waiting-for-replies', version: '2.0.0' };

async function appWithBanner() {
  const view = renderApp();
  await waitFor(() => expect(view.fake.callsTo('getUpdateStatus')).toHaveLength(1));
  const banner = screen.getByRole('region', { name: 'Update' });
  return { ...view, banner };
}

describe('the update banner', () => {
  it('stays empty until an update is downloaded, then offers "Restart to update"', async () => {
    const { fake, banner } = await appWithBanner();
    expect(within(banner).queryByRole('button')).toBeNull();
    act(() => fake.emitUpdateStatus({ state: 'checking' }));
    act(() => fake.emitUpdateStatus({ state: 'downloading', version: '2.0.0', percent: 40 }));
    expect(within(banner).queryByRole('button')).toBeNull();
    // The live region is there, empty, before the message: text added to it is announced.
    const liveRegion = within(banner).getByRole('status');
    expect(liveRegion.textContent).toBe('');
    act(() => fake.emitUpdateStatus(DOWNLOADED));
    expect(within(banner).getByRole('status')).toBe(liveRegion);
    expect(within(banner).getByRole('status').textContent).toContain(
      'Version 2.0.0 is ready. Restart Switchboard to finish updating.',
    );
    expect(within(banner).getByRole('button', { name: 'Restart to update' })).toBeTruthy();
  });

  it('shows a status main already had when the window opened', async () => {
    const view = renderApp();
    view.fake.override('getUpdateStatus', async () => ok(DOWNLOADED));
    view.unmount();
    view.uninstall();
    const again = renderApp(view.fake);
    expect(await screen.findByRole('button', { name: 'Restart to update' })).toBeTruthy();
    again.uninstall();
  });

  it('asks main to restart; while a reply streams it says the update waits for the reply', async () => {
    const { fake, banner, user } = await appWithBanner();
    fake.override('restartToUpdate', async () => ok(WAITING));
    act(() => fake.emitUpdateStatus(DOWNLOADED));
    const button = within(banner).getByRole('button', { name: 'Restart to update' });
    await user.click(button);
    expect(fake.callsTo('restartToUpdate')).toHaveLength(1);
    await waitFor(() =>
      expect(within(banner).getByRole('status').textContent).toContain(
        'The update will be installed when the reply finishes.',
      ),
    );
    // The button keeps focus and does nothing more.
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.click(button);
    expect(fake.callsTo('restartToUpdate')).toHaveLength(1);
  });

  it('says why when the backup failed and offers the restart again', async () => {
    const { fake, banner } = await appWithBanner();
    act(() =>
      fake.emitUpdateStatus({
        state: 'error',
        problem: 'snapshot-failed',
        version: '2.0.0',
      }),
    );
    expect(within(banner).getByRole('status').textContent).toBe(
      'The update was not installed because the backup before updating failed. Check that the disk has free space, then press "Restart to update" again.',
    );
    expect(within(banner).getByRole('button', { name: 'Restart to update' })).toBeTruthy();
  });

  it('reports a download refused by its signature check, but not a routine offline check', async () => {
    const { fake, banner } = await appWithBanner();
    act(() =>
      fake.emitUpdateStatus({
        state: 'error',
        problem: 'offline',
      }),
    );
    expect(within(banner).getByRole('status').textContent).toBe('');
    act(() =>
      fake.emitUpdateStatus({
        state: 'error',
        problem: 'bad-signature',
      }),
    );
    expect(within(banner).getByRole('status').textContent).toBe(
      'The downloaded update failed its signature check and was deleted. Switchboard will try again later.',
    );
    expect(within(banner).queryByRole('button', { name: 'Restart to update' })).toBeNull();
  });

  it('can be dismissed until the status changes', async () => {
    const { fake, banner, user } = await appWithBanner();
    act(() => fake.emitUpdateStatus(DOWNLOADED));
    await user.click(within(banner).getByRole('button', { name: 'Dismiss the update notice' }));
    expect(within(banner).queryByRole('button', { name: 'Restart to update' })).toBeNull();
    act(() => fake.emitUpdateStatus({ ...WAITING }));
    expect(within(banner).getByRole('status').textContent).toContain('when the reply finishes');
  });

  it('says a status in German, and again in the new language when the person switches (English unchanged)', async () => {
    const { fake, banner } = await appWithBanner();
    act(() => fake.emitUpdateStatus(DOWNLOADED));
    const status = within(banner).getByRole('status');
    expect(status.textContent).toBe('Version 2.0.0 is ready. Restart Switchboard to finish updating.');
    act(() => fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    // The same status, already on screen, now in German.
    await waitFor(() =>
      expect(status.textContent).toBe(
        'Version 2.0.0 ist bereit. Starten Sie Switchboard neu, um das Update abzuschließen.',
      ),
    );
    expect(within(banner).getByRole('button', { name: 'Neu starten und aktualisieren' })).toBeTruthy();
    act(() => fake.emitUpdateStatus({ state: 'error', problem: 'bad-signature' }));
    expect(status.textContent).toBe(
      'Das heruntergeladene Update hat die Signaturprüfung nicht bestanden und wurde gelöscht. Switchboard versucht es später erneut.',
    );
    act(() => fake.emitLocale({ locale: 'en', setting: 'en', pseudoAvailable: false }));
    await waitFor(() =>
      expect(status.textContent).toBe(
        'The downloaded update failed its signature check and was deleted. Switchboard will try again later.',
      ),
    );
  });

  it('a failed "Restart to update" call is said through main’s error message, in the window’s language', async () => {
    const { fake, banner, user } = await appWithBanner();
    fake.override('restartToUpdate', async () =>
      fail('internal', 'Something went wrong inside Switchboard. Please retry.', {
        messageId: 'errors.app.internal',
      }),
    );
    act(() => fake.emitUpdateStatus(DOWNLOADED));
    act(() => fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    await user.click(await within(banner).findByRole('button', { name: 'Neu starten und aktualisieren' }));
    await waitFor(() =>
      expect(within(banner).getByRole('status').textContent).toContain(
        'In Switchboard ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
      ),
    );
    // And in English after a switch: the stored error is said again, not kept as text.
    act(() => fake.emitLocale({ locale: 'en', setting: 'en', pseudoAvailable: false }));
    await waitFor(() =>
      expect(within(banner).getByRole('status').textContent).toContain(
        'Something went wrong inside Switchboard. Please retry.',
      ),
    );
  });
});
