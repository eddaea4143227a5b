import { act, screen, waitFor } from '@testing-library/react';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { errorWithText } from '../../../common/errors';
import { messagesFor } from '../../../common/i18n/catalogs';
import type { Result } from '../../../common/ipc/define';
import { errorNote, formatAppError } from '../../shared/i18n/error-text';
import { renderApp } from '../testing/render-app';

/** The refusal exactly as main builds it (key-guard.ts): English text plus the catalog message. */
const REFUSAL = errorWithText('key_in_message', { id: 'errors.chat.keyInMessage' });

const intlIn = (locale: 'de' | 'ja' | 'en') => createIntl({ locale, messages: messagesFor(locale) });

describe("main's errors in the window's language", () => {
  it('formatAppError: the catalog message with its values, else main’s English text', () => {
    const throttled = errorWithText('throttled', {
      id: 'errors.app.throttled',
      values: { exceeded: 'calls', calls: 30, size: '1 MB', seconds: 1 },
    });
    expect(formatAppError(intlIn('en'), throttled)).toBe(throttled.message);
    expect(formatAppError(intlIn('de'), throttled)).toContain('Warten Sie 1 Sekunde');
    expect(formatAppError(intlIn('de'), throttled)).toContain('mehr als 30 Änderungen');
    // No id (an older error, or one main has not converted yet): main's English, as given.
    expect(formatAppError(intlIn('de'), { message: 'As given.' })).toBe('As given.');
    // An id this window does not know: the English rather than a bare id.
    expect(formatAppError(intlIn('de'), { message: 'As given.', messageId: 'errors.app.nope' })).toBe(
      'As given.',
    );
  });

  it('errorNote: an id for a toast to translate when shown, or the English text', () => {
    expect(errorNote(REFUSAL)).toEqual({ id: 'errors.chat.keyInMessage' });
    expect(errorNote({ message: 'As given.' })).toEqual({ text: 'As given.' });
  });

  it('a send main refuses in German shows the refusal in German, and follows a switch to Japanese', async () => {
    const view = renderApp();
    let answer: (result: Result<never>) => void = () => {};
    view.fake.override(
      'sendMessage',
      () =>
        new Promise<Result<never>>((resolve) => {
          answer = resolve;
        }),
    );
    await waitFor(() => expect(screen.queryByText('Checking your OpenRouter key…')).toBeNull());
    await waitFor(() => expect(view.fake.callsTo('getSettings').length).toBe(1));
    const box = screen.getByRole('textbox', { name: 'Message' });
    act(() => view.fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    await view.user.type(box, 'sk-or-v1-not-really-a-key{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    act(() => answer({ ok: false, error: REFUSAL }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Diese Nachricht enthält Ihren OpenRouter-API-Schlüssel.');
    expect(alert.textContent).not.toContain('This message contains');

    act(() => view.fake.emitLocale({ locale: 'ja', setting: 'ja', pseudoAvailable: false }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'このメッセージにはあなたの OpenRouter API キーが含まれています。',
      ),
    );
  });
});
