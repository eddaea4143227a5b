import { useEffect, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { KeyInfo } from '../../../../common/key-status';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { localeOf } from '../../format/format-intl';
import { compareLedgerWithKey } from '../../format/spending';
import { formatCost, formatUsd } from '../../format/usd';

/** A failure keeps main's error itself, worded when shown (so it follows a language switch). */
type Loaded =
  | { state: 'loading' }
  | { state: 'done'; info: KeyInfo }
  | { state: 'failed'; error: ShownError };

function resetPeriod(reset: string | null | undefined, intl: IntlShape): string {
  if (!reset) return intl.formatMessage({ id: 'spending.key.never' });
  // OpenRouter's own word for a period the catalog does not know, so a new one still reads.
  return intl.formatMessage({ id: 'spending.key.period' }, { period: reset });
}

function optionalUsd(amount: number | undefined, intl: IntlShape): string {
  return amount === undefined
    ? intl.formatMessage({ id: 'spending.key.notReported' })
    : formatUsd(amount, localeOf(intl));
}

/**
 * The key as OpenRouter sees it (GET /key, through main): limit, remaining, reset, recent usage, and
 * whether Switchboard's ledger agrees for today and this month. A gap is shown with both figures.
 */
export function KeyUsagePanel({ ledger }: { ledger: { todayUsd: number; thisMonthUsd: number } | null }) {
  const intl = useIntl();
  const actions = useActions();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    void actions.key.verify().then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'done', info: result.value } : { state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [actions]);

  return (
    <section className="spending-key" aria-labelledby="spending-key-heading">
      <h3 id="spending-key-heading">{intl.formatMessage({ id: 'spending.key.heading' })}</h3>
      {loaded.state === 'loading' && <p>{intl.formatMessage({ id: 'spending.key.loading' })}</p>}
      {loaded.state === 'failed' && (
        <p role="alert" className="field-error">
          {intl.formatMessage({ id: 'spending.key.failed' }, { error: formatAppError(intl, loaded.error) })}
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
  const intl = useIntl();
  const locale = localeOf(intl);
  const text = (id: string) => intl.formatMessage({ id });
  const comparisons = ledger ? compareLedgerWithKey(ledger, info) : [];
  return (
    <>
      <dl className="spending-facts">
        <dt>{text('spending.key.limit')}</dt>
        <dd>{info.limit === null ? text('spending.key.noLimit') : formatUsd(info.limit, locale)}</dd>
        <dt>{text('spending.key.remaining')}</dt>
        <dd>{info.limitRemaining === null ? '—' : formatUsd(info.limitRemaining, locale)}</dd>
        <dt>{text('spending.key.resets')}</dt>
        <dd>{info.limit === null ? '—' : resetPeriod(info.limitReset, intl)}</dd>
        <dt>{text('spending.key.usedToday')}</dt>
        <dd>{optionalUsd(info.usageDaily, intl)}</dd>
        <dt>{text('spending.key.usedWeek')}</dt>
        <dd>{optionalUsd(info.usageWeekly, intl)}</dd>
        <dt>{text('spending.key.usedMonth')}</dt>
        <dd>{optionalUsd(info.usageMonthly, intl)}</dd>
      </dl>
      {comparisons.length > 0 && (
        <>
          <h4>{text('spending.key.agreeHeading')}</h4>
          <ul className="spending-comparison">
            {comparisons.map((c) =>
              c.agrees ? (
                <li key={c.period}>
                  {intl.formatMessage(
                    { id: 'spending.key.agrees' },
                    { period: periodKey(c.period), amount: formatCost(c.ledgerUsd, locale) },
                  )}
                </li>
              ) : (
                <li key={c.period} className="spending-discrepancy">
                  {intl.formatMessage(
                    { id: 'spending.key.differs' },
                    {
                      period: periodKey(c.period),
                      ledger: formatCost(c.ledgerUsd, locale),
                      openRouter: formatCost(c.openRouterUsd, locale),
                    },
                  )}
                </li>
              ),
            )}
          </ul>
        </>
      )}
      <p className="field-hint">{text('spending.key.note')}</p>
    </>
  );
}

/** The comparison's period as the catalog's select key (a select key cannot hold a space). */
function periodKey(period: 'today' | 'this month'): 'today' | 'month' {
  return period === 'today' ? 'today' : 'month';
}
