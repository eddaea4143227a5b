import { useIntl } from 'react-intl';
import type { FinishReason } from '../../../../common/chat-types';

interface FinishNoteProps {
  finishReason: FinishReason | null;
  /** Asks the model to go on; null where continuing makes no sense (not the last reply, a stream running). */
  onContinue: (() => void) | null;
}

/**
 * Says when a complete reply did not end by itself: cut off by the Max tokens limit (with "Continue"),
 * or stopped by the provider's content filter. Without this the person cannot tell a truncated reply
 * from a finished one.
 */
export function FinishNote({ finishReason, onContinue }: FinishNoteProps) {
  const intl = useIntl();
  if (finishReason === 'length') {
    return (
      <div className="reply-note">
        <p>{intl.formatMessage({ id: 'messages.finish.length' })}</p>
        {onContinue && (
          <button type="button" onClick={onContinue}>
            {intl.formatMessage({ id: 'messages.finish.continue' })}
          </button>
        )}
      </div>
    );
  }
  if (finishReason === 'content_filter') {
    return <p className="reply-note">{intl.formatMessage({ id: 'messages.finish.contentFilter' })}</p>;
  }
  return null;
}
