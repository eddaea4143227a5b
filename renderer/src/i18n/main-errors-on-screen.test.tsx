import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorWithText } from '../../../common/errors';
import { errorNote } from '../../shared/i18n/error-text';
import { createFakeBridge } from '../testing/fake-bridge';
import { makeConversation, makeMessage, makeSettings, NO_KEY } from '../testing/fixtures';
import { renderApp } from '../testing/render-app';
import { intlFor, noteText } from './note';

/**
 * Issue 20: an error from main that stays on screen (a failed load, a failed check, a toast) is kept
 * as the error, not its text, and worded in the interface's language — again when the person switches.
 */

const FAILED = errorWithText('internal', { id: 'errors.app.internal' });
const ENGLISH = 'Something went wrong inside Switchboard. Please retry.';
const GERMAN = 'In Switchboard ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.';
const NOT_SAVED = errorWithText('internal', { id: 'errors.app.fileNotSaved' });

const toGerman = (view: ReturnType<typeof renderApp>) =>
  act(() => view.fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));

describe('main’s errors on screen follow the interface’s language', () => {
  it('an error inside a note is worded where the note is shown', () => {
    const note = { id: 'toasts.spending.notExported', values: { reason: { error: NOT_SAVED } } };
    expect(noteText(intlFor('en'), note, 'en')).toBe(`Spending not exported: ${NOT_SAVED.message}`);
    expect(noteText(intlFor('de'), note, 'de')).toBe(
      'Ausgaben nicht exportiert: Die Datei konnte dort nicht gespeichert werden. Wählen Sie einen anderen Ordner und versuchen Sie es erneut.',
    );
    // No message id (an older main): its English, as given.
    const older = {
      id: 'toasts.spending.notExported',
      values: { reason: { error: { message: 'As given.' } } },
    };
    expect(noteText(intlFor('de'), older, 'de')).toBe('Ausgaben nicht exportiert: As given.');
    expect(errorNote(FAILED)).toEqual({ id: 'errors.app.internal' });
  });

  it('Spending: the failed view, the key’s figures and the CSV export’s toast', async () => {
    const view = renderApp();
    view.fake.override('getSpending', async () => ({ ok: false, error: FAILED }));
    view.fake.override('verifyKey', async () => ({ ok: false, error: FAILED }));
    view.fake.override('exportSpendingCsv', async () => ({ ok: false, error: NOT_SAVED }));
    await view.user.click(await screen.findByRole('button', { name: 'Spending' }));
    const dialog = await screen.findByRole('dialog', { name: 'Spending' });
    await waitFor(() => expect(dialog.textContent).toContain(`Spending could not be loaded: ${ENGLISH}`));
    await waitFor(() =>
      expect(dialog.textContent).toContain(`OpenRouter's figures for the key could not be read: ${ENGLISH}`),
    );
    await view.user.click(within(dialog).getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(document.body.textContent).toContain(`Spending not exported: ${NOT_SAVED.message}`),
    );

    toGerman(view);
    await screen.findByRole('dialog', { name: 'Ausgaben' });
    expect(dialog.textContent).toContain(`Die Ausgaben konnten nicht geladen werden: ${GERMAN}`);
    expect(dialog.textContent).toContain(
      `Die Zahlen von OpenRouter zum Schlüssel konnten nicht gelesen werden: ${GERMAN}`,
    );
    expect(document.body.textContent).toContain(
      'Ausgaben nicht exportiert: Die Datei konnte dort nicht gespeichert werden.',
    );
    expect(document.body.textContent).not.toContain(ENGLISH);
    expect(document.body.textContent).not.toContain(NOT_SAVED.message);
  });

  it('the conversation list and the model list that could not be loaded', async () => {
    const fake = createFakeBridge();
    fake.override('listConversations', async () => ({ ok: false, error: FAILED }));
    fake.override('listModels', async () => ({ ok: false, error: FAILED }));
    const view = renderApp(fake);
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await waitFor(() => expect(nav.textContent).toContain(`Could not list conversations: ${ENGLISH}`));
    await waitFor(() => expect(view.fake.callsTo('listModels').length).toBeGreaterThan(0));
    await view.user.keyboard('{Control>}k{/Control}');
    const picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    await waitFor(() => expect(picker.textContent).toContain(`Could not load the model list: ${ENGLISH}`));

    toGerman(view);
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    const germanNav = await screen.findByRole('navigation', { name: 'Unterhaltungen' });
    expect(germanNav.textContent).toContain(`Die Unterhaltungen konnten nicht aufgelistet werden: ${GERMAN}`);
    expect(picker.textContent).toContain(`Die Modellliste konnte nicht geladen werden: ${GERMAN}`);
  });

  it('Settings → OpenRouter key: a failed Verify', async () => {
    const view = renderApp();
    view.fake.override('verifyKey', async () => ({ ok: false, error: FAILED }));
    await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await view.user.click(within(dialog).getByRole('button', { name: 'Verify key' }));
    await waitFor(() => expect(dialog.textContent).toContain(ENGLISH));
    toGerman(view);
    await screen.findByRole('dialog', { name: 'Einstellungen' });
    expect(dialog.textContent).toContain(GERMAN);
    expect(dialog.textContent).not.toContain(ENGLISH);
  });

  it('Settings → Providers: the providers of a model that could not be listed', async () => {
    const fake = createFakeBridge({ settings: makeSettings({ defaultModel: 'openai/gpt-4o' }) });
    fake.override('listModelEndpoints', async () => ({ ok: false, error: FAILED }));
    const view = renderApp(fake);
    await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
    await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const section = within(dialog).getByRole('region', { name: 'Providers' });
    await waitFor(() => expect(section.textContent).toContain(ENGLISH));
    toGerman(view);
    await screen.findByRole('dialog', { name: 'Einstellungen' });
    expect(section.textContent).toContain(GERMAN);
    expect(section.textContent).not.toContain(ENGLISH);
  });

  it('an image of a reply that could not be shown', async () => {
    const fake = createFakeBridge({
      conversations: [makeConversation({ id: 'c1', title: 'Cats', messageCount: 1 })],
      messages: new Map([
        [
          'c1',
          [
            makeMessage({
              id: 'a1',
              role: 'assistant',
              content: 'Here is a cat.',
              images: [{ id: '1.png', mimeType: 'image/png', byteLength: 68 }],
            }),
          ],
        ],
      ]),
    });
    fake.override('getReplyImage', async () => ({ ok: false, error: FAILED }));
    const view = renderApp(fake);
    await view.user.click(await screen.findByRole('button', { name: /^Cats/ }));
    const figure = await screen.findByRole('figure', { name: 'Image 1 from the reply' });
    await waitFor(() => expect(figure.textContent).toContain(`Image 1 could not be shown: ${ENGLISH}`));
    toGerman(view);
    await waitFor(() => expect(figure.textContent).toContain(GERMAN));
    expect(figure.textContent).not.toContain(ENGLISH);
  });

  it('the start screen: a sign-in main refused', async () => {
    const view = renderApp({ keyStatus: NO_KEY });
    view.fake.override('startSignIn', async () => ({ ok: false, error: FAILED }));
    const section = await screen.findByRole('region', { name: 'Connect your OpenRouter key' });
    await view.user.click(within(section).getByRole('button', { name: 'Sign in with OpenRouter' }));
    expect((await within(section).findByRole('alert')).textContent).toBe(ENGLISH);
    toGerman(view);
    await waitFor(() => expect(within(section).getByRole('alert').textContent).toBe(GERMAN));
  });
});
