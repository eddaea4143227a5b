import type { OptionProblem } from '../../../common/option-problems';
import type { Settings } from '../../../common/settings-types';
import { createValueStore } from './value-store';

/** Settings as main sends them: the values, and what was wrong in the stored file (issue 15). */
export type ReceivedSettings = Settings & { problems?: readonly OptionProblem[] };

/** Settings are plain JSON from main (one schema, so one key order): equal text is equal settings. */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Settings live in main; this is the last copy main sent. `null` until loaded. */
export function createSettingsStore() {
  const store = createValueStore<Settings | null>(null);
  const problems = createValueStore<readonly OptionProblem[]>([]);
  return {
    subscribe: store.subscribe,
    get: store.get,
    /** What main found wrong in the stored settings (each replaced by its default, never sent). */
    problems: { get: problems.get, subscribe: problems.subscribe },
    /**
     * Main sent its current settings (after a load or a saved change, or pushed after a change in any
     * window). Settings equal to those held change nothing (no re-render): the window that saved a
     * change receives them twice, as its answer and as the event every window gets.
     */
    received(received: ReceivedSettings) {
      const { problems: found, ...settings } = received;
      const current = store.get();
      if (current === null || !sameJson(current, settings)) store.set(settings);
      const nextProblems = found ?? [];
      if (!sameJson(problems.get(), nextProblems)) problems.set(nextProblems);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
