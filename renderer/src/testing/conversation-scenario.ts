import { screen } from '@testing-library/react';
import type { Message } from '../../../common/conversation-types';
import type { FakeState } from './fake-bridge';
import { makeConversation, makeMessage } from './fixtures';
import { renderApp } from './render-app';

/** An app with one conversation ("Arithmetic") holding `messages`, opened in the chat pane. */
export async function openConversationWith(messages: Message[], initial: Partial<FakeState> = {}) {
  const view = renderApp({
    conversations: [makeConversation({ id: 'c1', title: 'Arithmetic', messageCount: messages.length })],
    messages: new Map([['c1', messages]]),
    ...initial,
  });
  await view.user.click(await screen.findByRole('button', { name: /^Arithmetic/ }));
  await screen.findAllByRole('article');
  return view;
}

export const QUESTION = makeMessage({ id: 'u1', role: 'user', content: 'What is 2+2?' });
export const ANSWER = makeMessage({
  id: 'a1',
  role: 'assistant',
  content: 'It is **4**.',
  usage: { promptTokens: 12, completionTokens: 5, cost: 0.00014 },
});
