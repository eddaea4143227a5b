import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import type { CostEstimate, SpendingSummary } from '../../../common/spending-types';
import type { ToastsStore } from '../state/toasts-store';

export interface SpendingActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    'getSpending' | 'getConversationSpending' | 'exportSpendingCsv' | 'estimateCost'
  >;
  toasts: ToastsStore;
}

export interface ConversationSpending {
  totalUsd: number;
  replies: number;
  estimated: boolean;
}

export interface EstimateRequest {
  conversationId: string | null;
  model: string;
  draft: string;
  webSearch?: boolean;
  /** Staged attachments (issue 17): images and PDFs count in the estimate. */
  attachments?: readonly string[];
}

/** What the ledger in main knows (issue 16): the Spending view, a conversation's total, CSV, estimates. */
export function createSpendingActions(deps: SpendingActionsDeps) {
  const { bridge, toasts } = deps;
  return {
    summary(days: 30 | 90): Promise<Result<SpendingSummary>> {
      return bridge.getSpending({ days });
    },

    conversationTotal(conversationId: string): Promise<Result<ConversationSpending>> {
      return bridge.getConversationSpending({ conversationId });
    },

    /** Main asks where to save; the toast names the file, or says why nothing was saved. */
    async exportCsv(days?: number): Promise<void> {
      const result = await bridge.exportSpendingCsv(days === undefined ? {} : { days });
      if (!result.ok) {
        // Main's reason inside the sentence, worded where the toast is shown (it follows a switch).
        toasts.show(
          { id: 'toasts.spending.notExported', values: { reason: { error: result.error } } },
          { tone: 'error' },
        );
        return;
      }
      if (result.value.saved) {
        toasts.show(
          result.value.fileName == null
            ? { id: 'toasts.spending.exportedSomewhere' }
            : { id: 'toasts.spending.exported', values: { file: result.value.fileName } },
        );
      }
    },

    estimate(request: EstimateRequest): Promise<Result<CostEstimate>> {
      return bridge.estimateCost({
        conversationId: request.conversationId,
        model: request.model,
        draft: request.draft,
        ...(request.webSearch ? { webSearch: true } : {}),
        ...(request.attachments?.length ? { attachments: [...request.attachments] } : {}),
      });
    },
  };
}

export type SpendingActions = ReturnType<typeof createSpendingActions>;
