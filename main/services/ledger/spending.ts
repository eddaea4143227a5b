import type { SpendingSummary } from '../../../common/spending-types';
import { conversationSpending, summarize } from './aggregate';
import type { Calendar } from './calendar';
import { ledgerCsv } from './csv';
import type { LedgerStore } from './ledger-store';

export interface SpendingDeps {
  ledger: Pick<LedgerStore, 'all' | 'damaged' | 'loaded'>;
  calendar: Calendar;
  now: () => number;
}

/** What the Spending view, the conversation header and the CSV export read from the ledger. */
export function createSpending(deps: SpendingDeps) {
  return {
    async summary(days: number): Promise<SpendingSummary> {
      await deps.ledger.loaded();
      return summarize(deps.ledger.all(), {
        days,
        now: deps.now(),
        calendar: deps.calendar,
        damaged: deps.ledger.damaged,
      });
    },
    async conversation(conversationId: string) {
      await deps.ledger.loaded();
      return conversationSpending(deps.ledger.all(), conversationId);
    },
    /** The last `days` local days (today included), or the whole ledger when `days` is absent. */
    async csv(days?: number): Promise<string> {
      await deps.ledger.loaded();
      let since = Number.NEGATIVE_INFINITY;
      if (days !== undefined) {
        since = deps.calendar.startOfDay(deps.now());
        for (let i = 1; i < days; i++) since = deps.calendar.startOfDay(since - 1);
      }
      return ledgerCsv(deps.ledger.all(), since);
    },
  };
}

export type Spending = ReturnType<typeof createSpending>;
