import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useActions } from '../../app-context';
import { formatModelPrice } from '../../format/model-details';
import { useModelName } from '../../hooks/use-model-name';
import { useModelSummary } from '../../hooks/use-model-summary';
import { MarkdownView, ReasoningView } from '../../markdown';
import type { CompareColumn } from '../../state/compare-store';
import { ReplyError } from '../messages/reply-error';
import { CompareStats } from './compare-stats';
import { useCompareReply } from './use-compare-reply';

interface CompareColumnProps {
  column: CompareColumn;
  index: number;
  /** Models can be changed, added and removed only before sending. */
  choosing: boolean;
  canRemove: boolean;
  /** Main has answered with the replies' ids: only then can one be continued with. */
  stored: boolean;
  onContinue: (key: string) => void;
}

/**
 * One model's column: before sending, its model (with prices) and Remove; once sent, its reply as it
 * streams (the conversation's own Markdown rendering), its figures, its own Stop, and — once finished —
 * "Continue with this".
 */
export function CompareColumnView({
  column,
  index,
  choosing,
  canRemove,
  stored,
  onContinue,
}: CompareColumnProps) {
  const actions = useActions();
  const intl = useIntl();
  const name = useModelName(column.model) ?? column.model;
  const summary = useModelSummary(column.model);
  const reply = useCompareReply(column.key);
  const headingId = useId();
  const message = reply?.message;
  const streaming = reply !== undefined && reply.endedAt === null;

  return (
    <section className="compare-column" aria-labelledby={headingId} aria-busy={streaming}>
      <header className="compare-column-header">
        <h3 id={headingId}>
          <span className="visually-hidden">
            {intl.formatMessage({ id: 'compare.column.heading' }, { number: index + 1 })}
          </span>
          <span data-i18n-content>{name}</span>
        </h3>
        {summary && <p className="compare-column-price">{formatModelPrice(summary, intl)}</p>}
        {choosing && (
          <div className="compare-column-actions">
            <button
              type="button"
              aria-label={intl.formatMessage({ id: 'compare.column.changeModelOf' }, { model: name })}
              aria-haspopup="dialog"
              onClick={() => actions.compare.pickModel(column.key)}
            >
              {intl.formatMessage({ id: 'compare.column.changeModel' })}
            </button>
            {canRemove && (
              <button
                type="button"
                className="button-quiet"
                aria-label={intl.formatMessage({ id: 'compare.column.removeModel' }, { model: name })}
                onClick={() => actions.compare.removeColumn(column.key)}
              >
                {intl.formatMessage({ id: 'compare.column.remove' })}
              </button>
            )}
          </div>
        )}
        {streaming && (
          <button
            type="button"
            className="compare-column-stop"
            aria-label={intl.formatMessage({ id: 'compare.column.stopModel' }, { model: name })}
            onClick={(e) => {
              // This button goes once the column stops: focus stays in the view, not on the page.
              e.currentTarget.closest<HTMLElement>('[role="dialog"]')?.focus();
              void actions.compare.stop(column.key);
            }}
          >
            {intl.formatMessage({ id: 'compare.column.stop' })}
          </button>
        )}
      </header>
      {message && (
        <div className="compare-reply">
          {message.reasoning !== '' && <ReasoningView text={message.reasoning} streaming={streaming} />}
          {message.content !== '' && (
            <MarkdownView source={message.content} streaming={streaming} onLinkClick={actions.links.open} />
          )}
          {streaming && message.content === '' && (
            <p className="message-waiting">{intl.formatMessage({ id: 'compare.column.waiting' })}</p>
          )}
          {message.status === 'cancelled' && (
            <p className="reply-note">{intl.formatMessage({ id: 'compare.column.stopped' })}</p>
          )}
          {message.status === 'error' && message.error && <ReplyError error={message.error} onRetry={null} />}
        </div>
      )}
      {reply && <CompareStats reply={reply} />}
      {stored && message?.status === 'complete' && (
        <button type="button" className="button-primary" onClick={() => onContinue(column.key)}>
          {intl.formatMessage({ id: 'compare.column.continue' })}
        </button>
      )}
    </section>
  );
}
