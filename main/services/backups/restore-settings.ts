import { type AppFailure, appError } from '../../../common/errors';
import { DEFAULT_SETTINGS, type Settings, SettingsSchema } from '../../../common/settings-types';
import type { SettingsStore } from '../settings/settings-store';

/**
 * A backup's settings.json, checked before a restore changes anything (issue 20). The file is the
 * settings store's own (`{ formatVersion: 1, settings }`, main/services/settings/settings-store.ts),
 * held to the store's schema (`SettingsSchema`): a field the snapshot does not have (a file saved
 * before that setting existed) takes its default, as the store does when it reads such a file.
 *
 * Unlike the store's start-up read, which replaces a bad value by its default and lists it in
 * Settings, a restore is strict: it puts back what the backup holds or nothing, so the person never
 * gets a mix of the backup's settings and defaults they did not choose.
 */

/** The settings file format this version writes (settings-store.ts `persist`). */
const SETTINGS_FORMAT_VERSION = 1;

/** What the backups service needs of the live settings: the whole of them replaced, listeners told. */
export type SettingsRestoreTarget = Pick<SettingsStore, 'replaceAll'>;

const FieldsSchema = SettingsSchema.partial().strict();

/** The settings a backup's settings.json holds, or the failure that refuses the restore. */
export function parseBackedUpSettings(
  text: string,
): { ok: true; settings: Settings } | { ok: false; error: AppFailure } {
  const damaged = () =>
    ({ ok: false, error: appError('validation', { id: 'errors.backups.settingsDamaged' }) }) as const;
  const newer = () =>
    ({ ok: false, error: appError('validation', { id: 'errors.backups.settingsNewer' }) }) as const;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return damaged();
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return damaged();
  const { formatVersion, settings } = raw as { formatVersion?: unknown; settings?: unknown };
  if (
    typeof formatVersion === 'number' &&
    Number.isInteger(formatVersion) &&
    formatVersion > SETTINGS_FORMAT_VERSION
  )
    return newer();
  if (formatVersion !== SETTINGS_FORMAT_VERSION) return damaged();
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return damaged();
  // A setting this version does not know was written by a newer one: refused rather than dropped.
  if (Object.keys(settings).some((key) => !Object.hasOwn(SettingsSchema.shape, key))) return newer();
  const fields = FieldsSchema.safeParse(settings);
  if (!fields.success) return damaged();
  const whole = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...fields.data });
  return whole.success ? { ok: true, settings: whole.data } : damaged();
}
