import type { ModelList } from '../../../common/chat-types';
import { createValueStore } from './value-store';

export interface ModelsState {
  list: ModelList | null;
  loading: boolean;
  error: string | null;
}

/** OpenRouter's model list as main last fetched it (main caches it and says when it is stale). */
export function createModelsStore() {
  const store = createValueStore<ModelsState>({ list: null, loading: false, error: null });
  return {
    subscribe: store.subscribe,
    get: store.get,
    loadStarted() {
      store.update((s) => ({ ...s, loading: true }));
    },
    loaded(list: ModelList) {
      store.set({ list, loading: false, error: null });
    },
    loadFailed(message: string) {
      store.update((s) => ({ ...s, loading: false, error: message }));
    },
  };
}

export type ModelsStore = ReturnType<typeof createModelsStore>;
