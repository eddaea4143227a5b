/**
 * Values addressed by key, each with its own listeners: a change to one key notifies only the
 * components that subscribed to that key (used per message, so a streaming reply re-renders alone).
 */
export interface ReadableKeyedStore<T> {
  get(key: string): T | undefined;
  has(key: string): boolean;
  subscribe(key: string, listener: () => void): () => void;
}

export interface KeyedStore<T> extends ReadableKeyedStore<T> {
  set(key: string, value: T): void;
  delete(key: string): void;
}

/** The read side of a keyed store, as a new object (see `readOnly` in value-store.ts). */
export function readOnlyKeyed<T>(store: ReadableKeyedStore<T>): ReadableKeyedStore<T> {
  return { get: store.get, has: store.has, subscribe: store.subscribe };
}

export function createKeyedStore<T>(): KeyedStore<T> {
  const values = new Map<string, T>();
  const listeners = new Map<string, Set<() => void>>();
  const notify = (key: string) => {
    const set = listeners.get(key);
    if (set) for (const listener of [...set]) listener();
  };
  return {
    get: (key) => values.get(key),
    has: (key) => values.has(key),
    set(key, value) {
      if (Object.is(values.get(key), value)) return;
      values.set(key, value);
      notify(key);
    },
    delete(key) {
      if (!values.delete(key)) return;
      notify(key);
    },
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) {
        set = new Set();
        listeners.set(key, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },
  };
}
