import { Fragment, type MouseEvent } from 'react';
import type { KeyInfo } from '../../../../common/key-status';
import { useActions } from '../../app-context';
import { formatUsd } from '../../format/usd';

const KEYS_URL = 'https://openrouter.ai/settings/keys';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before a key's expiry Settings starts warning: enough to make a new one. */
const EXPIRY_WARNING_DAYS = 7;

/** `daily` → `resets daily`; OpenRouter's own word otherwise, so a new period still reads. */
function describeReset(reset: string | null | undefined): string | null {
  if (!reset) return null;
  const known: Record<string, string> = { daily: 'daily', weekly: 'weekly', monthly: 'monthly' };
  return `resets ${known[reset] ?? reset}`;
}

function formatDay(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Daily / weekly / monthly amounts in one phrase: `$0.10 today · $0.50 this week · $1.25 this month`. */
function periods(daily?: number, weekly?: number, monthly?: number): string | null {
  const parts = [
    daily === undefined ? null : `${formatUsd(daily)} today`,
    weekly === undefined ? null : `${formatUsd(weekly)} this week`,
    monthly === undefined ? null : `${formatUsd(monthly)} this month`,
  ].filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

interface Fact {
  label: string;
  value: string;
}

function facts(info: KeyInfo): Fact[] {
  const reset = describeReset(info.limitReset);
  const limit =
    info.limit === null
      ? 'No limit'
      : `${formatUsd(info.limit)}${info.limitRemaining === null ? '' : ` (${formatUsd(info.limitRemaining)} remaining)`}${reset ? `, ${reset}` : ''}`;
  const rows: Fact[] = [
    { label: 'Label', value: info.label || '—' },
    { label: 'Credits used', value: formatUsd(info.usage) },
  ];
  const recent = periods(info.usageDaily, info.usageWeekly, info.usageMonthly);
  if (recent) rows.push({ label: 'Recent usage', value: recent });
  rows.push({ label: 'Limit', value: limit });
  if (info.expiresAt) rows.push({ label: 'Expires', value: formatDay(info.expiresAt) ?? info.expiresAt });
  if (info.byokUsage !== undefined && (info.byokUsage > 0 || info.includeByokInLimit)) {
    const byokRecent = periods(info.byokUsageDaily, info.byokUsageWeekly, info.byokUsageMonthly);
    const counts = info.includeByokInLimit ? ' (counts towards the limit)' : '';
    rows.push({
      label: 'Own provider keys (BYOK)',
      value: `${formatUsd(info.byokUsage)} upstream${byokRecent ? ` · ${byokRecent}` : ''}${counts}`,
    });
  }
  rows.push({ label: 'Free tier', value: info.isFreeTier ? 'Yes' : 'No' });
  return rows;
}

/** Says when the key stops working soon (or has stopped); null while there is time. */
function expiryWarning(expiresAt: string | null | undefined, now: number): string | null {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  const day = formatDay(expiresAt);
  if (at <= now) return `This key expired on ${day}. Create a new key on openrouter.ai and add it here.`;
  if (at - now <= EXPIRY_WARNING_DAYS * DAY_MS) {
    return `This key expires on ${day}. Create a new key on openrouter.ai before then and add it here.`;
  }
  return null;
}

/** What OpenRouter says about the key: label, spend (recent and BYOK), limit and its reset, expiry, tier. */
export function KeyVerification({ info, now = Date.now() }: { info: KeyInfo; now?: number }) {
  const actions = useActions();
  const expiry = expiryWarning(info.expiresAt, now);
  const openKeys = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void actions.links.open(KEYS_URL);
  };
  return (
    <>
      <dl className="key-facts">
        {facts(info).map((fact) => (
          <Fragment key={fact.label}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </Fragment>
        ))}
      </dl>
      {expiry && <p className="key-warning">{expiry}</p>}
      {info.limit === null && (
        <p className="key-warning">
          This key has no spending limit. OpenRouter recommends a credit limit for app keys. Set one at{' '}
          {/* Opens through main (asks, then https only), like every link in the app. */}
          <a href={KEYS_URL} rel="noopener noreferrer" onClick={openKeys}>
            openrouter.ai/settings/keys
          </a>
          .
        </p>
      )}
    </>
  );
}
