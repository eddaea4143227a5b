import { describe, expect, it, vi } from 'vitest';
import { createMessageActions } from '../actions/message-actions';
import { createFakeBridge } from '../testing/fake-bridge';
import { makeMessage } from '../testing/fixtures';
import { createMessagesStore } from './messages-store';

function storeWith(count: number) {
  const messages = Array.from({ length: count }, (_, i) =>
    makeMessage({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `#${i}` }),
  );
  const fake = createFakeBridge({ messages: new Map([['c1', messages]]) });
  const store = createMessagesStore();
  // The store is filled the way the app fills it: through the message actions, from the fake main.
  return { fake, store, actions: createMessageActions({ bridge: fake.bridge, messages: store }) };
}

describe('messages store', () => {
  it('notifies only the subscribers of the message a batch changes', async () => {
    const { store, actions } = storeWith(4);
    await actions.ensureLoaded('c1');
    const other = vi.fn();
    const target = vi.fn();
    const list = vi.fn();
    store.messages.subscribe('m1', other);
    store.messages.subscribe('m3', target);
    store.lists.subscribe('c1', list);
    store.applyEvents('m3', [{ type: 'delta', content: ' more', reasoning: '' }]);
    expect(target).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
    expect(store.messages.get('m3')?.content).toBe('#3 more');
  });

  it('holds events for a message that has not arrived yet', () => {
    const { store } = storeWith(0);
    store.applyEvents('a9', [{ type: 'delta', content: 'early', reasoning: '' }]);
    store.append('c1', [makeMessage({ id: 'a9', role: 'assistant', status: 'streaming' })]);
    expect(store.messages.get('a9')?.content).toBe('early');
  });

  it('pages backwards, counting what was prepended', async () => {
    const { store, fake, actions } = storeWith(120);
    await actions.ensureLoaded('c1');
    expect(store.lists.get('c1')).toMatchObject({ hasMore: true, prepended: 0 });
    // A small first page fills the screen; older pages are bigger.
    expect(fake.callsTo('loadMessages')[0]).toEqual({ conversationId: 'c1', limit: 20 });
    expect(store.lists.get('c1')?.ids[0]).toBe('m100');
    await actions.loadOlder('c1');
    expect(fake.callsTo('loadMessages')[1]).toEqual({ conversationId: 'c1', before: 'm100', limit: 50 });
    expect(store.lists.get('c1')).toMatchObject({ hasMore: true, prepended: 50 });
    await actions.loadOlder('c1');
    expect(store.lists.get('c1')).toMatchObject({ hasMore: false, prepended: 100 });
    expect(store.lists.get('c1')?.ids).toHaveLength(120);
  });

  it('truncates from a message, as regenerate and edit do', async () => {
    const { store, actions } = storeWith(6);
    await actions.ensureLoaded('c1');
    store.truncateFrom('c1', 'm4');
    expect(store.lists.get('c1')?.ids).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(store.messages.has('m5')).toBe(false);
  });
});
