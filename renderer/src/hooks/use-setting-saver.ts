import { useCallback, useState } from 'react';
import type { SettingsPatch } from '../../../common/settings-types';
import { useActions } from '../app-context';

/** Saves a settings patch through main and keeps main's validation message for the field. */
export function useSettingSaver() {
  const { settings } = useActions();
  const [error, setError] = useState<string | null>(null);
  const save = useCallback(
    async (patch: SettingsPatch) => {
      const result = await settings.update(patch);
      setError(result.ok ? null : result.error.message);
      return result.ok;
    },
    [settings],
  );
  return { save, error, setError };
}
