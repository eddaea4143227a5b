import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render-app';

afterEach(() => {
  document.documentElement.lang = 'en';
});

describe('toasts in the interface language', () => {
  it('a toast already shown follows a language switch; main’s reason inside it stays as main wrote it', async () => {
    const view = renderApp();
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    view.fake.state.attachments.attachOutcome = {
      cancelled: false,
      attached: [],
      refused: [{ name: 'empty.txt', message: 'The file is empty.' }],
    };
    await view.user.click(await screen.findByRole('button', { name: 'Attach files' }));
    const region = await screen.findByRole('region', { name: 'Notifications' });
    await waitFor(() =>
      expect(region.textContent).toContain('empty.txt was not attached: The file is empty.'),
    );

    act(() => view.fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    // The same region, now in German; the toast's sentence too, around main's reason.
    expect(await screen.findByRole('region', { name: 'Benachrichtigungen' })).toBe(region);
    expect(region.textContent).toContain('empty.txt wurde nicht angehängt: The file is empty.');
    expect(within(region).getByRole('button', { name: 'Benachrichtigung schließen' })).toBeTruthy();
    view.uninstall();
  });

  it('the renderer’s own refusal of a pasted file is said, sizes included, in the language in effect', async () => {
    const view = renderApp();
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    act(() => view.fake.emitLocale({ locale: 'fr', setting: 'fr', pseudoAvailable: false }));
    const box = await screen.findByRole('textbox', { name: 'Message' });
    // Refused by its size before its bytes are read: 100 MB is over every kind's limit.
    const big = new File(['x'], 'big.bin');
    Object.defineProperty(big, 'size', { value: 100 * 1024 * 1024 });
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.assign(paste, { clipboardData: { files: [big] } });
    act(() => {
      box.dispatchEvent(paste);
    });
    const region = await screen.findByRole('region', { name: 'Notifications' });
    await waitFor(() =>
      expect(region.querySelector('.toast-error p')?.textContent).toMatch(
        /^big\.bin fait 100\sMo ; les fichiers ne peuvent pas dépasser \d+\sMo\. Joignez un fichier plus petit\.$/,
      ),
    );
    view.uninstall();
  });
});
