import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isoAt, makeConversation } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

/**
 * Issue 20: a conversation still called by the stored placeholder ("New conversation", kept in English
 * in its file) is shown in the window's language — in the sidebar, its menu's name and the header — and
 * follows a switch; a title the person gave is shown as written.
 */
describe('the placeholder title in the interface language', () => {
  it('German shows „Neue Unterhaltung“; English and the person’s titles are unchanged', async () => {
    const { fake, user } = renderApp({
      conversations: [
        makeConversation({ id: 'c1', title: 'New conversation', updatedAt: isoAt(30) }),
        makeConversation({ id: 'c2', title: 'Trip', updatedAt: isoAt(10) }),
      ],
    });
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await within(nav).findByRole('button', { name: /^New conversation/ });
    const titles = () => [...nav.querySelectorAll('.conversation-title')].map((el) => el.textContent);
    expect(titles()).toEqual(['New conversation', 'Trip']);

    act(() => fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    await within(nav).findByRole('button', { name: /^Neue Unterhaltung/ });
    expect(titles()).toEqual(['Neue Unterhaltung', 'Trip']);
    // The placeholder is the catalog's, so the pseudo-locale check must not skip it; the person's title is content.
    const [placeholder, own] = [...nav.querySelectorAll('.conversation-title')];
    expect(placeholder?.hasAttribute('data-i18n-content')).toBe(false);
    expect(own?.hasAttribute('data-i18n-content')).toBe(true);

    await user.click(within(nav).getByRole('button', { name: /^Neue Unterhaltung/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Neue Unterhaltung' })).toBeTruthy();

    act(() => fake.emitLocale({ locale: 'en', setting: 'en', pseudoAvailable: false }));
    expect(await screen.findByRole('heading', { level: 2, name: 'New conversation' })).toBeTruthy();
    expect(titles()).toEqual(['New conversation', 'Trip']);
  });
});
