import { memo } from 'react';
import { useIntl } from 'react-intl';
import type { Message } from '../../../../common/conversation-types';
import { useActions } from '../../app-context';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useCopiedToast } from '../../hooks/use-copied-toast';
import { useMessage } from '../../hooks/use-message';
import { useRefusalToast } from '../../hooks/use-refusal-toast';
import { useRegenerate } from '../../hooks/use-regenerate';
import { MarkdownView, ReasoningView } from '../../markdown';
import { CopyButton } from '../copy-button';
import { CitationList } from './citation-list';
import { FinishNote } from './finish-note';
import { MessageMeta } from './message-meta';
import { ReplyError } from './reply-error';
import { ReplyImages } from './reply-images';
import { VersionSwitcher } from './version-switcher';

interface AssistantMessageProps {
  conversationId: string;
  message: Message;
  isLast: boolean;
}

/**
 * A reply: reasoning (collapsed), the Markdown text, how it ended, usage, and its actions. While it
 * streams, a batch changes only its text: the rest (`ReplyEnd`) is memoized so it does not render again.
 */
export function AssistantMessage({ conversationId, message, isLast }: AssistantMessageProps) {
  const actions = useActions();
  const intl = useIntl();
  const streaming = message.status === 'streaming';
  return (
    <article
      aria-label={intl.formatMessage({ id: 'messages.assistant.label' })}
      className="message message-assistant"
      aria-busy={streaming}
    >
      {message.reasoning !== '' && <ReasoningView text={message.reasoning} streaming={streaming} />}
      {message.content !== '' && (
        <MarkdownView source={message.content} streaming={streaming} onLinkClick={actions.links.open} />
      )}
      {streaming && message.content === '' && (
        <p className="message-waiting">{intl.formatMessage({ id: 'messages.assistant.waiting' })}</p>
      )}
      <ReplyEnd conversationId={conversationId} message={message} isLast={isLast} />
    </article>
  );
}

/**
 * True when `next` differs from `previous` only by text that arrived while streaming: the fields
 * `ReplyEnd` shows do not change then (images, sources, usage and status come with the end).
 */
function onlyTextGrew(previous: AssistantMessageProps, next: AssistantMessageProps): boolean {
  if (previous.conversationId !== next.conversationId || previous.isLast !== next.isLast) return false;
  const a = previous.message;
  const b = next.message;
  if (a === b) return true;
  if (a.status !== 'streaming' || b.status !== 'streaming') return false;
  const keys = Object.keys(b) as (keyof Message)[];
  if (keys.length !== Object.keys(a).length) return false;
  return keys.every((key) => key === 'content' || key === 'reasoning' || a[key] === b[key]);
}

/** Everything below a reply's text: how it ended, images, sources, usage, and its actions. */
const ReplyEnd = memo(function ReplyEnd({ conversationId, message, isLast }: AssistantMessageProps) {
  const actions = useActions();
  const intl = useIntl();
  const activeStream = useActiveStream(conversationId);
  const regenerate = useRegenerate(conversationId, message);
  const reportRefusal = useRefusalToast();
  const streaming = message.status === 'streaming';
  // Regenerating replaces the last reply only, and never while another reply is being written.
  const canRegenerate = isLast && activeStream === null && !streaming;
  // A cut-off reply continues as a new "Continue" turn, so the text already received stays as it is.
  const continueReply = () => {
    void actions.chat.continueReply(conversationId, message).then((result) => {
      if (!result.ok) reportRefusal(result.error);
    });
  };

  return (
    <>
      {/* Images and sources arrive with the finished reply; main holds the image files. */}
      {!streaming && message.images && (
        <ReplyImages conversationId={conversationId} messageId={message.id} images={message.images} />
      )}
      {!streaming && message.citations && <CitationList citations={message.citations} />}
      {message.status === 'complete' && (
        <FinishNote finishReason={message.finishReason} onContinue={canRegenerate ? continueReply : null} />
      )}
      {message.status === 'cancelled' && (
        <p className="reply-note">{intl.formatMessage({ id: 'messages.assistant.stopped' })}</p>
      )}
      {message.status === 'interrupted' && (
        <div className="reply-note">
          <p>{intl.formatMessage({ id: 'messages.assistant.interrupted' })}</p>
          {canRegenerate && (
            <button type="button" onClick={regenerate}>
              {intl.formatMessage({ id: 'messages.assistant.regenerate' })}
            </button>
          )}
        </div>
      )}
      {message.status === 'error' && message.error && (
        <ReplyError
          error={message.error}
          onRetry={canRegenerate ? regenerate : null}
          conversationId={conversationId}
          reply={message}
        />
      )}
      {!streaming && <MessageMeta message={message} />}
      <div className="message-actions">
        <VersionSwitcher conversationId={conversationId} message={message} />
        <ReplyCopyButton messageId={message.id} shown={message.content} />
        {canRegenerate && message.status !== 'interrupted' && (
          <button type="button" className="button-quiet" onClick={regenerate}>
            {intl.formatMessage({ id: 'messages.assistant.regenerate' })}
          </button>
        )}
      </div>
    </>
  );
}, onlyTextGrew);

/** Copy: the reply's text as it is now, so it follows the stream on its own (`ReplyEnd` does not). */
function ReplyCopyButton({ messageId, shown }: { messageId: string; shown: string }) {
  const copiedToast = useCopiedToast();
  // The stored message is the latest; `shown` stands in for a message the store does not hold.
  const content = useMessage(messageId)?.content ?? shown;
  return (
    <CopyButton text={content} className="button-quiet" disabled={content === ''} onCopied={copiedToast} />
  );
}
