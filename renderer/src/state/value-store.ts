/**
 * A minimal observable value for `useSyncExternalStore`. Stores live outside React so that a stream
 * batch can update one message without re-rendering the components that do not read it.
 */
export interface ReadableStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface ValueStore<T> extends ReadableStore<T> {
  set(next: T): void;
  update(fn: (current: T) => T): void;
}

/**
 * The read side of a store, as a new object: what components are given, so nothing outside the state
 * layer can reach `set` (not even by a cast).
 */
export function readOnly<T>(store: ReadableStore<T>): ReadableStore<T> {
  return { get: store.get, subscribe: store.subscribe };
}

export function createValueStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (fn) => set(fn(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
