import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
});
