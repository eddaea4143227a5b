import type { ModelList } from '../../../common/chat-types';
import type { ShownError } from '../../shared/i18n/error-text';
import { createValueStore } from './value-store';

export interface ModelsState {
  list: ModelList | null;
  loading: boolean;
  /** Main's error itself, worded where shown (so it follows a language switch). */
  error: ShownError | null;
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
    loadFailed(error: ShownError) {
      store.update((s) => ({ ...s, loading: false, error }));
    },
  };
}

export type ModelsStore = ReturnType<typeof createModelsStore>;
