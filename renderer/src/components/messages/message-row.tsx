import { memo, Suspense } from 'react';
import { useIntl } from 'react-intl';
import { useMessage } from '../../hooks/use-message';
import { AssistantMessageView, UserMessageView } from '../../lazy/deferred-views';

const AssistantMessage = AssistantMessageView.Component;
const UserMessage = UserMessageView.Component;

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
      {/* The views' chunk starts loading at start-up (main.tsx), so this fallback shows
          only if a conversation opens before it has arrived: the row stays empty, like a message not
          yet read, and the list's window measures and anchors it like any row. */}
      <Suspense fallback={null}>
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
      </Suspense>
    </div>
  );
});
