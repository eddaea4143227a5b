import { describe, expect, it, vi } from 'vitest';
import { createMessageActions, LOADED_WHILE_FOLLOWING, MESSAGE_PAGE_SIZE } from '../actions/message-actions';
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

  it('while the end is followed, keeps a bounded number of messages loaded and reads dropped ones again', async () => {
    // Main has stored 420 messages; the window saw the first 20, then 200 sends and their replies
    // arrived one by one while the person followed the end.
    const { store, fake, actions } = storeWith(420);
    const all = fake.bridge.loadMessages({ conversationId: 'c1', limit: 420 });
    const stored = await all;
    if (!stored.ok) throw new Error('the fake main did not answer');
    store.loadStarted('c1');
    store.latestPageLoaded('c1', { messages: stored.value.messages.slice(0, 20), hasMore: false });
    for (let i = 20; i < 420; i += 2) {
      store.append('c1', stored.value.messages.slice(i, i + 2));
      actions.followingEnd('c1');
      expect(store.lists.get('c1')?.ids.length).toBeLessThanOrEqual(
        LOADED_WHILE_FOLLOWING + MESSAGE_PAGE_SIZE,
      );
    }
    const list = store.lists.get('c1');
    expect(list?.ids.at(-1)).toBe('m419');
    expect(list?.hasMore).toBe(true);
    // The dropped messages are let go, not only hidden.
    expect(store.messages.has('m0')).toBe(false);
    expect(store.messages.has('m300')).toBe(false);
    // A row's index (its place minus what was prepended) is the same as before the drops.
    const rowIndex = (id: string) => {
      const l = store.lists.get('c1');
      return (l?.ids.indexOf(id) ?? 0) - (l?.prepended ?? 0);
    };
    expect(rowIndex('m419')).toBe(419);
    // Scrolled back up, the dropped pages are read from main again, in order, down to the first.
    for (let i = 0; i < 20 && store.lists.get('c1')?.hasMore; i++) await actions.loadOlder('c1');
    expect(store.lists.get('c1')?.hasMore).toBe(false);
    expect(store.lists.get('c1')?.ids).toEqual(stored.value.messages.map((m) => m.id));
    expect(rowIndex('m419')).toBe(419);
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
