import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import type { CostEstimate } from '../../../../common/spending-types';
import { formatUsd } from '../../format/usd';
import { Dialog } from '../dialog';

/**
 * "Ask before a message that could cost more than $X": shown when the high estimate is above it (or
 * the price is unknown). Cancel has focus first, so Enter never sends by accident.
 */
export function ConfirmSendDialog({
  estimate,
  failure,
  thresholdUsd,
  onSend,
  onCancel,
}: {
  estimate: CostEstimate | null;
  failure: string | null;
  thresholdUsd: number;
  onSend: () => void;
  onCancel: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const intl = useIntl();
  const locale = intl.locale as DisplayLocale;
  const threshold = formatUsd(thresholdUsd, locale);
  const reason =
    estimate === null
      ? failure === null
        ? intl.formatMessage({ id: 'chat.confirmSend.noEstimate' }, { threshold })
        : // Main's reason, as given, inside the sentence.
          intl.formatMessage({ id: 'chat.confirmSend.estimateFailed' }, { reason: failure, threshold })
      : estimate.unknownPrice
        ? intl.formatMessage({ id: 'chat.confirmSend.unknownPrice' }, { threshold })
        : intl.formatMessage(
            { id: 'chat.confirmSend.aboveThreshold' },
            { high: formatUsd(estimate.highUsd, locale), threshold },
          );
  return createPortal(
    <Dialog
      title={intl.formatMessage({ id: 'chat.confirmSend.title' })}
      onClose={onCancel}
      initialFocusRef={cancelRef}
      className="confirm-send"
    >
      <div className="dialog-body">
        <p>{reason}</p>
        <div className="dialog-actions">
          <button type="button" className="button-primary" onClick={onSend}>
            {intl.formatMessage({ id: 'chat.confirmSend.send' })}
          </button>
          <button ref={cancelRef} type="button" onClick={onCancel}>
            {intl.formatMessage({ id: 'chat.confirmSend.cancel' })}
          </button>
        </div>
      </div>
    </Dialog>,
    document.body,
  );
}
