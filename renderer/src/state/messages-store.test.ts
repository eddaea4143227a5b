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

  it('shows a new version in place of the one it replaces, with its version indicator', async () => {
    const { store, actions } = storeWith(6);
    await actions.ensureLoaded('c1');
    const newer = makeMessage({ id: 'm9', role: 'user', content: 'edited', parentId: 'm3' });
    const reply = makeMessage({ id: 'm10', role: 'assistant', status: 'streaming', parentId: 'm9' });
    store.showNewVersion('c1', 'm4', [newer, reply]);
    expect(store.lists.get('c1')?.ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm9', 'm10']);
    expect(store.messages.has('m5')).toBe(false);
    expect(store.messages.get('m9')?.branch).toEqual({ index: 1, count: 2, siblingIds: ['m4', 'm9'] });
    expect(store.messages.get('m10')?.branch).toBeUndefined();
    // A third version counts the versions the replaced one already knew of.
    store.showNewVersion('c1', 'm9', [makeMessage({ id: 'm11', role: 'user', parentId: 'm3' })]);
    expect(store.messages.get('m11')?.branch).toEqual({
      index: 2,
      count: 3,
      siblingIds: ['m4', 'm9', 'm11'],
    });
  });

  it('takes the path as main reads it again, keeping a message appended while it was read', async () => {
    const { store, actions } = storeWith(4);
    await actions.ensureLoaded('c1');
    const shownBefore = store.lists.get('c1')?.ids ?? [];
    store.append('c1', [makeMessage({ id: 'late', role: 'user' })]);
    const other = makeMessage({ id: 'x1', role: 'assistant', content: 'other version' });
    store.pathReloaded(
      'c1',
      { messages: [makeMessage({ id: 'm0', role: 'user' }), other], hasMore: false },
      shownBefore,
    );
    expect(store.lists.get('c1')?.ids).toEqual(['m0', 'x1', 'late']);
    expect(store.messages.get('x1')?.content).toBe('other version');
    // Messages no longer on the path are let go.
    expect(store.messages.has('m3')).toBe(false);
  });
});
