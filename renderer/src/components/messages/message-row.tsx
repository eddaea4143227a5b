import { memo } from 'react';
import { useIntl } from 'react-intl';
import { useMessage } from '../../hooks/use-message';
import { AssistantMessage } from './assistant-message';
import { UserMessage } from './user-message';

interface MessageRowProps {
  conversationId: string;
  messageId: string;
  isLast: boolean;
}

/** One list row. It subscribes to its own message, so a stream batch re-renders this row alone. */
export const MessageRow = memo(function MessageRow({ conversationId, messageId, isLast }: MessageRowProps) {
  const intl = useIntl();
  const message = useMessage(messageId);
  if (!message) return <div className="message-row" />;
  return (
    <div className="message-row">
      {message.role === 'assistant' ? (
        <AssistantMessage conversationId={conversationId} message={message} isLast={isLast} />
      ) : message.role === 'user' ? (
        <UserMessage conversationId={conversationId} message={message} />
      ) : (
        <p className="system-note">
          {intl.formatMessage(
            { id: 'messages.systemPrompt' },
            { prompt: <span data-i18n-content>{message.content}</span> },
          )}
        </p>
      )}
    </div>
  );
});
