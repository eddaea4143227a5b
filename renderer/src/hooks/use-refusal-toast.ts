import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { AppError } from '../../../common/errors';
import { errorNote } from '../../shared/i18n/error-text';
import { useActions } from '../app-context';
import { describeSpendingLimit } from '../format/spending';

/**
 * Reports a send main refused (regenerate, continue, edit) in a toast. A spending limit says which
 * limit, what was spent and when it resets, and offers "Change limit" (Settings → Spending).
 */
export function useRefusalToast(): (error: AppError) => void {
  const actions = useActions();
  const intl = useIntl();
  return useCallback(
    (error: AppError) => {
      const limit = describeSpendingLimit(error, intl);
      if (limit === null) {
        // Main's sentence, in the window's language.
        actions.toasts.show(errorNote(error), { tone: 'error' });
        return;
      }
      actions.toasts.show(
        { id: 'chat.notSent', values: { reason: limit } },
        {
          tone: 'error',
          action: { label: { id: 'chat.changeLimit' }, run: () => actions.dialogs.openSettings('spending') },
        },
      );
    },
    [actions, intl],
  );
}
