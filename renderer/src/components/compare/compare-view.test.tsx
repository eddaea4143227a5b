import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatResult, ChatStreamEvent } from '../../../../common/chat-types';
import { ANSWER, openConversationWith, QUESTION } from '../../testing/conversation-scenario';
import { isDisabled } from '../../testing/dom-helpers';
import { fail } from '../../testing/fake-bridge';
import { makeSettings } from '../../testing/fixtures';

type CompareCall = {
  conversationId: string;
  content: string;
  columns: { streamId: string; model: string }[];
};

// The columns' times are read from performance.now(); the tests set it.
let clock = 1_000;
const setClock = (ms: number) => {
  clock = ms;
};

afterEach(() => {
  vi.restoreAllMocks();
});

function result(partial: Partial<ChatResult>): ChatResult {
  return {
    content: '',
    reasoning: '',
    finishReason: 'stop',
    usage: null,
    generationId: 'gen-1',
    model: null,
    provider: null,
    citations: [],
    images: [],
    ...partial,
  };
}

/** An open conversation, its composer holding `text`, with Claude as a favourite (the second column). */
async function openWithDraft(text = 'Which is larger, 9.11 or 9.9?') {
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  const view = await openConversationWith([QUESTION, ANSWER], {
    settings: makeSettings({ favouriteModels: ['anthropic/claude-sonnet-4'] }),
  });
  await waitFor(() => expect(view.fake.callsTo('getSettings').length).toBeGreaterThan(0));
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  await view.user.type(box, text);
  return { ...view, box };
}

async function openCompare(view: Awaited<ReturnType<typeof openWithDraft>>) {
  await view.user.click(screen.getByRole('button', { name: 'Compare' }));
  return screen.getByRole('dialog', { name: 'Compare' });
}

function column(dialog: HTMLElement, name: RegExp) {
  return within(dialog).getByRole('region', { name });
}

/** Sends the compare and returns each column's stream and reply id, in column order. */
async function sendCompare(view: Awaited<ReturnType<typeof openWithDraft>>, dialog: HTMLElement) {
  await view.user.click(within(dialog).getByRole('button', { name: 'Send to all' }));
  await waitFor(() => expect(view.fake.callsTo('compareModels')).toHaveLength(1));
  const request = view.fake.callsTo('compareModels')[0] as CompareCall;
  const stored = view.fake.state.messages.get('c1') ?? [];
  const replies = stored.slice(-request.columns.length);
  const streams = request.columns.map((c, i) => ({
    streamId: c.streamId,
    messageId: replies[i]?.id ?? '',
    emit: (events: ChatStreamEvent[]) =>
      act(() =>
        view.fake.emitChatEvents({
          streamId: c.streamId,
          conversationId: 'c1',
          messageId: replies[i]?.id ?? '',
          events,
        }),
      ),
  }));
  await within(dialog).findByRole('button', { name: 'Stop all' });
  return { request, streams };
}

describe('Compare', () => {
  it('opens for the composer text with the current model and the next favourite; add up to 4, remove', async () => {
    const view = await openWithDraft();
    const button = screen.getByRole('button', { name: 'Compare' });
    expect(button.getAttribute('aria-keyshortcuts')).toContain('Control+Shift+M');
    const dialog = await openCompare(view);

    expect(within(dialog).getByRole('region', { name: 'Prompt' }).textContent).toContain('9.11 or 9.9');
    expect(
      within(dialog)
        .getAllByRole('region', { name: /^Column/ })
        .map((c) => c.querySelector('h3')?.textContent),
    ).toEqual(['Column 1: GPT-4o', 'Column 2: Claude Sonnet 4']);
    // Prices are shown with each model.
    expect(column(dialog, /Column 1/).textContent).toContain('per M tokens');
    // Two columns is the least: nothing to remove yet.
    expect(within(dialog).queryByRole('button', { name: /^Remove/ })).toBeNull();

    const add = within(dialog).getByRole('button', { name: 'Add model' });
    await view.user.click(add);
    await view.user.click(add);
    expect(within(dialog).getAllByRole('region', { name: /^Column/ })).toHaveLength(4);
    expect(isDisabled(add)).toBe(true);

    await view.user.click(within(dialog).getByRole('button', { name: 'Remove Claude Sonnet 4' }));
    const names = within(dialog)
      .getAllByRole('region', { name: /^Column/ })
      .map((c) => c.querySelector('h3')?.textContent);
    expect(names).toEqual([
      'Column 1: GPT-4o',
      'Column 2: Llama 3.3 70B (free)',
      'Column 3: Gemini 2.5 Flash',
    ]);
  });

  it('makes the app behind it inert while it is open, like every dialog of the window', async () => {
    const view = await openWithDraft();
    const app = document.querySelector('.app');
    expect(app?.hasAttribute('inert')).toBe(false);
    const dialog = await openCompare(view);
    expect(app?.hasAttribute('inert')).toBe(true);
    await view.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(app?.hasAttribute('inert')).toBe(false));
  });

  it('opens with Ctrl+Shift+M, and a column model is chosen in the picker', async () => {
    const view = await openWithDraft();
    await view.user.keyboard('{Control>}{Shift>}M{/Shift}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Compare' });
    await view.user.click(within(dialog).getByRole('button', { name: 'Change model: Claude Sonnet 4' }));
    const picker = await screen.findByRole('dialog', { name: 'Choose a model' });
    await view.user.type(within(picker).getByRole('searchbox', { name: 'Search models' }), 'Gemini{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Choose a model' })).toBeNull());
    expect(column(dialog, /Column 2/).querySelector('h3')?.textContent).toBe('Column 2: Gemini 2.5 Flash');
    // The chat's own model did not change.
    expect(screen.getByRole('button', { name: 'Model' }).textContent).toContain('GPT-4o');
  });

  it('sends once to every column, streams each, and shows its times, tokens, cost and provider', async () => {
    const view = await openWithDraft();
    const dialog = await openCompare(view);
    setClock(1_000);
    const { request, streams } = await sendCompare(view, dialog);

    expect(request.content).toBe('Which is larger, 9.11 or 9.9?');
    expect(request.conversationId).toBe('c1');
    expect(request.columns.map((c) => c.model)).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4']);
    expect(new Set(request.columns.map((c) => c.streamId)).size).toBe(2);
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
    // Accepted: the composer is empty again.
    expect(view.box.value).toBe('');

    const [gpt, claude] = streams;
    setClock(1_250);
    gpt?.emit([{ type: 'delta', content: '9.9 is **larger**', reasoning: '' }]);
    setClock(1_400);
    claude?.emit([{ type: 'delta', content: 'It is 9.9', reasoning: '' }]);
    setClock(2_500);
    gpt?.emit([
      {
        type: 'done',
        result: result({
          content: '9.9 is **larger**.',
          usage: { promptTokens: 21, completionTokens: 7, cost: 0.0001365 },
          provider: 'Azure',
          model: 'openai/gpt-4o',
        }),
      },
    ]);

    const first = column(dialog, /Column 1/);
    await waitFor(() => expect(within(first).getByText('larger').tagName).toBe('STRONG'));
    const stat = (col: HTMLElement, term: string) =>
      within(col).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(stat(first, 'Time to first token')).toBe('0.25 s');
    expect(stat(first, 'Total time')).toBe('1.50 s');
    expect(stat(first, 'Tokens')).toBe('21 prompt / 7 completion tokens');
    expect(stat(first, 'Cost')).toBe('$0.0001365');
    expect(stat(first, 'Provider')).toBe('Azure');
    expect(within(first).getByRole('button', { name: 'Continue with this' })).toBeTruthy();

    // The second column is still writing: its own figures so far, its own Stop.
    const second = column(dialog, /Column 2/);
    expect(stat(second, 'Time to first token')).toBe('0.40 s');
    expect(stat(second, 'Total time')).toBe('—');
    expect(within(second).getByRole('button', { name: 'Stop Claude Sonnet 4' })).toBeTruthy();
    expect(within(second).queryByRole('button', { name: 'Continue with this' })).toBeNull();
  });

  it('stops one column with its own Stop, and the others with Stop all or Escape', async () => {
    const view = await openWithDraft();
    const dialog = await openCompare(view);
    await view.user.click(within(dialog).getByRole('button', { name: 'Add model' }));
    const { request, streams } = await sendCompare(view, dialog);
    const [s1, s2, s3] = request.columns.map((c) => c.streamId);

    await view.user.click(within(dialog).getByRole('button', { name: 'Stop Claude Sonnet 4' }));
    expect(view.fake.callsTo('cancelChat')).toEqual([{ streamId: s2 }]);
    streams[1]?.emit([
      {
        type: 'error',
        error: { code: 'cancelled', message: 'Stopped' },
        partialContent: 'Half',
        partialReasoning: '',
      },
    ]);
    await within(column(dialog, /Column 2/)).findByText('Stopped');

    // Escape stops every column still streaming (not the one already stopped), and leaves the view open.
    await view.user.keyboard('{Escape}');
    await waitFor(() => expect(view.fake.callsTo('cancelChat')).toHaveLength(3));
    expect(view.fake.callsTo('cancelChat').slice(1)).toEqual([{ streamId: s1 }, { streamId: s3 }]);
    expect(screen.getByRole('dialog', { name: 'Compare' })).toBeTruthy();

    streams[0]?.emit([
      {
        type: 'error',
        error: { code: 'cancelled', message: 'Stopped' },
        partialContent: '',
        partialReasoning: '',
      },
    ]);
    await view.user.click(within(dialog).getByRole('button', { name: 'Stop all' }));
    expect(view.fake.callsTo('cancelChat').slice(3)).toEqual([{ streamId: s3 }]);
  });

  it('shows a failing column its own error while the others finish', async () => {
    const view = await openWithDraft();
    const dialog = await openCompare(view);
    const { streams } = await sendCompare(view, dialog);
    streams[1]?.emit([
      {
        type: 'error',
        error: { code: 'model_unavailable', message: 'Claude Sonnet 4 is not available right now.' },
        partialContent: '',
        partialReasoning: '',
      },
    ]);
    streams[0]?.emit([{ type: 'delta', content: 'Still here', reasoning: '' }]);
    streams[0]?.emit([{ type: 'done', result: result({ content: 'Still here.' }) }]);

    const second = column(dialog, /Column 2/);
    expect(await within(second).findByText(/not available right now/)).toBeTruthy();
    const first = column(dialog, /Column 1/);
    await within(first).findByText('Still here.');
    expect(within(first).queryByRole('alert')).toBeNull();
    expect(within(first).getByRole('button', { name: 'Continue with this' })).toBeTruthy();
    expect(within(second).queryByRole('button', { name: 'Continue with this' })).toBeNull();
  });

  it('"Continue with this" makes that reply the branch, closes the view and shows it', async () => {
    const view = await openWithDraft();
    const dialog = await openCompare(view);
    const { streams } = await sendCompare(view, dialog);
    streams[0]?.emit([{ type: 'done', result: result({ content: 'First answer.' }) }]);
    streams[1]?.emit([{ type: 'done', result: result({ content: 'Second answer.' }) }]);

    const second = column(dialog, /Column 2/);
    await view.user.click(await within(second).findByRole('button', { name: 'Continue with this' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Compare' })).toBeNull());
    expect(view.fake.callsTo('switchBranch')).toEqual([
      { conversationId: 'c1', messageId: streams[1]?.messageId },
    ]);
    const replies = await screen.findAllByRole('article', { name: 'assistant message' });
    expect(replies.at(-1)?.textContent).toContain('Second answer.');
    expect(screen.queryByText('First answer.')).toBeNull();
  });

  it('offers "Continue with this" only once main has answered with the replies (a short reply may end first)', async () => {
    const view = await openWithDraft();
    let answer: () => void = () => {};
    const original = view.fake.bridge.compareModels;
    view.fake.override('compareModels', (request) => {
      const result = original(request);
      return new Promise((resolve) => {
        answer = () => resolve(result);
      });
    });
    const dialog = await openCompare(view);
    await view.user.click(within(dialog).getByRole('button', { name: 'Send to all' }));
    await waitFor(() => expect(view.fake.callsTo('compareModels').length).toBeGreaterThan(0));
    const request = view.fake.callsTo('compareModels')[0] as CompareCall;
    await act(async () => {
      await Promise.resolve();
    });
    const replies = (view.fake.state.messages.get('c1') ?? []).slice(-2);
    request.columns.forEach((c, i) => {
      act(() =>
        view.fake.emitChatEvents({
          streamId: c.streamId,
          conversationId: 'c1',
          messageId: replies[i]?.id ?? '',
          events: [{ type: 'done', result: result({ content: `Short ${i}.` }) }],
        }),
      );
    });
    await within(column(dialog, /Column 2/)).findByText('Short 1.');
    expect(within(dialog).queryByRole('button', { name: 'Continue with this' })).toBeNull();

    await act(async () => answer());
    const second = column(dialog, /Column 2/);
    await view.user.click(await within(second).findByRole('button', { name: 'Continue with this' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Compare' })).toBeNull());
    expect(view.fake.callsTo('switchBranch')).toEqual([{ conversationId: 'c1', messageId: replies[1]?.id }]);
  });

  it('Close stops the columns still streaming and shows the conversation with the compared message', async () => {
    const view = await openWithDraft();
    const dialog = await openCompare(view);
    const { request, streams } = await sendCompare(view, dialog);
    streams[0]?.emit([{ type: 'done', result: result({ content: 'First answer.' }) }]);
    await within(column(dialog, /Column 1/)).findByText('First answer.');
    await view.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Compare' })).toBeNull());
    expect(view.fake.callsTo('cancelChat')).toEqual([{ streamId: request.columns[1]?.streamId }]);
    // The conversation is read again: the compared message and the first column's reply are its branch.
    const users = await screen.findAllByRole('article', { name: 'user message' });
    await waitFor(() => expect(users.at(-1)?.textContent).toContain('9.11 or 9.9'));
    const replies = screen.getAllByRole('article', { name: 'assistant message' });
    expect(replies.at(-1)?.textContent).toContain('First answer.');
  });

  it('shows a refusal of the whole compare like a refused message, and keeps the text', async () => {
    const view = await openWithDraft();
    view.fake.override('compareModels', async () =>
      fail('spending_limit_reached', 'Daily limit reached', {
        spendingLimit: { period: 'daily', limitUsd: 1, spentUsd: 1.2, resetsAt: '2025-06-02T00:00:00.000Z' },
      }),
    );
    const dialog = await openCompare(view);
    await view.user.click(within(dialog).getByRole('button', { name: 'Send to all' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/^Not sent\. Your daily spending limit of \$1\.00 is reached/);
    expect(within(dialog).getByRole('button', { name: 'Change limit' })).toBeTruthy();
    // Nothing started: models can still be changed, and the composer keeps the text.
    expect(within(dialog).getByRole('button', { name: 'Send to all' })).toBeTruthy();
    expect(within(dialog).queryByText('Stop all')).toBeNull();
    expect(view.box.value).toBe('Which is larger, 9.11 or 9.9?');
  });
});
