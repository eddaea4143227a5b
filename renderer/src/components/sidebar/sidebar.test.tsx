import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../../common/chat-types';
import { descriptionOf } from '../../testing/dom-helpers';
import type { FakeState } from '../../testing/fake-bridge';
import { isoAt, makeConversation, makeMessage, makeModel, STANDARD_MODELS } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

function threeConversations() {
  return {
    conversations: [
      makeConversation({
        id: 'c1',
        title: 'Oldest',
        updatedAt: isoAt(1),
        model: 'anthropic/claude-sonnet-4',
      }),
      makeConversation({ id: 'c2', title: 'Newest', updatedAt: isoAt(30) }),
      makeConversation({ id: 'c3', title: 'Middle', updatedAt: isoAt(10) }),
    ],
    messages: new Map([['c1', [makeMessage({ id: 'u1', role: 'user', content: 'Hello from the oldest' })]]]),
  };
}

async function sidebar(initial: Partial<FakeState> = threeConversations()) {
  const view = renderApp(initial);
  const nav = await screen.findByRole('navigation', { name: 'Conversations' });
  await within(nav).findByRole('button', { name: /^Oldest/ });
  return { ...view, nav };
}

function titles(nav: HTMLElement): string[] {
  return [...nav.querySelectorAll('.conversation-title')].map((el) => el.textContent ?? '');
}

describe('sidebar', () => {
  it('lists conversations by last activity and opens one with its model', async () => {
    const { nav, user, fake } = await sidebar();
    expect(titles(nav)).toEqual(['Newest', 'Middle', 'Oldest']);
    await user.click(within(nav).getByRole('button', { name: /^Oldest/ }));
    expect(await screen.findByText('Hello from the oldest')).toBeTruthy();
    expect(fake.callsTo('loadMessages')).toEqual([{ conversationId: 'c1', limit: 20 }]);
    expect(
      within(nav)
        .getByRole('button', { name: /^Oldest/ })
        .getAttribute('aria-current'),
    ).toBe('page');
    expect(screen.getByRole('heading', { level: 2, name: 'Oldest' })).toBeTruthy();
    // The composer now sends with the model this conversation last used.
    await waitFor(() =>
      expect(descriptionOf(screen.getByRole('button', { name: 'Model' }))).toBe('Claude Sonnet 4'),
    );
  });

  it('starts a new chat', async () => {
    const { nav, user } = await sidebar();
    await user.click(within(nav).getByRole('button', { name: /^Oldest/ }));
    await user.click(within(nav).getByRole('button', { name: 'New chat' }));
    expect(screen.getByRole('heading', { level: 2, name: 'New chat' })).toBeTruthy();
    expect(
      within(nav)
        .getByRole('button', { name: /^Oldest/ })
        .getAttribute('aria-current'),
    ).toBeNull();
  });

  it('renames with F2: Enter saves', async () => {
    const { nav, user, fake } = await sidebar();
    within(nav)
      .getByRole('button', { name: /^Middle/ })
      .focus();
    await user.keyboard('{F2}');
    const field = within(nav).getByRole('textbox', { name: 'Conversation title' });
    expect(document.activeElement).toBe(field);
    await user.clear(field);
    await user.type(field, 'Renamed{Enter}');
    await waitFor(() =>
      expect(fake.callsTo('renameConversation')).toEqual([{ conversationId: 'c3', title: 'Renamed' }]),
    );
    expect(await within(nav).findByRole('button', { name: /^Renamed/ })).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(within(nav).getByRole('button', { name: /^Renamed/ })),
    );
  });

  it('renames from the menu: Escape cancels', async () => {
    const { nav, user, fake } = await sidebar();
    await user.click(within(nav).getByRole('button', { name: 'Actions for Middle' }));
    await user.click(within(nav).getByRole('menuitem', { name: 'Rename' }));
    const field = within(nav).getByRole('textbox', { name: 'Conversation title' });
    await user.type(field, ' changed{Escape}');
    expect(within(nav).queryByRole('textbox', { name: 'Conversation title' })).toBeNull();
    expect(fake.callsTo('renameConversation')).toHaveLength(0);
    expect(titles(nav)).toContain('Middle');
  });

  it('opens the menu from the keyboard and moves with the arrow keys', async () => {
    const { nav, user } = await sidebar();
    within(nav).getByRole('button', { name: 'Actions for Newest' }).focus();
    await user.keyboard('{Enter}');
    const menu = within(nav).getByRole('menu', { name: 'Actions for Newest' });
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Rename' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Export as Markdown' }));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Delete' }));
    await user.keyboard('{Escape}');
    expect(within(nav).queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(within(nav).getByRole('button', { name: 'Actions for Newest' }));
  });

  it('deletes with an Undo toast that restores the conversation', async () => {
    const { nav, user, fake } = await sidebar();
    await user.click(within(nav).getByRole('button', { name: 'Actions for Oldest' }));
    await user.click(within(nav).getByRole('menuitem', { name: 'Delete' }));
    await waitFor(() => expect(titles(nav)).toEqual(['Newest', 'Middle']));
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    expect(toasts.textContent).toContain('Deleted “Oldest”');
    await user.click(within(toasts).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(titles(nav)).toEqual(['Newest', 'Middle', 'Oldest']));
    const [deleted] = fake.callsTo('deleteConversation') as { conversationId: string }[];
    expect(deleted).toEqual({ conversationId: 'c1' });
    expect(fake.callsTo('restoreConversation')).toHaveLength(1);
  });

  it('tells which conversations could not be opened and where their files are', async () => {
    const { nav } = await sidebar({
      ...threeConversations(),
      quarantined: [
        {
          conversationId: 'c9',
          title: 'Broken chat',
          path: '/home/me/.config/Switchboard/history/quarantine/c9.json',
          reason: 'The file is not valid JSON.',
        },
      ],
    });
    const notice = await within(nav).findByRole('region', { name: 'A conversation could not be opened' });
    expect(notice.textContent).toContain('“Broken chat”');
    expect(notice.textContent).toContain('The file is not valid JSON.');
    expect(notice.textContent).toContain('/home/me/.config/Switchboard/history/quarantine/c9.json');
  });

  it('pages through many conversations', async () => {
    const conversations = Array.from({ length: 60 }, (_, i) =>
      makeConversation({ id: `c${i}`, title: `Chat ${i}`, updatedAt: isoAt(i) }),
    );
    const view = renderApp({ conversations });
    const nav = await screen.findByRole('navigation', { name: 'Conversations' });
    await waitFor(() => expect(titles(nav)).toHaveLength(50));
    await view.user.click(within(nav).getByRole('button', { name: 'Show older conversations' }));
    await waitFor(() => expect(titles(nav)).toHaveLength(60));
    expect(view.fake.callsTo('listConversations')).toContainEqual({ offset: 50, limit: 50 });
    expect(within(nav).queryByRole('button', { name: 'Show older conversations' })).toBeNull();
  });

  it('marks a conversation whose model is retiring, in its name, and warns in the chat header', async () => {
    const retiring = makeModel({
      id: 'anthropic/claude-sonnet-4',
      name: 'Claude Sonnet 4',
      expirationDate: '2026-12-31',
    });
    const { nav, user } = await sidebar({
      ...threeConversations(),
      models: { models: [STANDARD_MODELS[0] as ModelSummary, retiring], fetchedAt: isoAt(0), stale: false },
    });
    const oldest = await within(nav).findByRole('button', { name: /^Oldest.*model retiring/ });
    expect(within(nav).getByRole('button', { name: /^Newest/ }).textContent).not.toContain('retiring');
    await user.click(oldest);
    const header = document.querySelector('.chat-header') as HTMLElement;
    await waitFor(() => expect(header.textContent).toContain('Retires on 31 Dec 2026 — pick another model'));
    await user.click(within(header).getByRole('button', { name: 'pick another model' }));
    expect(await screen.findByRole('dialog', { name: 'Choose a model' })).toBeTruthy();
  });

  it('warns about no retirement for a model without one', async () => {
    const { nav, user } = await sidebar();
    await user.click(within(nav).getByRole('button', { name: /^Newest/ }));
    await screen.findByRole('heading', { name: 'Newest' });
    expect(document.querySelector('.chat-header')?.textContent).not.toContain('Retires');
  });
});
