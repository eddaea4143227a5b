import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../../common/errors';
import { ANSWER, openConversationWith, QUESTION } from '../../testing/conversation-scenario';
import { isDisabled } from '../../testing/dom-helpers';
import { createFakeBridge, fail } from '../../testing/fake-bridge';
import { makeConversation, makeMessage, makeModel, STANDARD_MODELS } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';
import type { VersionSwitcher as RealVersionSwitcher } from './version-switcher';

// Counts renders of a reply's version switcher (in its actions row), to prove a stream batch leaves
// the parts of the reply other than its text alone.
const switcherRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./version-switcher', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./version-switcher')>();
  return {
    ...actual,
    VersionSwitcher: (props: Parameters<typeof RealVersionSwitcher>[0]) => {
      switcherRenders.count++;
      return <actual.VersionSwitcher {...props} />;
    },
  };
});

function streamingReply() {
  return makeMessage({ id: 'a1', role: 'assistant', status: 'streaming', content: '' });
}

function failWith(error: AppError, partialContent = 'Partial answer') {
  return [{ type: 'error' as const, error, partialContent, partialReasoning: '' }];
}

async function replyArticle() {
  const articles = await screen.findAllByRole('article', { name: 'assistant message' });
  const last = articles[articles.length - 1];
  if (!last) throw new Error('no assistant message');
  return last;
}

/** Opens a conversation whose last reply is streaming, then ends it with `error`. */
async function endWithError(error: AppError) {
  const view = await openConversationWith([QUESTION, streamingReply()]);
  act(() =>
    view.fake.emitChatEvents({
      streamId: crypto.randomUUID(),
      conversationId: 'c1',
      messageId: 'a1',
      events: failWith(error),
    }),
  );
  const reply = await replyArticle();
  await within(reply).findByRole('alert');
  return { view, reply };
}

describe('assistant message', () => {
  it('shows model, tokens and cost in its footer, and an em dash for unknown cost', async () => {
    await openConversationWith([
      QUESTION,
      ANSWER,
      makeMessage({ id: 'u2', role: 'user', content: 'Again?' }),
      makeMessage({ id: 'a2', role: 'assistant', content: 'Yes.', usage: null }),
    ]);
    const [first, second] = await screen.findAllByRole('article', { name: 'assistant message' });
    expect(first?.textContent).toContain('openai/gpt-4o');
    expect(first?.textContent).toContain('12 prompt / 5 completion tokens');
    expect(first?.textContent).toContain('$0.00014');
    expect(second?.querySelector('.message-cost')?.textContent).toBe('—');
  });

  it('shows every billed figure: reasoning, cached tokens with their discount, provider, BYOK upstream cost', async () => {
    const sonnet = makeModel({
      id: 'anthropic/claude-sonnet-4',
      name: 'Claude Sonnet 4',
      extraPrices: {
        cacheReadPerMTok: 0.3,
        cacheWritePerMTok: 3.75,
        internalReasoningPerMTok: null,
        webSearchPerRequest: null,
        perImage: null,
        perRequest: null,
      },
    });
    await openConversationWith(
      [
        QUESTION,
        makeMessage({
          id: 'a1',
          role: 'assistant',
          content: 'Four.',
          model: 'anthropic/claude-sonnet-4',
          provider: 'Anthropic',
          usage: {
            promptTokens: 2000,
            completionTokens: 50,
            reasoningTokens: 30,
            cachedPromptTokens: 1000,
            cacheWriteTokens: 200,
            webSearchRequests: 1,
            cost: 0.0123,
            isByok: true,
            upstreamCost: 0.0042,
          },
        }),
      ],
      { models: { models: [...STANDARD_MODELS.slice(0, 1), sonnet], fetchedAt: '', stale: false } },
    );
    const reply = await replyArticle();
    const meta = reply.querySelector('.message-meta')?.textContent ?? '';
    expect(meta).toContain('anthropic/claude-sonnet-4 via Anthropic');
    expect(meta).toContain('2,000 prompt / 50 completion tokens');
    expect(meta).toContain('30 reasoning tokens');
    expect(meta).toContain('1,000 cached prompt tokens (saved $0.0027)');
    expect(meta).toContain('200 tokens written to cache');
    expect(meta).toContain('1 web search');
    expect(meta).toContain('$0.012');
    expect(meta).toContain('BYOK: upstream $0.0042');
  });

  it('lists the sources a reply cites, numbered, and opens them through main', async () => {
    const view = await openConversationWith([
      QUESTION,
      makeMessage({
        id: 'a1',
        role: 'assistant',
        content: 'It is 4 [1][2].',
        citations: [
          { url: 'https://example.com/sum', title: 'Sums explained', host: 'example.com' },
          { url: 'https://maths.example.org/a?b=1', title: '', host: 'maths.example.org' },
        ],
      }),
    ]);
    const reply = await replyArticle();
    const sources = within(reply).getByRole('region', { name: 'Sources' });
    const items = within(sources).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Sums explained — example.com',
      'maths.example.org — maths.example.org',
    ]);
    expect(sources.querySelector('ol')).toBeTruthy();
    await view.user.click(within(sources).getByRole('link', { name: /Sums explained/ }));
    expect(view.fake.callsTo('openExternal')).toEqual([{ url: 'https://example.com/sum' }]);
  });

  it('shows no Sources for a reply without citations', async () => {
    await openConversationWith([QUESTION, ANSWER]);
    const reply = await replyArticle();
    expect(within(reply).queryByRole('region', { name: 'Sources' })).toBeNull();
  });

  it('shows the images of a reply, fetched from main, and saves one with "Save image"', async () => {
    const view = await openConversationWith([
      QUESTION,
      makeMessage({
        id: 'a1',
        role: 'assistant',
        content: 'Here is a cat.',
        images: [
          { id: '1.png', mimeType: 'image/png', byteLength: 68 },
          { id: '2.png', mimeType: 'image/png', byteLength: 70 },
        ],
      }),
    ]);
    const reply = await replyArticle();
    const first = await within(reply).findByRole('img', { name: 'Image 1 from the reply' });
    expect(first.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(await within(reply).findByRole('img', { name: 'Image 2 from the reply' })).toBeTruthy();
    expect(view.fake.callsTo('getReplyImage')).toEqual([
      { conversationId: 'c1', messageId: 'a1', imageId: '1.png' },
      { conversationId: 'c1', messageId: 'a1', imageId: '2.png' },
    ]);
    const second = within(reply).getByRole('figure', { name: 'Image 2 from the reply' });
    await view.user.click(within(second).getByRole('button', { name: 'Save image' }));
    expect(view.fake.callsTo('saveReplyImage')).toEqual([
      { conversationId: 'c1', messageId: 'a1', imageId: '2.png' },
    ]);
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(toasts.textContent).toContain('Saved the image to 2.png.'));
  });

  it('says clearly when an image of a reply cannot be shown, and keeps the text', async () => {
    const fake = createFakeBridge({
      conversations: [makeConversation({ id: 'c1', title: 'Arithmetic', messageCount: 2 })],
      messages: new Map([
        [
          'c1',
          [
            QUESTION,
            makeMessage({
              id: 'a1',
              role: 'assistant',
              content: 'Here is a cat.',
              images: [{ id: '1.png', mimeType: 'image/png', byteLength: 68 }],
            }),
          ],
        ],
      ]),
    });
    fake.override('getReplyImage', async () => fail('validation', 'The image file is missing.'));
    const view = renderApp(fake);
    await view.user.click(await screen.findByRole('button', { name: /^Arithmetic/ }));
    const reply = await replyArticle();
    const figure = within(reply).getByRole('figure', { name: 'Image 1 from the reply' });
    await waitFor(() =>
      expect(figure.textContent).toContain('Image 1 could not be shown: The image file is missing.'),
    );
    expect(within(figure).queryByRole('img')).toBeNull();
    expect(reply.textContent).toContain('Here is a cat.');
  });

  it('fills in the usage line when main sends the final figures of a stopped reply', async () => {
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
    const view = renderApp(fake);
    await view.user.click(await screen.findByRole('button', { name: /^Arithmetic/ }));
    const reply = await replyArticle();
    expect(reply.querySelector('.message-cost')?.textContent).toBe('—');
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
    await waitFor(() => expect(reply.querySelector('.message-cost')?.textContent).toBe('$0.00031'));
    expect(reply.textContent).toContain('40 prompt / 9 completion tokens');
    expect(reply.textContent).toContain('via OpenAI');
    expect(reply.textContent).toContain('Half');
  });

  it('fills in as deltas arrive and completes on done', async () => {
    const view = await openConversationWith([QUESTION, streamingReply()]);
    const batch = (events: Parameters<typeof view.fake.emitChatEvents>[0]['events']) =>
      act(() =>
        view.fake.emitChatEvents({
          streamId: crypto.randomUUID(),
          conversationId: 'c1',
          messageId: 'a1',
          events,
        }),
      );
    batch([{ type: 'delta', content: 'Two plus', reasoning: 'Adding.' }]);
    batch([{ type: 'delta', content: ' two is four.', reasoning: '' }]);
    const reply = await replyArticle();
    await waitFor(() => expect(reply.textContent).toContain('Two plus two is four.'));
    expect(within(reply).queryByRole('button', { name: 'Regenerate' })).toBeNull();
    batch([
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 7 } },
      {
        type: 'done',
        result: {
          content: 'Two plus two is four.',
          reasoning: 'Adding.',
          finishReason: 'stop',
          usage: { promptTokens: 3, completionTokens: 7, cost: 0.002 },
          generationId: 'gen-1',
          model: 'openai/gpt-4o-2024',
          provider: null,
          citations: [],
          images: [],
        },
      },
    ]);
    await waitFor(() => expect(reply.textContent).toContain('$0.002'));
    expect(reply.textContent).toContain('openai/gpt-4o-2024');
    expect(reply.textContent).toContain('3 prompt / 7 completion tokens');
    expect(within(reply).getByText('Reasoning')).toBeTruthy();
    expect(within(reply).getByRole('button', { name: 'Regenerate' })).toBeTruthy();
  });

  it('renders only the text of a streaming reply on each batch, not its actions', async () => {
    const view = await openConversationWith([QUESTION, streamingReply()]);
    const reply = await replyArticle();
    const before = switcherRenders.count;
    let text = '';
    for (let i = 0; i < 50; i++) {
      text += ` word${i}`;
      act(() =>
        view.fake.emitChatEvents({
          streamId: crypto.randomUUID(),
          conversationId: 'c1',
          messageId: 'a1',
          events: [{ type: 'delta', content: ` word${i}`, reasoning: '' }],
        }),
      );
    }
    await waitFor(() => expect(reply.textContent).toContain(text.trim()));
    // The first batch shows the text (the actions render once more for it); the other 49 do not.
    expect(switcherRenders.count - before).toBeLessThanOrEqual(1);
    // The copy button still copies what has arrived so far.
    expect(isDisabled(within(reply).getByRole('button', { name: 'Copy' }))).toBe(false);
  });

  it('keeps partial text above an error and offers Retry for connection problems', async () => {
    const { view, reply } = await endWithError({ code: 'connection_lost', message: 'The connection broke.' });
    const alert = within(reply).getByRole('alert');
    expect(alert.textContent).toContain('The connection broke.');
    expect(reply.textContent).toContain('Partial answer');
    // Partial text comes before the error in reading order.
    const text = reply.textContent ?? '';
    expect(text.indexOf('Partial answer')).toBeLessThan(text.indexOf('The connection broke.'));
    await view.user.click(within(reply).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(view.fake.callsTo('regenerate')).toHaveLength(1));
    expect(view.fake.callsTo('regenerate')[0]).toMatchObject({ conversationId: 'c1', fromMessageId: 'a1' });
  });

  it.each([
    ['timeout', 'Retry'],
    ['offline', 'Retry'],
    ['upstream_error', 'Retry'],
  ] as const)('offers Retry for %s', async (code, action) => {
    const { reply } = await endWithError({ code, message: `Failed: ${code}` });
    expect(within(reply).getByRole('button', { name: action })).toBeTruthy();
  });

  it('offers Remove key for a rejected key, which leads back to onboarding', async () => {
    const { view, reply } = await endWithError({
      code: 'key_rejected',
      message: 'OpenRouter rejected the key.',
    });
    await view.user.click(within(reply).getByRole('button', { name: 'Remove key' }));
    expect(view.fake.callsTo('removeKey')).toHaveLength(1);
    expect(await screen.findByRole('region', { name: 'Connect your OpenRouter key' })).toBeTruthy();
  });

  it('offers Add credits, which opens the credits page through main', async () => {
    const { view, reply } = await endWithError({ code: 'out_of_credits', message: 'No credits left.' });
    await view.user.click(within(reply).getByRole('button', { name: 'Add credits' }));
    expect(view.fake.callsTo('openExternal')).toEqual([{ url: 'https://openrouter.ai/settings/credits' }]);
  });

  it('counts down before allowing a retry after a rate limit', async () => {
    const { reply } = await endWithError({
      code: 'rate_limited',
      message: 'Too many requests.',
      retryAfterSeconds: 1,
    });
    const waiting = within(reply).getByRole('button', { name: 'Retry in 1 s' });
    expect(isDisabled(waiting)).toBe(true);
    const retry = await within(reply).findByRole('button', { name: 'Retry' }, { timeout: 2500 });
    expect(isDisabled(retry)).toBe(false);
  });

  it('lists moderation reasons', async () => {
    const { reply } = await endWithError({
      code: 'moderation',
      message: 'The request was flagged.',
      reasons: ['harassment', 'violence'],
    });
    const alert = within(reply).getByRole('alert');
    expect(alert.textContent).toContain('harassment');
    expect(alert.textContent).toContain('violence');
  });

  it.each(['provider_unavailable', 'model_unavailable', 'context_too_long'] as const)(
    'offers another model and Retry for %s',
    async (code) => {
      const { view, reply } = await endWithError({ code, message: 'That model cannot answer now.' });
      expect(within(reply).getByRole('button', { name: 'Retry' })).toBeTruthy();
      await view.user.click(within(reply).getByRole('button', { name: 'Pick another model' }));
      expect(await screen.findByRole('dialog', { name: 'Choose a model' })).toBeTruthy();
    },
  );

  it('marks a cancelled reply as stopped, keeps its text and raises no alert', async () => {
    const view = await openConversationWith([QUESTION, streamingReply()]);
    act(() =>
      view.fake.emitChatEvents({
        streamId: crypto.randomUUID(),
        conversationId: 'c1',
        messageId: 'a1',
        events: failWith({ code: 'cancelled', message: 'Cancelled.' }, 'Half a thought'),
      }),
    );
    const reply = await replyArticle();
    await waitFor(() => expect(within(reply).getByText('Stopped')).toBeTruthy());
    expect(reply.textContent).toContain('Half a thought');
    expect(within(reply).queryByRole('alert')).toBeNull();
  });

  it('offers Regenerate on an interrupted reply', async () => {
    const view = await openConversationWith([
      QUESTION,
      makeMessage({ id: 'a1', role: 'assistant', status: 'interrupted', content: 'Cut off' }),
    ]);
    const reply = await replyArticle();
    expect(reply.textContent).toContain('This reply was interrupted');
    const buttons = within(reply).getAllByRole('button', { name: 'Regenerate' });
    expect(buttons).toHaveLength(1);
    await view.user.click(buttons[0] as HTMLElement);
    await waitFor(() => expect(view.fake.callsTo('regenerate')).toHaveLength(1));
  });

  it('offers Regenerate on the last reply only', async () => {
    const view = await openConversationWith([
      QUESTION,
      ANSWER,
      makeMessage({ id: 'u2', role: 'user', content: 'And 3+3?' }),
      makeMessage({ id: 'a2', role: 'assistant', content: 'Six.' }),
    ]);
    const [first, last] = await screen.findAllByRole('article', { name: 'assistant message' });
    expect(within(first as HTMLElement).queryByRole('button', { name: 'Regenerate' })).toBeNull();
    await view.user.click(within(last as HTMLElement).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() =>
      expect(view.fake.callsTo('regenerate')[0]).toMatchObject({
        conversationId: 'c1',
        fromMessageId: 'a2',
        model: 'openai/gpt-4o',
      }),
    );
    // The old reply is replaced by the new placeholder.
    await waitFor(() => expect(screen.queryByText('Six.')).toBeNull());
  });

  it('marks a reply cut off by the length limit and continues it with a "Continue" message', async () => {
    const view = await openConversationWith([
      QUESTION,
      makeMessage({ id: 'a1', role: 'assistant', content: 'Two plus two is', finishReason: 'length' }),
    ]);
    const reply = await replyArticle();
    expect(within(reply).getByText('Cut off: the reply reached the Max tokens limit')).toBeTruthy();
    // The reply's own actions are still there.
    expect(within(reply).getByRole('button', { name: 'Regenerate' })).toBeTruthy();
    await view.user.click(within(reply).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    expect(view.fake.callsTo('sendMessage')[0]).toMatchObject({
      conversationId: 'c1',
      content: 'Continue',
      model: 'openai/gpt-4o',
    });
    // The cut-off reply stays; the continuation is a new turn below it.
    await waitFor(() =>
      expect(screen.getAllByRole('article', { name: 'assistant message' })).toHaveLength(2),
    );
    expect(screen.getByText('Two plus two is')).toBeTruthy();
  });

  it('shows the length marker on an earlier reply but offers Continue on the last reply only', async () => {
    await openConversationWith([
      QUESTION,
      makeMessage({ id: 'a1', role: 'assistant', content: 'Cut', finishReason: 'length' }),
      makeMessage({ id: 'u2', role: 'user', content: 'And 3+3?' }),
      makeMessage({ id: 'a2', role: 'assistant', content: 'Six.', finishReason: 'stop' }),
    ]);
    const [first, last] = await screen.findAllByRole('article', { name: 'assistant message' });
    const earlier = within(first as HTMLElement);
    expect(earlier.getByText('Cut off: the reply reached the Max tokens limit')).toBeTruthy();
    expect(earlier.queryByRole('button', { name: 'Continue' })).toBeNull();
    expect(last?.textContent).not.toContain('Cut off');
  });

  it('marks a reply stopped by the content filter, without Continue', async () => {
    await openConversationWith([
      QUESTION,
      makeMessage({ id: 'a1', role: 'assistant', content: 'I can', finishReason: 'content_filter' }),
    ]);
    const reply = await replyArticle();
    expect(within(reply).getByText("Stopped by the provider's content filter")).toBeTruthy();
    expect(within(reply).queryByRole('button', { name: 'Continue' })).toBeNull();
    expect(reply.textContent).not.toContain('Cut off');
  });

  it('shows no cut-off marker on a reply that finished normally', async () => {
    await openConversationWith([
      QUESTION,
      makeMessage({ id: 'a1', role: 'assistant', content: 'Four.', finishReason: 'stop' }),
    ]);
    const reply = await replyArticle();
    expect(reply.textContent).not.toContain('Cut off');
    expect(reply.textContent).not.toContain('content filter');
    expect(within(reply).queryByRole('button', { name: 'Continue' })).toBeNull();
  });

  it('copies the message text', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    const reply = await replyArticle();
    await view.user.click(within(reply).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('It is **4**.');
  });

  // A message's Copy and a code block's Copy code are one component; a message tells the outcome in a
  // toast and keeps its label (a code block says "Copied" itself: markdown/code-block.test.tsx).
  it('says in a notification that the text was copied, and keeps saying "Copy"', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    const reply = await replyArticle();
    const copy = within(reply).getByRole('button', { name: 'Copy' });
    await view.user.click(copy);
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(toasts.textContent).toContain('Copied to the clipboard'));
    expect(copy.textContent).toBe('Copy');
    expect(within(reply).queryByRole('status')).toBeNull();
  });

  it('says in an error notification when the clipboard refuses', async () => {
    const view = await openConversationWith([QUESTION, ANSWER]);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const reply = await replyArticle();
    await view.user.click(within(reply).getByRole('button', { name: 'Copy' }));
    const toasts = screen.getByRole('region', { name: 'Notifications' });
    await waitFor(() => expect(toasts.textContent).toContain('Could not copy to the clipboard.'));
    expect(toasts.querySelector('.toast-error')?.textContent).toContain('Could not copy to the clipboard.');
  });

  it('offers no Copy for a reply with no text yet', async () => {
    await openConversationWith([QUESTION, streamingReply()]);
    const reply = await replyArticle();
    expect(isDisabled(within(reply).getByRole('button', { name: 'Copy' }))).toBe(true);
  });
});
