import { describe, expect, it } from 'vitest';
import type { SpendingLimits } from '../../../common/spending-types';
import { createCalendar } from '../ledger/calendar';
import { createSpendingLimits } from '../ledger/spending-limits';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createReplyCosts } from './reply-costs';

const NOW = Date.parse('2026-03-10T12:00:00Z');

function costs(opts: { limits: SpendingLimits; ledgerReadable: boolean }) {
  const recorded: unknown[] = [];
  const ledger = {
    record: async (entry: unknown) => {
      recorded.push(entry);
    },
    get: () => undefined,
    loaded: async () => opts.ledgerReadable,
  };
  const guard = createSpendingLimits({
    entries: () => [],
    limits: () => opts.limits,
    now: () => NOW,
    calendar: createCalendar('UTC'),
  });
  const replyCosts = createReplyCosts({
    ledger,
    limits: guard,
    prices: async () => null,
    now: () => NOW,
    log: createMemoryLogger(),
  });
  return { replyCosts, recorded };
}

const REQUEST = { model: 'openai/o3', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('reply costs: the limit check', () => {
  it('fails closed: with a limit set and a ledger that could not be read, nothing is sent', async () => {
    const { replyCosts } = costs({
      limits: { dailyUsd: 1, monthlyUsd: null, askAboveUsd: null },
      ledgerReadable: false,
    });
    await expect(replyCosts.admit(REQUEST)).rejects.toMatchObject({
      error: {
        code: 'spending_limit_reached',
        message: expect.stringMatching(/cannot be checked.*Nothing was sent.*Settings → Spending/),
      },
    });
  });

  it('without a limit, an unreadable ledger does not stop sending', async () => {
    const { replyCosts } = costs({
      limits: { dailyUsd: null, monthlyUsd: null, askAboveUsd: null },
      ledgerReadable: false,
    });
    const admitted = await replyCosts.admit(REQUEST);
    admitted.abandon();
  });
});
