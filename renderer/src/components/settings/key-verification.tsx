import { Fragment, type MouseEvent } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { DisplayLocale } from '../../../../common/i18n/locales';
import type { KeyInfo } from '../../../../common/key-status';
import { useActions } from '../../app-context';
import { formatLocalDate } from '../../format/local-date';
import { formatUsd } from '../../format/usd';

const KEYS_URL = 'https://openrouter.ai/settings/keys';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before a key's expiry Settings starts warning: enough to make a new one. */
const EXPIRY_WARNING_DAYS = 7;

/** `daily` → `resets daily`; OpenRouter's own word otherwise, so a new period still reads. */
function describeReset(reset: string | null | undefined, intl: IntlShape): string | null {
  if (!reset) return null;
  return intl.formatMessage({ id: 'settings.key.info.reset' }, { period: reset });
}

function formatDay(iso: string, intl: IntlShape): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return formatLocalDate(date, intl.locale as DisplayLocale, { year: true });
}

/** Daily / weekly / monthly amounts in one phrase: `$0.10 today · $0.50 this week · $1.25 this month`. */
function periods(intl: IntlShape, daily?: number, weekly?: number, monthly?: number): string | null {
  const usd = (amount: number) => formatUsd(amount, intl.locale as DisplayLocale);
  const parts = [
    daily === undefined
      ? null
      : intl.formatMessage({ id: 'settings.key.info.today' }, { amount: usd(daily) }),
    weekly === undefined
      ? null
      : intl.formatMessage({ id: 'settings.key.info.thisWeek' }, { amount: usd(weekly) }),
    monthly === undefined
      ? null
      : intl.formatMessage({ id: 'settings.key.info.thisMonth' }, { amount: usd(monthly) }),
  ].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

interface Fact {
  key: string;
  label: string;
  value: string;
}

function facts(info: KeyInfo, intl: IntlShape): Fact[] {
  const usd = (amount: number) => formatUsd(amount, intl.locale as DisplayLocale);
  const text = (id: string) => intl.formatMessage({ id });
  const limit =
    info.limit === null
      ? text('settings.key.info.noLimit')
      : intl.formatMessage(
          { id: 'settings.key.info.limitValue' },
          {
            limit: usd(info.limit),
            remaining: info.limitRemaining === null ? 'none' : usd(info.limitRemaining),
            reset: describeReset(info.limitReset, intl) ?? 'none',
          },
        );
  const rows: Fact[] = [
    { key: 'label', label: text('settings.key.info.label'), value: info.label || '—' },
    { key: 'used', label: text('settings.key.info.creditsUsed'), value: usd(info.usage) },
  ];
  const recent = periods(intl, info.usageDaily, info.usageWeekly, info.usageMonthly);
  if (recent) rows.push({ key: 'recent', label: text('settings.key.info.recentUsage'), value: recent });
  rows.push({ key: 'limit', label: text('settings.key.info.limit'), value: limit });
  if (info.expiresAt) {
    rows.push({
      key: 'expires',
      label: text('settings.key.info.expires'),
      value: formatDay(info.expiresAt, intl) ?? info.expiresAt,
    });
  }
  if (info.byokUsage !== undefined && (info.byokUsage > 0 || info.includeByokInLimit)) {
    const byokRecent = periods(intl, info.byokUsageDaily, info.byokUsageWeekly, info.byokUsageMonthly);
    rows.push({
      key: 'byok',
      label: text('settings.key.info.byok'),
      value: intl.formatMessage(
        { id: 'settings.key.info.byokValue' },
        {
          amount: usd(info.byokUsage),
          recent: byokRecent ?? 'none',
          counts: info.includeByokInLimit ? 'yes' : 'no',
        },
      ),
    });
  }
  rows.push({
    key: 'free',
    label: text('settings.key.info.freeTier'),
    value: text(info.isFreeTier ? 'settings.key.info.yes' : 'settings.key.info.no'),
  });
  return rows;
}

/** Says when the key stops working soon (or has stopped); null while there is time. */
function expiryWarning(expiresAt: string | null | undefined, now: number, intl: IntlShape): string | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  const day = formatDay(expiresAt, intl);
  if (at <= now) return intl.formatMessage({ id: 'settings.key.expired' }, { day });
  if (at - now <= EXPIRY_WARNING_DAYS * DAY_MS) {
    return intl.formatMessage({ id: 'settings.key.expiresSoon' }, { day });
  }
  return null;
}

/** What OpenRouter says about the key: label, spend (recent and BYOK), limit and its reset, expiry, tier. */
export function KeyVerification({ info, now = Date.now() }: { info: KeyInfo; now?: number }) {
  const intl = useIntl();
  const actions = useActions();
  const expiry = expiryWarning(info.expiresAt, now, intl);
  const openKeys = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void actions.links.open(KEYS_URL);
  };
  return (
    <>
      <dl className="key-facts">
        {facts(info, intl).map((fact) => (
          <Fragment key={fact.key}>
            <dt>{fact.label}</dt>
            {/* The key's label is the person's own name for it. */}
            <dd data-i18n-content={fact.key === 'label' ? true : undefined}>{fact.value}</dd>
          </Fragment>
        ))}
      </dl>
      {expiry && <p className="key-warning">{expiry}</p>}
      {info.limit === null && (
        <p className="key-warning">
          {intl.formatMessage(
            { id: 'settings.key.noLimitWarning' },
            {
              link: (chunks) => (
                // Opens through main (asks, then https only), like every link in the app.
                <a href={KEYS_URL} rel="noopener noreferrer" onClick={openKeys}>
                  {chunks}
                </a>
              ),
            },
          )}
        </p>
      )}
    </>
  );
}
