import { useRef } from 'react';
import { createPortal } from 'react-dom';
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
  const reason =
    estimate === null
      ? `This message's cost could not be estimated (${failure ?? 'no answer'}), so it could cost more than ${formatUsd(thresholdUsd)}.`
      : estimate.unknownPrice
        ? `The price of this model is not known, so this message could cost more than ${formatUsd(thresholdUsd)}.`
        : `This message could cost up to ${formatUsd(estimate.highUsd)} (estimate), more than the ${formatUsd(
            thresholdUsd,
          )} you asked to be asked about in Settings → Spending.`;
  return createPortal(
    <Dialog
      title="Send this message?"
      onClose={onCancel}
      initialFocusRef={cancelRef}
      className="confirm-send"
    >
      <div className="dialog-body">
        <p>{reason}</p>
        <div className="dialog-actions">
          <button type="button" className="button-primary" onClick={onSend}>
            Send anyway
          </button>
          <button ref={cancelRef} type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>,
    document.body,
  );
}
