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
  if (finishReason === 'length') {
    return (
      <div className="reply-note">
        <p>Cut off: the reply reached the Max tokens limit</p>
        {onContinue && (
          <button type="button" onClick={onContinue}>
            Continue
          </button>
        )}
      </div>
    );
  }
  if (finishReason === 'content_filter') {
    return <p className="reply-note">Stopped by the provider's content filter</p>;
  }
  return null;
}
