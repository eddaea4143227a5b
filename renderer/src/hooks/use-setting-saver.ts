import { useCallback, useState } from 'react';
import type { SettingsPatch } from '../../../common/settings-types';
import { type ShownError, useErrorText } from '../../shared/i18n/error-text';
import { useActions } from '../app-context';

/**
 * Saves a settings patch through main and keeps main's validation error for the field: the error
 * itself, worded at render (`error`), so one on screen follows a language switch.
 */
export function useSettingSaver() {
  const { settings } = useActions();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<ShownError | null>(null);
  const save = useCallback(
    async (patch: SettingsPatch) => {
      const result = await settings.update(patch);
      setFailure(result.ok ? null : result.error);
      return result.ok;
    },
    [settings],
  );
  const error = failure === null ? null : errorText(failure);
  return { save, error, setError: setFailure };
}
