import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { appError } from '../../../common/errors';
import type { OptionProblem } from '../../../common/option-problems';
import { describeError } from '../../../common/redact';
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  SettingsSchema,
} from '../../../common/settings-types';
import type { Logger } from '../log/logger';
import { ensurePrivateDir, makeFilePrivate, PRIVATE_FILE_MODE } from '../private-files/private-files';
import {
  type Checked,
  checkProviderPreferences,
  checkReasoningByModel,
  checkValue,
  checkWebSearch,
} from './option-checks';

const FILE = 'settings.json';

/**
 * One stored field, checked: a bad value is replaced by its default and described. Reasoning per model
 * keeps its good entries (one bad model's choice does not drop the others').
 */
function checkStoredField(key: keyof Settings, raw: unknown): { value: unknown; problems: OptionProblem[] } {
  // The catalog (errors.settings.*) names the field and the section of Settings where it is fixed.
  const where = { field: key, place: 'settings' } as const;
  if (key === 'reasoningByModel') return checkReasoningByModel(raw, where);
  const checked: Checked<unknown> =
    key === 'providerDefaults'
      ? raw === null
        ? { ok: true, value: null }
        : checkProviderPreferences(raw, where)
      : key === 'webSearch'
        ? checkWebSearch(raw, where)
        : checkValue<unknown>(SettingsSchema.shape[key], raw, where);
  return checked.ok
    ? { value: checked.value, problems: [] }
    : { value: DEFAULT_SETTINGS[key], problems: checked.problems };
}

/**
 * Preferences in `<dir>/settings.json`, written atomically. A file that does not parse is renamed
 * aside (`settings.json.unreadable-<time>`), never deleted, and defaults are used.
 */
export function createSettingsStore(opts: { dir: string; log: Logger; now?: () => Date }) {
  const path = join(opts.dir, FILE);
  let current: Settings = DEFAULT_SETTINGS;
  /** What was wrong in the stored file; a field drops out of it once the person sets it again. */
  let problems: OptionProblem[] = [];
  let writing: Promise<void> = Promise.resolve();
  /** Told after each saved change (issue 20: the language applies at once in main's menu and pages). */
  const listeners = new Set<(settings: Settings) => void>();

  const persist = (value: Settings) => {
    writing = writing
      .catch(() => undefined)
      .then(() =>
        writeFileAtomic(path, `${JSON.stringify({ formatVersion: 1, settings: value }, null, 2)}\n`, {
          mode: PRIVATE_FILE_MODE,
        }),
      );
    return writing;
  };

  /**
   * Checks `next` against the schema, makes it the settings, keeps the stored file's problems that
   * `keepProblem` says still apply, saves, and tells every listener (an update, or a restore).
   */
  const adopt = async (next: unknown, keepProblem: (p: OptionProblem) => boolean): Promise<Settings> => {
    const checked = SettingsSchema.safeParse(next);
    if (!checked.success) throw appError('validation', { id: 'errors.app.settingsInvalid' });
    current = checked.data;
    problems = problems.filter(keepProblem);
    try {
      await persist(current);
    } catch (error) {
      opts.log.error('could not save settings', { error: describeError(error) });
      throw appError('internal', { id: 'errors.app.settingsNotSaved' });
    }
    for (const listener of listeners) listener(current);
    return current;
  };

  return {
    async init(): Promise<Settings> {
      // This is the data directory itself (userData): it also holds the vault file and history, so it
      // is owner-only (0700) even when an earlier version or a named `--switchboard-user-data` folder
      // left it open — as Chromium makes its own profile folders. settings.json was always written
      // 0600; a copy restored from elsewhere may not be.
      await ensurePrivateDir(opts.dir);
      await makeFilePrivate(path).catch(() => undefined);
      let raw: string;
      try {
        raw = await readFile(path, 'utf8');
      } catch {
        return current; // first run
      }
      try {
        const parsed = JSON.parse(raw) as { settings?: unknown };
        // Unknown or invalid fields fall back one by one, so one bad value does not reset the rest; a
        // bad value is described in `problems` and never used (so never sent).
        const merged = { ...DEFAULT_SETTINGS };
        const input = (parsed.settings ?? {}) as Record<string, unknown>;
        const found: OptionProblem[] = [];
        for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
          if (input[key] === undefined) continue; // not stored yet (an older file): the default, silently
          const field = checkStoredField(key, input[key]);
          (merged as Record<string, unknown>)[key] = field.value;
          found.push(...field.problems);
        }
        current = merged;
        problems = found;
        if (found.length > 0)
          opts.log.warn('settings file has values that are not used', {
            fields: [...new Set(found.map((p) => p.field))].join(', '),
          });
      } catch (error) {
        const aside = `${path}.unreadable-${(opts.now?.() ?? new Date()).getTime()}`;
        opts.log.warn('settings file unreadable; moved aside', { error: describeError(error), aside });
        await rename(path, aside).catch(() => undefined);
        await makeFilePrivate(aside).catch(() => undefined);
      }
      return current;
    },
    get(): Settings {
      return current;
    },
    /** What was wrong in the stored file (each bad value was replaced by its default). */
    problems(): readonly OptionProblem[] {
      return problems;
    },
    update(patch: SettingsPatch): Promise<Settings> {
      return adopt({ ...current, ...patch }, (p) => !(p.field in patch));
    },
    /**
     * Replaces every setting at once (a backup's restore, issue 20: main/services/backups): checked
     * against the schema, saved like an update, the stored file's problems forgotten (every value is
     * now a valid one), and every listener told, so the language follows at once.
     */
    replaceAll(next: Settings): Promise<Settings> {
      return adopt(next, () => false);
    },
    /** Calls `listener` after every saved change; returns the unsubscribe. */
    onChange(listener: (settings: Settings) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Moves a model to the front of the recent list (most recent first, at most 20). */
    async noteModelUsed(model: string): Promise<void> {
      const recent = [model, ...current.recentModels.filter((m) => m !== model)].slice(0, 20);
      if (recent.join('\n') !== current.recentModels.join('\n')) await this.update({ recentModels: recent });
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
