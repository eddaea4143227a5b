import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../common/ipc/define';
import { descriptionOf, isDisabled } from '../../testing/dom-helpers';
import { fail } from '../../testing/fake-bridge';
import { makeSettings, NO_KEY } from '../../testing/fixtures';
import { renderApp } from '../../testing/render-app';

async function ready(view: ReturnType<typeof renderApp>) {
  // The composer can send once the key status and settings have arrived.
  await waitFor(() => expect(screen.queryByText('Checking your OpenRouter key…')).toBeNull());
  await waitFor(() => expect(view.fake.callsTo('getSettings').length).toBe(1));
  return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
}

describe('composer', () => {
  it('sends on Enter, creating a conversation first when none is open', async () => {
    const view = renderApp();
    const box = await ready(view);
    await view.user.type(box, 'Hello there{Enter}');

    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    expect(view.fake.callsTo('createConversation')).toEqual([{ model: 'openai/gpt-4o' }]);
    const [request] = view.fake.callsTo('sendMessage') as {
      streamId: string;
      content: string;
      model: string;
    }[];
    expect(request?.content).toBe('Hello there');
    expect(request?.model).toBe('openai/gpt-4o');
    expect(request?.streamId).toMatch(/^[0-9a-f-]{36}$/);
    expect(box.value).toBe('');
    const sent = await screen.findByRole('article', { name: 'user message' });
    expect(sent.textContent).toContain('Hello there');
  });

  it('inserts a newline on Shift+Enter instead of sending', async () => {
    const view = renderApp();
    const box = await ready(view);
    await view.user.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box.value).toBe('line one\nline two');
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
  });

  it('does not send while an input method is composing', async () => {
    const view = renderApp();
    const box = await ready(view);
    fireEvent.change(box, { target: { value: 'にほんご' } });
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
    expect(box.value).toBe('にほんご');
  });

  it('says why it cannot send when there is no key', async () => {
    const view = renderApp({ keyStatus: NO_KEY });
    const box = await ready(view);
    await view.user.type(box, 'Hi');
    const send = screen.getByRole('button', { name: 'Send' });
    expect(isDisabled(send)).toBe(true);
    expect(descriptionOf(send)).toBe('Add your OpenRouter key to start chatting');
    expect(screen.getByText('Add your OpenRouter key to start chatting')).toBeTruthy();
    await view.user.type(box, '{Enter}');
    expect(view.fake.callsTo('sendMessage')).toHaveLength(0);
  });

  it('says why it cannot send when no model is chosen', async () => {
    const view = renderApp({ settings: makeSettings({ defaultModel: null, recentModels: [] }) });
    const box = await ready(view);
    await view.user.type(box, 'Hi');
    const send = screen.getByRole('button', { name: 'Send' });
    expect(isDisabled(send)).toBe(true);
    expect(descriptionOf(send)).toBe('Pick a model first (Ctrl+K)');
  });

  it('shows Stop while a reply streams; Escape stops it and the partial text stays', async () => {
    const view = renderApp();
    const box = await ready(view);
    await view.user.type(box, 'Tell me a story{Enter}');
    const stop = await screen.findByRole('button', { name: 'Stop' });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    act(() => view.fake.emitToLastStream([{ type: 'delta', content: 'Once upon', reasoning: '' }]));

    await view.user.keyboard('{Escape}');
    const { streamId } = view.fake.lastStream();
    expect(view.fake.callsTo('cancelChat')).toEqual([{ streamId }]);
    expect(stop.isConnected).toBe(true);

    act(() =>
      view.fake.emitToLastStream([
        {
          type: 'error',
          error: { code: 'cancelled', message: 'Stopped.' },
          partialContent: 'Once upon',
          partialReasoning: '',
        },
      ]),
    );
    await screen.findByRole('button', { name: 'Send' });
    const reply = await screen.findByRole('article', { name: 'assistant message' });
    expect(reply.textContent).toContain('Once upon');
    expect(within(reply).getByText('Stopped')).toBeTruthy();
    expect(within(reply).queryByRole('alert')).toBeNull();
  });

  it('calls cancelChat from the Stop button', async () => {
    const view = renderApp();
    const box = await ready(view);
    await view.user.type(box, 'Go{Enter}');
    await view.user.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(view.fake.callsTo('cancelChat')).toEqual([{ streamId: view.fake.lastStream().streamId }]);
  });

  it('keeps the draft and says why when sending fails', async () => {
    const view = renderApp();
    view.fake.override('sendMessage', async () => fail('offline', 'Switchboard could not reach OpenRouter.'));
    const box = await ready(view);
    await view.user.type(box, 'Keep me{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Switchboard could not reach OpenRouter.');
    expect(box.value).toBe('Keep me');
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });
});

describe('composer: a message holding an OpenRouter key', () => {
  const REFUSAL =
    'This message contains your OpenRouter API key. Messages go to the model’s provider and into your history, so Switchboard did not send it: remove the key and send again.';

  it('keeps the text in the composer throughout, shows why, and adds no message', async () => {
    const view = renderApp();
    let answer: (result: Result<never>) => void = () => {};
    view.fake.override(
      'sendMessage',
      () =>
        new Promise<Result<never>>((resolve) => {
          answer = resolve;
        }),
    );
    const box = await ready(view);
    const text = 'here it is: sk-or-v1-not-really-a-key';
    await view.user.type(box, `${text}{Enter}`);
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(1));
    // While main decides, the text is still there (never cleared and put back).
    expect(box.value).toBe(text);
    act(() => answer(fail('key_in_message', REFUSAL)));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(REFUSAL);
    expect(box.value).toBe(text);
    expect(screen.queryByRole('article', { name: 'user message' })).toBeNull();
    expect(screen.queryByRole('article', { name: 'assistant message' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    // The person can fix the text and send again.
    await view.user.clear(box);
    await view.user.type(box, 'Hello{Enter}');
    await waitFor(() => expect(view.fake.callsTo('sendMessage')).toHaveLength(2));
  });

  it('clears the composer only once main has accepted the message', async () => {
    const view = renderApp();
    const box = await ready(view);
    await view.user.type(box, 'Fine{Enter}');
    await screen.findByRole('article', { name: 'user message' });
    expect(box.value).toBe('');
  });
});
