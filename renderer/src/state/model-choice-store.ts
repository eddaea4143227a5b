import type { Settings } from '../../../common/settings-types';
import { createValueStore } from './value-store';

/** The model the next message goes to when nothing more specific is known. */
export function preferredModel(settings: Settings | null): string | null {
  return settings?.defaultModel ?? settings?.recentModels[0] ?? null;
}

/**
 * The model the composer sends with. It follows the selected conversation's model, starts from the
 * default (or the last used) model, and changes when the person picks one.
 */
export function createModelChoiceStore() {
  const store = createValueStore<string | null>(null);
  return {
    subscribe: store.subscribe,
    get: store.get,
    choose(model: string | null) {
      store.set(model);
    },
    /** Fills in a model only when none is chosen yet (settings arrive after the first paint). */
    chooseIfUnset(model: string | null) {
      if (store.get() === null) store.set(model);
    },
  };
}

export type ModelChoiceStore = ReturnType<typeof createModelChoiceStore>;
