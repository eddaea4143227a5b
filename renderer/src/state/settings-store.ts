import type { OptionProblem } from '../../../common/option-problems';
import type { Settings } from '../../../common/settings-types';
import { createValueStore } from './value-store';

/** Settings as main sends them: the values, and what was wrong in the stored file (issue 15). */
export type ReceivedSettings = Settings & { problems?: readonly OptionProblem[] };

/** Settings live in main; this is the last copy main sent. `null` until loaded. */
export function createSettingsStore() {
  const store = createValueStore<Settings | null>(null);
  const problems = createValueStore<readonly OptionProblem[]>([]);
  return {
    subscribe: store.subscribe,
    get: store.get,
    /** What main found wrong in the stored settings (each replaced by its default, never sent). */
    problems: { get: problems.get, subscribe: problems.subscribe },
    /** Main sent its current settings (after a load or a saved change). */
    received(received: ReceivedSettings) {
      const { problems: found, ...settings } = received;
      store.set(settings);
      problems.set(found ?? []);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
