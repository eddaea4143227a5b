import { useEffect, useState } from 'react';
import type { KeyInfo } from '../../../../common/key-status';
import { useActions } from '../../app-context';
import { compareLedgerWithKey } from '../../format/spending';
import { formatCost, formatUsd } from '../../format/usd';

type Loaded = { state: 'loading' } | { state: 'done'; info: KeyInfo } | { state: 'failed'; message: string };

function resetPeriod(reset: string | null | undefined): string {
  if (!reset) return 'Never (the limit is for the key’s whole life)';
  const known: Record<string, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };
  return known[reset] ?? reset;
}

function optionalUsd(amount: number | undefined): string {
  return amount === undefined ? 'Not reported' : formatUsd(amount);
}

/**
 * The key as OpenRouter sees it (GET /key, through main): limit, remaining, reset, recent usage, and
 * whether Switchboard's ledger agrees for today and this month. A gap is shown with both figures.
 */
export function KeyUsagePanel({ ledger }: { ledger: { todayUsd: number; thisMonthUsd: number } | null }) {
  const actions = useActions();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    void actions.key.verify().then((result) => {
      if (!current) return;
      setLoaded(
        result.ok
          ? { state: 'done', info: result.value }
          : { state: 'failed', message: result.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [actions]);

  return (
    <section className="spending-key" aria-labelledby="spending-key-heading">
      <h3 id="spending-key-heading">Your key on OpenRouter</h3>
      {loaded.state === 'loading' && <p>Asking OpenRouter about your key…</p>}
      {loaded.state === 'failed' && (
        <p role="alert" className="field-error">
          OpenRouter&apos;s figures for the key could not be read: {loaded.message}
        </p>
      )}
      {loaded.state === 'done' && <KeyFigures info={loaded.info} ledger={ledger} />}
    </section>
  );
}

function KeyFigures({
  info,
  ledger,
}: {
  info: KeyInfo;
  ledger: { todayUsd: number; thisMonthUsd: number } | null;
}) {
  const comparisons = ledger ? compareLedgerWithKey(ledger, info) : [];
  return (
    <>
      <dl className="spending-facts">
        <dt>Limit</dt>
        <dd>{info.limit === null ? 'No limit' : formatUsd(info.limit)}</dd>
        <dt>Remaining</dt>
        <dd>{info.limitRemaining === null ? '—' : formatUsd(info.limitRemaining)}</dd>
        <dt>Limit resets</dt>
        <dd>{info.limit === null ? '—' : resetPeriod(info.limitReset)}</dd>
        <dt>Used today</dt>
        <dd>{optionalUsd(info.usageDaily)}</dd>
        <dt>Used this week</dt>
        <dd>{optionalUsd(info.usageWeekly)}</dd>
        <dt>Used this month</dt>
        <dd>{optionalUsd(info.usageMonthly)}</dd>
      </dl>
      {comparisons.length > 0 && (
        <>
          <h4>Does Switchboard agree?</h4>
          <ul className="spending-comparison">
            {comparisons.map((c) =>
              c.agrees ? (
                <li key={c.period}>
                  {cap(c.period)}: agrees with OpenRouter ({formatCost(c.ledgerUsd)}).
                </li>
              ) : (
                <li key={c.period} className="spending-discrepancy">
                  {cap(c.period)}: differs — Switchboard recorded {formatCost(c.ledgerUsd)}, OpenRouter
                  reports {formatCost(c.openRouterUsd)}.
                </li>
              ),
            )}
          </ul>
        </>
      )}
      <p className="field-hint">
        OpenRouter counts everything spent with this key, including in other apps that use the same key;
        Switchboard counts only the replies it sent. OpenRouter&apos;s days and months may also start at a
        different hour (UTC) than yours.
      </p>
    </>
  );
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
