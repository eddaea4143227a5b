import { type ComponentType, use } from 'react';

/** A component that lives in a chunk of its own, and the means to start loading that chunk early. */
export interface Preloadable<P extends object> {
  Component: ComponentType<P>;
  /** Starts loading the chunk (once; again after a failure) and resolves when it has. */
  preload(): Promise<unknown>;
}

/** A promise that says, once settled, how it settled: the thenable shape React's `use` reads. */
type TrackedPromise<T> = Promise<T> & { status?: 'fulfilled'; value?: T };

/**
 * Like React.lazy, but once the chunk has loaded the component renders in the same pass: React.lazy
 * suspends on its first render even when the module is already there (it learns so only through its
 * promise), which would flash every message row's fallback although the chunk was preloaded. Here the
 * promise is marked fulfilled as it resolves (`status`/`value`, which `use` reads before suspending),
 * so `use` returns at once after a preload and suspends only while the chunk is still on its way.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let pending: TrackedPromise<ComponentType<P>> | null = null;
  const preload = (): TrackedPromise<ComponentType<P>> => {
    if (pending) return pending;
    const promise: TrackedPromise<ComponentType<P>> = load();
    promise.then(
      (component) => {
        promise.status = 'fulfilled';
        promise.value = component;
      },
      // A chunk that failed to load (a file gone after an update) is tried again on the next render.
      () => {
        if (pending === promise) pending = null;
      },
    );
    pending = promise;
    return promise;
  };
  // biome-ignore lint/correctness/noComponentHookFactories: called once per view at module level, as React.lazy is
  function Deferred(props: P) {
    // A plain Promise to the type checker; at run time it carries the status `use` looks for.
    const Loaded = use(preload() as Promise<ComponentType<P>>);
    return <Loaded {...props} />;
  }
  return { Component: Deferred, preload };
}
