import { useIntl } from 'react-intl';
import type { AppError } from '../../../../common/errors';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { describeSpendingLimit } from '../../format/spending';

/**
 * Why the whole compare was not sent (or a reply could not be continued), worded as the composer words
 * a refused message: a spending limit offers "Change limit", anything else says main's reason.
 */
export function CompareRefusal({ error }: { error: AppError }) {
  const actions = useActions();
  const intl = useIntl();
  const limitReached = describeSpendingLimit(error, intl);
  if (limitReached === null) {
    return (
      <p role="alert" className="composer-error">
        {intl.formatMessage({ id: 'chat.notSentBecause' }, { reason: formatAppError(intl, error) })}
      </p>
    );
  }
  return (
    <div className="composer-limit">
      <p role="alert" className="composer-error">
        {intl.formatMessage({ id: 'chat.notSent' }, { reason: limitReached })}
      </p>
      <button type="button" aria-haspopup="dialog" onClick={() => actions.dialogs.openSettings('spending')}>
        {intl.formatMessage({ id: 'chat.changeLimit' })}
      </button>
    </div>
  );
}
