import { type ReactNode, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import type { ConversationSpending } from '../../actions/spending-actions';
import { useActions, useStores } from '../../app-context';
import { formatCost } from '../../format/usd';
import { useConversationMessages } from '../../hooks/use-conversation-messages';
import { useMessage } from '../../hooks/use-message';
import { useStoreValue } from '../../hooks/use-store-value';

/** What the open conversation has cost so far (from main's ledger), in the chat header. */
export function ConversationCost() {
  const { selectedId } = useStoreValue(useStores().conversations);
  return selectedId === null ? null : <ConversationCostOf key={selectedId} conversationId={selectedId} />;
}

/**
 * Asked again whenever the conversation's last reply finishes, and when its final figures arrive later
 * (a stopped reply's cost from OpenRouter's /generation), so it includes the reply just written.
 */
function ConversationCostOf({ conversationId }: { conversationId: string }) {
  const actions = useActions();
  const intl = useIntl();
  const list = useConversationMessages(conversationId);
  const lastId = list?.ids.at(-1) ?? '';
  const last = useMessage(lastId);
  // Not while the messages load (the last one is not known yet) or while a reply is being written.
  const writing = list?.status !== 'ready' || last?.status === 'streaming';
  const figures = `${lastId}:${last?.status ?? ''}:${last?.usage?.cost ?? ''}`;
  const [spending, setSpending] = useState<ConversationSpending | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `figures` is the trigger (the last reply ended, or its cost changed); main has the total.
  useEffect(() => {
    if (writing) return;
    let current = true;
    void actions.spending.conversationTotal(conversationId).then((result) => {
      if (current && result.ok) setSpending(result.value);
    });
    return () => {
      current = false;
    };
  }, [actions, conversationId, writing, figures]);

  if (spending === null || spending.replies === 0) return null;
  const { totalUsd, replies, estimated } = spending;
  // Short, to leave the title room; the reply count is in the words a screen reader hears and on hover.
  return (
    <p className="conversation-cost" title={intl.formatMessage({ id: 'chat.cost.title' }, { replies })}>
      {intl.formatMessage(
        { id: 'chat.cost.summary' },
        {
          replies,
          cost: formatCost(totalUsd, intl.locale as DisplayLocale),
          estimated: estimated ? 'yes' : 'no',
          hidden: (chunks: ReactNode[]) => (
            <span key="hidden" className="visually-hidden">
              {chunks}
            </span>
          ),
          mark: (chunks: ReactNode[]) => (
            <span key="mark" className="estimated-mark">
              {chunks}
            </span>
          ),
        },
      )}
    </p>
  );
}
