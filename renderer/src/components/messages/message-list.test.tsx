import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarkdownViewProps } from '../../markdown';
import { ANSWER, openConversationWith, QUESTION } from '../../testing/conversation-scenario';
import { ok } from '../../testing/fake-bridge';
import { makeMessage } from '../../testing/fixtures';

// Counts renders of the Markdown view per source text, to prove a batch re-renders one message.
const markdownRenders = vi.hoisted(() => [] as string[]);
vi.mock('../../markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../markdown')>();
  return {
    ...actual,
    MarkdownView: (props: MarkdownViewProps) => {
      markdownRenders.push(props.source);
      return <actual.MarkdownView {...props} />;
    },
  };
});

beforeEach(() => {
  markdownRenders.length = 0;
});

function longConversation(count: number) {
  return Array.from({ length: count }, (_, i) =>
    makeMessage({ id: `m${i}`, role: i % 2 === 0 ? 'user' : 'assistant', content: `Message number ${i}` }),
  );
}

describe('message list', () => {
  it('loads only the latest page of a long conversation and renders a window of it', async () => {
    const view = await openConversationWith(longConversation(2000));
    // The first read is one small page; jsdom has no layout, so the list may then page back once.
    expect(view.fake.callsTo('loadMessages')[0]).toEqual({ conversationId: 'c1', limit: 20 });
    expect(view.fake.callsTo('loadMessages').length).toBeLessThanOrEqual(2);
    expect(screen.getAllByRole('article').length).toBeLessThanOrEqual(70);
    expect(screen.queryByText('Message number 0')).toBeNull();
    expect(await screen.findByText('Message number 1999')).toBeTruthy();
  });

  it('re-renders only the streaming message when a batch arrives', async () => {
    const view = await openConversationWith([
      QUESTION,
      ANSWER,
      makeMessage({ id: 'u2', role: 'user', content: 'More?' }),
      makeMessage({ id: 'a2', role: 'assistant', status: 'streaming', content: 'Start' }),
    ]);
    await waitFor(() => expect(markdownRenders).toContain('It is **4**.'));
    markdownRenders.length = 0;
    act(() =>
      view.fake.emitChatEvents({
        streamId: crypto.randomUUID(),
        conversationId: 'c1',
        messageId: 'a2',
        events: [{ type: 'delta', content: ' and more', reasoning: '' }],
      }),
    );
    await waitFor(() => expect(markdownRenders).toContain('Start and more'));
    expect(markdownRenders.every((source) => source === 'Start and more')).toBe(true);
  });

  it('keeps events that arrive before main answers the send', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    const original = view.fake.bridge.sendMessage;
    view.fake.override('sendMessage', async (request) => {
      const answer = await original(request);
      if (!answer.ok) return answer;
      // Main may emit the first batch before its reply to the invoke reaches the window.
      view.fake.emitChatEvents({
        streamId: request.streamId,
        conversationId: request.conversationId,
        messageId: answer.value.assistantMessage.id,
        events: [{ type: 'delta', content: 'Early words', reasoning: '' }],
      });
      return ok(answer.value);
    });
    await view.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Quick{Enter}');
    expect(await screen.findByText('Early words')).toBeTruthy();
  });

  it('edits a sent message and resends it', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    const question = await screen.findByRole('article', { name: 'user message' });
    await view.user.click(within(question).getByRole('button', { name: 'Edit' }));
    const editor = within(question).getByRole('textbox', { name: 'Edit message' });
    await view.user.clear(editor);
    await view.user.type(editor, 'What is 3+3?');
    await view.user.click(within(question).getByRole('button', { name: 'Save and resend' }));
    await waitFor(() =>
      expect(view.fake.callsTo('editAndResend')).toEqual([
        expect.objectContaining({ conversationId: 'c1', messageId: 'u1', content: 'What is 3+3?' }),
      ]),
    );
    expect(await screen.findByText('What is 3+3?')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('What is 2+2?')).toBeNull());
  });

  it('cancels an edit with the Cancel button', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    const question = await screen.findByRole('article', { name: 'user message' });
    await view.user.click(within(question).getByRole('button', { name: 'Edit' }));
    await view.user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(within(question).queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(view.fake.callsTo('editAndResend')).toHaveLength(0);
  });

  it('subscribes to chat events once for the whole window', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    expect(view.fake.chatListenerCount()).toBe(1);
  });
});
