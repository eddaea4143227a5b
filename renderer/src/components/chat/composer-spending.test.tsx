import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../../common/ipc/define';
import { DEFAULT_CONVERSATION_OPTIONS } from '../../../../common/request-options';
import type { CostEstimate } from '../../../../common/spending-types';
import { ESTIMATE_DEBOUNCE_MS } from '../../hooks/use-cost-estimate';
import { ANSWER, openConversationWith, QUESTION } from '../../testing/conversation-scenario';
import { descriptionOf } from '../../testing/dom-helpers';
import { fail } from '../../testing/fake-bridge';
import { makeConversation, makeSettings } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

const RANGE: CostEstimate = { promptTokens: 120, lowUsd: 0.0012, highUsd: 0.031, unknownPrice: false };
const LIMIT_REACHED = fail('spending_limit_reached', 'Daily spending limit reached.', {
  spendingLimit: { period: 'daily', limitUsd: 1, spentUsd: 1.02, resetsAt: '2026-12-07T00:00:00' },
});
const LIMIT_TEXT =
  'Your daily spending limit of $1.00 is reached: $1.02 spent today. It resets on 7 Dec 2026, 00:00.';

async function ready(view: ReturnType<typeof renderApp>) {
  await waitFor(() => expect(screen.queryByText('Checking your OpenRouter key…')).toBeNull());
  await waitFor(() => expect(view.fake.callsTo('getSettings').length).toBe(1));
  await waitFor(() => expect(view.fake.callsTo('listModels').length).toBe(1));
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
}

function withEstimate(view: ReturnType<typeof renderApp>, estimate: CostEstimate) {
  view.fake.override('estimateCost', async () => ({ ok: true, value: estimate }));
}

describe('the estimate near Send (issue 16)', () => {
  it('appears once typing pauses, labelled as an estimate and describing Send, asked once for the whole word', async () => {
    const view = renderApp();
    withEstimate(view, RANGE);
    const box = await ready(view);
    await view.user.type(box, 'Hello');
    const note = await screen.findByText('Estimate: $0.0012–$0.031');
    expect(note.getAttribute('title')).toMatch(/^An estimate, not the price/);
    expect(descriptionOf(screen.getByRole('button', { name: 'Send' }))).toContain('Estimate: $0.0012–$0.031');
    // Debounced: the keystrokes of one word cost one request, for the text as it stands.
    expect(view.fake.callsTo('estimateCost')).toEqual([
      { conversationId: null, model: 'openai/gpt-4o', draft: 'Hello' },
    ]);
  });

  it('drops an answer that a newer request superseded', async () => {
    const view = renderApp();
    let releaseFirst: (r: Result<CostEstimate>) => void = () => {};
    const first = new Promise<Result<CostEstimate>>((resolve) => {
      releaseFirst = resolve;
    });
    let call = 0;
    view.fake.override('estimateCost', () => {
      call += 1;
      if (call === 1) return first;
      return Promise.resolve({ ok: true as const, value: { ...RANGE, highUsd: 0.05 } });
    });
    const box = await ready(view);
    await view.user.type(box, 'a');
    await waitFor(() => expect(view.fake.callsTo('estimateCost')).toHaveLength(1));
    await view.user.type(box, 'b');
    await screen.findByText('Estimate: $0.0012–$0.05');
    await act(async () => {
      releaseFirst({ ok: true, value: RANGE });
      await first;
      // Past the answer's own continuation, which runs a tick after the promise settles.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
    });
    expect(screen.queryByText('Estimate: $0.0012–$0.031')).toBeNull();
    expect(screen.getByText('Estimate: $0.0012–$0.05')).toBeTruthy();
  });

  it('is not shown for a free model, unless web search (billed) is on', async () => {
    const view = renderApp({
      settings: makeSettings({ defaultModel: 'meta-llama/llama-3.3-70b-instruct:free', recentModels: [] }),
    });
    withEstimate(view, { promptTokens: 10, lowUsd: 0.005, highUsd: 0.005, unknownPrice: false });
    const box = await ready(view);
    // Fake timers for the debounce only, so "nothing was asked" is checked well past it without waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.change(box, { target: { value: 'Hi' } });
      act(() => {
        vi.advanceTimersByTime(10 * ESTIMATE_DEBOUNCE_MS);
      });
      expect(view.fake.callsTo('estimateCost')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
    expect(screen.queryByText(/^Estimate/)).toBeNull();
    await view.user.click(screen.getByRole('button', { name: 'Web search' }));
    await screen.findByText('Estimate: $0.005');
    expect(view.fake.callsTo('estimateCost')).toEqual([
      { conversationId: null, model: 'meta-llama/llama-3.3-70b-instruct:free', draft: 'Hi', webSearch: true },
    ]);
  });

  it('counts web search for a conversation that has it on for every message, also on a free model', async () => {
    const view = renderApp({
      settings: makeSettings({ defaultModel: 'meta-llama/llama-3.3-70b-instruct:free', recentModels: [] }),
      conversations: [
        makeConversation({ id: 'c1', title: 'Research', model: 'meta-llama/llama-3.3-70b-instruct:free' }),
      ],
      conversationOptions: new Map([['c1', { ...DEFAULT_CONVERSATION_OPTIONS, webSearchAlways: true }]]),
    });
    withEstimate(view, { promptTokens: 10, lowUsd: 0.02, highUsd: 0.02, unknownPrice: false });
    await ready(view);
    await view.user.click(await screen.findByRole('button', { name: /^Research/ }));
    await view.user.type(screen.getByRole('textbox', { name: 'Message' }), 'Find sources');
    await screen.findByText('Estimate: $0.02');
    expect(view.fake.callsTo('estimateCost').at(-1)).toEqual({
      conversationId: 'c1',
      model: 'meta-llama/llama-3.3-70b-instruct:free',
      draft: 'Find sources',
      webSearch: true,
    });
  });

  it('says when the price is unknown', async () => {
    const view = renderApp();
    withEstimate(view, { promptTokens: 0, lowUsd: 0, highUsd: 0, unknownPrice: true });
    await view.user.type(await ready(view), 'Hi');
    expect((await screen.findByText(/^Estimate: unknown price/)).textContent).toBe(
      'Estimate: unknown price for this model: the cost will show on the reply.',
    );
  });

  it("says before sending when the key's remaining limit is below the high estimate", async () => {
    const view = renderApp();
    withEstimate(view, { ...RANGE, keyLimitRemainingUsd: 0.02 });
    await view.user.type(await ready(view), 'Hi');
    expect((await screen.findByText(/^Your key has/)).textContent).toBe(
      'Your key has $0.02 left on OpenRouter; this message could cost up to $0.031. OpenRouter may refuse it or cut the reply short.',
    );
  });
});

describe('"Ask before a message that could cost more than $X" (issue 16)', () => {
  const asking = () =>
    renderApp({
      settings: makeSettings({ spending: { dailyUsd: null, monthlyUsd: null, askAboveUsd: 0.01 } }),
    });

  it('asks when the high estimate is above it: Cancel keeps the text unsent, Send anyway sends, all by keyboard', async () => {
    const view = asking();
    withEstimate(view, RANGE);
    const box = await ready(view);
    await view.user.type(box, 'Write an essay{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Send this message?' });
    expect(dialog.textContent).toContain('could cost up to $0.031 (estimate), more than the $0.01');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
    expect(box.value).toBe('Write an essay');

    await view.user.click(box);
    await view.user.keyboard('{Enter}');
    const again = await screen.findByRole('dialog', { name: 'Send this message?' });
    await view.user.tab({ shift: true });
    expect(document.activeElement).toBe(within(again).getByRole('button', { name: 'Send anyway' }));
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    await waitFor(() => expect(box.value).toBe(''));
  });

  it('still asks, saying why, when no estimate could be made', async () => {
    const view = asking();
    view.fake.override('estimateCost', async () => fail('offline', 'You are offline.'));
    await view.user.type(await ready(view), 'Hi{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Send this message?' });
    expect(dialog.textContent).toContain("This message's cost could not be estimated (You are offline.)");
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
  });

  it('sends without asking when the high estimate is within it', async () => {
    const view = asking();
    withEstimate(view, { ...RANGE, highUsd: 0.009 });
    await view.user.type(await ready(view), 'Hi{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('a send refused by a spending limit (issue 16)', () => {
  it('says which limit, what was spent and when it resets, keeps the text, and "Change limit" opens Settings → Spending', async () => {
    const view = renderApp();
    view.fake.override('sendMessage', async () => LIMIT_REACHED);
    const box = await ready(view);
    await view.user.type(box, 'One more question{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(`Not sent. ${LIMIT_TEXT}`);
    expect(box.value).toBe('One more question');
    await view.user.click(screen.getByRole('button', { name: 'Change limit' }));
    const settings = await screen.findByRole('dialog', { name: 'Settings' });
    expect(document.activeElement).toBe(
      within(settings).getByRole('textbox', { name: 'Daily spending limit (USD)' }),
    );
  });

  it('regenerate refused by a limit says so in a toast with "Change limit"', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    view.fake.override('regenerate', async () => LIMIT_REACHED);
    const reply = screen.getByRole('article', { name: 'assistant message' });
    await view.user.click(within(reply).getByRole('button', { name: 'Regenerate' }));
    const toast = await screen.findByText(`Not sent. ${LIMIT_TEXT}`);
    const container = toast.closest('.toast') as HTMLElement;
    await view.user.click(within(container).getByRole('button', { name: 'Change limit' }));
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('edit-and-resend refused by a limit keeps the edit and says why', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    view.fake.override('editAndResend', async () => LIMIT_REACHED);
    const message = screen.getByRole('article', { name: 'user message' });
    await view.user.click(within(message).getByRole('button', { name: 'Edit' }));
    const field = within(message).getByRole('textbox');
    await view.user.clear(field);
    await view.user.type(field, 'What is 3+3?');
    await view.user.click(within(message).getByRole('button', { name: /save|send/i }));
    expect(await within(message).findByText(LIMIT_TEXT, { exact: false })).toBeTruthy();
    expect((within(message).getByRole('textbox') as HTMLTextAreaElement).value).toBe('What is 3+3?');
  });
});
