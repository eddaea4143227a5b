import { describe, expect, it } from 'vitest';
import { createApp } from './app-context';
import { createFakeBridge } from './testing/fake-bridge';

/** All a component may do with a store: read it, subscribe to it, and ask it a question. */
const READS = new Set(['get', 'has', 'subscribe', 'find', 'forConversation', 'anyOpen']);

/** Every function reachable from `value` (a view, or the messages view holding two keyed views). */
function functionsIn(value: object, path: string, depth = 3): string[] {
  return Object.entries(value).flatMap(([key, inner]) => {
    if (typeof inner === 'function') return [`${path}.${key}`];
    if (depth > 1 && typeof inner === 'object' && inner !== null)
      return functionsIn(inner, `${path}.${key}`, depth - 1);
    return [`${path}.${key} (not a function or view)`];
  });
}

describe('what components are given', () => {
  it('store views can only be read: no bridge, no setter, no transition', () => {
    const { stores } = createApp(createFakeBridge().bridge);
    expect(Object.keys(stores)).not.toContain('bridge');
    const notReads = functionsIn(stores, 'stores').filter((name) => !READS.has(name.split('.').at(-1) ?? ''));
    expect(notReads).toEqual([]);
  });

  it('a view holds only the read side of its store', () => {
    const { stores } = createApp(createFakeBridge().bridge);
    expect(Object.keys(stores.settings).sort()).toEqual(['get', 'subscribe']);
    expect(Object.keys(stores.messages.messages).sort()).toEqual(['get', 'has', 'subscribe']);
    expect(Object.keys(stores.conversations).sort()).toEqual(['find', 'get', 'subscribe']);
  });
});
