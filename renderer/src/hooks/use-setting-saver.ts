import { useCallback, useState } from 'react';
import type { SettingsPatch } from '../../../common/settings-types';
import { useErrorText } from '../../shared/i18n/error-text';
import { useActions } from '../app-context';

/** Saves a settings patch through main and keeps main's validation message for the field. */
export function useSettingSaver() {
  const { settings } = useActions();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const save = useCallback(
    async (patch: SettingsPatch) => {
      const result = await settings.update(patch);
      setError(result.ok ? null : errorText(result.error));
      return result.ok;
    },
    [settings, errorText],
  );
  return { save, error, setError };
}
