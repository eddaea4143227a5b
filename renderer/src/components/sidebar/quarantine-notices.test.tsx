import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QuarantineNotice } from '../../../../common/conversation-types';
import { AppIntlProvider } from '../../../shared/i18n/app-intl-provider';
import { IntlWrapper } from '../../testing/intl';
import { QuarantineNotices } from './quarantine-notices';

describe('QuarantineNotices', () => {
  it('says a moved file could not be opened, and where it is', () => {
    render(
      <QuarantineNotices
        notices={[
          { conversationId: 'c1', title: 'Trip', path: '/h/quarantine/c1.json', reason: 'not valid JSON' },
        ]}
      />,
      { wrapper: IntlWrapper },
    );
    expect(screen.getByRole('heading', { name: 'A conversation could not be opened' })).toBeTruthy();
    expect(screen.getByText(/“Trip” could not be opened: not valid JSON/)).toBeTruthy();
    expect(screen.getByText(/Its file was moved, not deleted/)).toBeTruthy();
  });

  it('says a repaired conversation opened, and where the copy of the original is', () => {
    render(
      <QuarantineNotices
        notices={[
          {
            conversationId: 'c2',
            title: 'Plans',
            path: '/h/quarantine/c2.1.before-repair.json',
            reason:
              'Repaired: 1 message named a missing parent. Nothing was lost: every message is still in the conversation.',
            kind: 'repaired',
          },
        ]}
      />,
      { wrapper: IntlWrapper },
    );
    expect(screen.getByRole('heading', { name: 'A conversation was repaired' })).toBeTruthy();
    expect(
      screen.getByText(
        /“Plans” had damaged links between its messages and was repaired when it opened\. 1 message/,
      ),
    ).toBeTruthy();
    expect(screen.getByText(/A copy of the file as it was is at/)).toBeTruthy();
    expect(screen.queryByText(/could not be opened/)).toBeNull();
  });

  // Issue 20: main's reasons are catalog messages on the notice, worded in the window's language.
  const unreadable: QuarantineNotice = {
    conversationId: 'c1',
    title: 'New conversation',
    path: '/h/quarantine/c1.json',
    reason: 'it is empty.',
    reasonId: 'errors.history.fileUnusable',
    reasonValues: { why: 'empty', moved: 'yes' },
  };
  const repaired: QuarantineNotice = {
    conversationId: 'c2',
    title: 'Plans',
    path: '/h/quarantine/c2.1.before-repair.json',
    reason: 'Repaired: … Nothing was lost: every message is still in the conversation.',
    reasonId: 'errors.history.repair.nothingLost',
    reasonValues: { kept: 'yes' },
    repairs: [
      { id: 'errors.history.repair.noLeaf', values: { last: 'a1' } },
      {
        id: 'errors.history.repair.parentMissing',
        values: { message: 'u2', parent: 'x', first: 'no', previous: 'u1' },
      },
    ],
    kind: 'repaired',
  };

  it('words main’s reasons and repairs in German, and again in English after a switch', () => {
    const view = render(
      <AppIntlProvider locale="de">
        <QuarantineNotices notices={[unreadable]} />
      </AppIntlProvider>,
    );
    expect(
      screen.getByText('„Neue Unterhaltung“ konnte nicht geöffnet werden: Die Datei ist leer.'),
    ).toBeTruthy();
    view.rerender(
      <AppIntlProvider locale="de">
        <QuarantineNotices notices={[repaired]} />
      </AppIntlProvider>,
    );
    expect(
      screen.getByText(
        /wurde beim Öffnen repariert\. Nichts ging verloren: Jede Nachricht ist noch in der Unterhaltung\.$/,
      ),
    ).toBeTruthy();
    const items = () => [...document.querySelectorAll('.quarantine-repairs li')].map((li) => li.textContent);
    expect(items()).toEqual([
      'Keine Nachricht war als angezeigt markiert; die letzte Nachricht „a1“ wird angezeigt.',
      'Nachricht „u2“: Ihre vorherige Nachricht „x“ existiert nicht; sie folgt jetzt auf die Nachricht davor („u1“).',
    ]);
    view.rerender(
      <AppIntlProvider locale="en">
        <QuarantineNotices notices={[repaired, unreadable]} />
      </AppIntlProvider>,
    );
    expect(items()).toEqual([
      'No message was marked as shown; the last message "a1" is shown.',
      'Message "u2": its parent "x" does not exist; it now follows the message before it ("u1").',
    ]);
    expect(screen.getByText('“New conversation” could not be opened: it is empty.')).toBeTruthy();
  });
});
