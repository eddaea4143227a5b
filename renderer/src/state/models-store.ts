import type { ModelList } from '../../../common/chat-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { createValueStore } from './value-store';

export interface ModelsState {
  list: ModelList | null;
  loading: boolean;
  error: string | null;
}

/** OpenRouter's model list as main last fetched it (main caches it and says when it is stale). */
export function createModelsStore(bridge: SwitchboardBridge) {
  const store = createValueStore<ModelsState>({ list: null, loading: false, error: null });
  return {
    subscribe: store.subscribe,
    get: store.get,
    async load(opts: { refresh?: boolean } = {}) {
      if (store.get().loading) return;
      store.update((s) => ({ ...s, loading: true }));
      const result = await bridge.listModels(opts.refresh ? { refresh: true } : undefined);
      store.update((s) =>
        result.ok
          ? { list: result.value, loading: false, error: null }
          : { ...s, loading: false, error: result.error.message },
      );
    },
  };
}

export type ModelsStore = ReturnType<typeof createModelsStore>;
