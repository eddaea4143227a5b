import { useEffect, useState } from 'react';
import type { ConversationSpending } from '../../actions/spending-actions';
import { useActions, useStores } from '../../app-context';
import { formatCost } from '../../format/usd';
import { useActiveStream } from '../../hooks/use-active-stream';
import { useStoreValue } from '../../hooks/use-store-value';

/**
 * What the open conversation has cost so far (from main's ledger), in the chat header. Asked again
 * whenever a reply of this conversation finishes, so it includes the reply just written.
 */
export function ConversationCost() {
  const stores = useStores();
  const actions = useActions();
  const { selectedId } = useStoreValue(stores.conversations);
  const idle = useActiveStream(selectedId) === null;
  const [spending, setSpending] = useState<{ id: string; value: ConversationSpending } | null>(null);

  useEffect(() => {
    if (selectedId === null || !idle) return;
    let current = true;
    void actions.spending.conversationTotal(selectedId).then((result) => {
      if (current && result.ok) setSpending({ id: selectedId, value: result.value });
    });
    return () => {
      current = false;
    };
  }, [actions, selectedId, idle]);

  if (spending === null || spending.id !== selectedId || spending.value.replies === 0) return null;
  const { totalUsd, replies, estimated } = spending.value;
  return (
    <p className="conversation-cost">
      <span className="visually-hidden">This conversation has cost </span>
      {formatCost(totalUsd)}
      {estimated && <span className="estimated-mark"> (estimated)</span>}
      <span className="conversation-cost-replies">
        {' '}
        · {replies} {replies === 1 ? 'reply' : 'replies'}
      </span>
    </p>
  );
}
