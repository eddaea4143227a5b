import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ANSWER, QUESTION } from '../../testing/conversation-scenario';
import { createFakeBridge } from '../../testing/fake-bridge';
import { makeConversation, makeMessage } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

describe("the conversation's total in its header (issue 16)", () => {
  it("shows the ledger's total and asks again when a reply finishes", async () => {
    const fake = createFakeBridge({
      conversations: [makeConversation({ id: 'c1', title: 'Arithmetic', messageCount: 2 })],
      messages: new Map([['c1', [QUESTION, ANSWER]]]),
    });
    let total = 0.00014;
    let replies = 1;
    fake.override('getConversationSpending', async () => ({
      ok: true,
      value: { totalUsd: total, replies, estimated: replies > 1 },
    }));
    const view = renderApp(fake);
    await view.user.click(await screen.findByRole('button', { name: /^Arithmetic/ }));
    await waitFor(() =>
      expect(document.querySelector('.chat-header .conversation-cost')?.textContent).toBe(
        'This conversation has cost $0.00014 over 1 reply',
      ),
    );
    expect(view.fake.callsTo('getConversationSpending')).toEqual([{ conversationId: 'c1' }]);

    await view.user.type(screen.getByRole('textbox', { name: 'Message' }), 'And 3+3?{Enter}');
    await screen.findByRole('button', { name: 'Stop' });
    total = 0.00214;
    replies = 2;
    act(() =>
      view.fake.emitToLastStream([
        {
          type: 'done',
          result: {
            content: 'Six.',
            reasoning: '',
            finishReason: 'stop',
            usage: { promptTokens: 3, completionTokens: 7, cost: 0.002 },
            generationId: 'gen-2',
            model: 'openai/gpt-4o',
            provider: null,
            citations: [],
            images: [],
          },
        },
      ]),
    );
    await waitFor(() =>
      expect(document.querySelector('.conversation-cost')?.textContent).toBe(
        'This conversation has cost $0.00214 (estimated) over 2 replies',
      ),
    );
  });

  it("asks again when a stopped reply's final figures arrive later", async () => {
    const fake = createFakeBridge({
      conversations: [makeConversation({ id: 'c1', title: 'Arithmetic', messageCount: 2 })],
      messages: new Map([
        [
          'c1',
          [QUESTION, makeMessage({ id: 'a1', role: 'assistant', status: 'cancelled', content: 'Half' })],
        ],
      ]),
    });
    const usageListeners: Parameters<typeof fake.bridge.onReplyUsage>[0][] = [];
    fake.override('onReplyUsage', (listener) => {
      usageListeners.push(listener);
      return () => {};
    });
    let answer = { totalUsd: 0.0002, replies: 1, estimated: true };
    fake.override('getConversationSpending', async () => ({ ok: true, value: answer }));
    const view = renderApp(fake);
    await view.user.click(await screen.findByRole('button', { name: /^Arithmetic/ }));
    const cost = () => document.querySelector('.chat-header .conversation-cost')?.textContent;
    await waitFor(() => expect(cost()).toBe('This conversation has cost $0.0002 (estimated) over 1 reply'));

    answer = { totalUsd: 0.00031, replies: 1, estimated: false };
    act(() => {
      for (const listener of usageListeners) {
        listener({
          conversationId: 'c1',
          messageId: 'a1',
          usage: { promptTokens: 40, completionTokens: 9, cost: 0.00031 },
          provider: 'OpenAI',
        });
      }
    });
    await waitFor(() => expect(cost()).toBe('This conversation has cost $0.00031 over 1 reply'));
  });
});
