import { useIntl } from 'react-intl';
import type { Message } from '../../../../common/conversation-types';
import { useActions } from '../../app-context';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useCopiedToast } from '../../hooks/use-copied-toast';
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

/** A reply: reasoning (collapsed), the Markdown text, how it ended, usage, and its actions. */
export function AssistantMessage({ conversationId, message, isLast }: AssistantMessageProps) {
  const actions = useActions();
  const intl = useIntl();
  const activeStream = useActiveStream(conversationId);
  const regenerate = useRegenerate(conversationId, message);
  const copiedToast = useCopiedToast();
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
        <CopyButton
          text={message.content}
          className="button-quiet"
          disabled={message.content === ''}
          onCopied={copiedToast}
        />
        {canRegenerate && message.status !== 'interrupted' && (
          <button type="button" className="button-quiet" onClick={regenerate}>
            {intl.formatMessage({ id: 'messages.assistant.regenerate' })}
          </button>
        )}
      </div>
    </article>
  );
}
