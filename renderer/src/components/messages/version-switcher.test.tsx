import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../../../../common/chat-types';
import type { Message } from '../../../../common/conversation-types';
import { ANSWER, openConversationWith, QUESTION } from '../../testing/conversation-scenario';
import { descriptionOf } from '../../testing/dom-helpers';
import { ok } from '../../testing/fake-bridge';
import { makeMessage } from '../../testing/fixtures';

const DONE = (content: string): ChatStreamEvent => ({
  type: 'done',
  result: {
    content,
    reasoning: '',
    finishReason: 'stop',
    usage: null,
    generationId: null,
    model: null,
    provider: null,
    citations: [],
    images: [],
  },
});

/** A question with three replies (versions of one another); the second is shown. */
function threeReplies(): { messages: Message[]; leaves: Map<string, string> } {
  const question = { ...QUESTION, parentId: null };
  const reply = (id: string, content: string) =>
    makeMessage({ id, role: 'assistant', content, parentId: 'u1' });
  return {
    messages: [
      question,
      reply('a1', 'First answer.'),
      reply('a2', 'Second answer.'),
      reply('a3', 'Third answer.'),
    ],
    leaves: new Map([['c1', 'a2']]),
  };
}

async function reply(): Promise<HTMLElement> {
  const articles = await screen.findAllByRole('article', { name: 'assistant message' });
  const last = articles[articles.length - 1];
  if (!last) throw new Error('no assistant message');
  return last;
}

describe('version switcher', () => {
  it('names its buttons and says which version is shown', async () => {
    const { messages, leaves } = threeReplies();
    await openConversationWith(messages, { leaves });
    const article = await reply();
    expect(article.textContent).toContain('Second answer.');
    const previous = within(article).getByRole('button', { name: 'Previous version' });
    const next = within(article).getByRole('button', { name: 'Next version' });
    expect(within(article).getByText('2 / 3')).toBeTruthy();
    expect(descriptionOf(previous)).toBe('Version 2 of 3');
    expect(previous.getAttribute('aria-disabled')).toBe('false');
    expect(next.getAttribute('aria-disabled')).toBe('false');
    // A message without versions has no switcher.
    const question = screen.getByRole('article', { name: 'user message' });
    expect(within(question).queryByRole('button', { name: 'Previous version' })).toBeNull();
  });

  it('shows the previous version, keeps the focus on the button, and stops at the first', async () => {
    const { messages, leaves } = threeReplies();
    const view = await openConversationWith(messages, { leaves });
    await view.user.click(within(await reply()).getByRole('button', { name: 'Previous version' }));
    await waitFor(async () => expect((await reply()).textContent).toContain('First answer.'));
    expect(view.fake.callsTo('switchBranch')).toEqual([{ conversationId: 'c1', messageId: 'a1' }]);
    const article = await reply();
    expect(within(article).getByText('1 / 3')).toBeTruthy();
    const previous = within(article).getByRole('button', { name: 'Previous version' });
    await waitFor(() => expect(document.activeElement).toBe(previous));
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    await view.user.keyboard('{Enter}');
    expect(view.fake.callsTo('switchBranch')).toHaveLength(1);
    // Keyboard: Tab to "Next version", Enter twice reaches the third.
    await view.user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Next version');
    await view.user.keyboard('{Enter}');
    await waitFor(async () => expect((await reply()).textContent).toContain('Second answer.'));
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Next version'));
    await view.user.keyboard('{Enter}');
    await waitFor(async () => expect((await reply()).textContent).toContain('Third answer.'));
    expect(
      within(await reply())
        .getByRole('button', { name: 'Next version' })
        .getAttribute('aria-disabled'),
    ).toBe('true');
  });

  it('is unavailable while a reply streams in the conversation', async () => {
    const { messages, leaves } = threeReplies();
    const view = await openConversationWith(messages, { leaves });
    await view.user.click(within(await reply()).getByRole('button', { name: 'Next version' }));
    await waitFor(async () => expect((await reply()).textContent).toContain('Third answer.'));
    // The third version is the last message: send a follow-up, whose reply streams.
    await view.user.type(screen.getByRole('textbox', { name: /message/i }), 'More?{Enter}');
    await screen.findByText('Waiting for the reply…');
    const third = screen.getAllByRole('article', { name: 'assistant message' })[0];
    if (!third) throw new Error('no reply');
    const previous = within(third).getByRole('button', { name: 'Previous version' });
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    await view.user.click(previous);
    expect(view.fake.callsTo('switchBranch')).toHaveLength(1);
    act(() => view.fake.emitToLastStream([DONE('Sure.')]));
    await waitFor(() => expect(previous.getAttribute('aria-disabled')).toBe('false'));
  });

  it('regenerate keeps the earlier reply as a version', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    await view.user.click(within(await reply()).getByRole('button', { name: 'Regenerate' }));
    // The new reply is shown at once, as the second version.
    await screen.findByText('Waiting for the reply…');
    expect(within(await reply()).getByText('2 / 2')).toBeTruthy();
    act(() =>
      view.fake.emitToLastStream([{ type: 'delta', content: 'Four.', reasoning: '' }, DONE('Four.')]),
    );
    await waitFor(async () => expect((await reply()).textContent).toContain('Four.'));
    await view.user.click(within(await reply()).getByRole('button', { name: 'Previous version' }));
    await waitFor(async () => expect((await reply()).textContent).toContain('It is 4.'));
    expect(within(await reply()).getByText('1 / 2')).toBeTruthy();
    expect(screen.getAllByRole('article', { name: 'assistant message' })).toHaveLength(1);
  });

  it('edit and resend keeps the earlier message and its reply as a version', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    const question = screen.getByRole('article', { name: 'user message' });
    await view.user.click(within(question).getByRole('button', { name: 'Edit' }));
    const field = within(question).getByRole('textbox');
    await view.user.clear(field);
    await view.user.type(field, 'What is 3+3?');
    await view.user.click(within(question).getByRole('button', { name: /save|send/i }));
    const edited = await screen.findByRole('article', { name: 'user message' });
    await waitFor(() => expect(edited.textContent).toContain('What is 3+3?'));
    expect(within(edited).getByText('2 / 2')).toBeTruthy();
    act(() => view.fake.emitToLastStream([{ type: 'delta', content: 'Six.', reasoning: '' }, DONE('Six.')]));
    await waitFor(async () => expect((await reply()).textContent).toContain('Six.'));
    const current = screen.getByRole('article', { name: 'user message' });
    await view.user.click(within(current).getByRole('button', { name: 'Previous version' }));
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'user message' }).textContent).toContain('What is 2+2?'),
    );
    expect((await reply()).textContent).toContain('It is 4.');
  });

  it('a search hit in a version not shown opens the conversation on that version', async () => {
    const { messages, leaves } = threeReplies();
    const view = await openConversationWith(messages, { leaves });
    view.fake.override('searchHistory', async () =>
      ok({
        hits: [
          {
            conversationId: 'c1',
            messageId: 'a3',
            title: 'Arithmetic',
            snippet: { text: 'Third answer.', highlights: [[0, 5]] },
            score: 1,
          },
        ],
        total: 1,
        complete: true,
      }),
    );
    await view.user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'Third');
    const results = await screen.findByRole('list', { name: 'Search results' });
    await view.user.click(within(results).getByRole('button', { name: /Arithmetic/ }));
    await waitFor(async () => expect((await reply()).textContent).toContain('Third answer.'));
    expect(view.fake.callsTo('switchBranch')).toEqual([{ conversationId: 'c1', messageId: 'a3' }]);
  });
});
