import type { Message } from '../../../../common/conversation-types';
import { formatTokens } from '../../format/tokens';
import { formatCost } from '../../format/usd';

/** Which model answered, the tokens it used and what it cost. */
export function MessageMeta({ message }: { message: Message }) {
  return (
    <p className="message-meta">
      <span>{message.model ?? 'Unknown model'}</span>
      <span aria-hidden="true"> · </span>
      {message.usage && (
        <>
          <span>{formatTokens(message.usage)}</span>
          <span aria-hidden="true"> · </span>
        </>
      )}
      <span className="message-cost">{formatCost(message.usage?.cost)}</span>
    </p>
  );
}
