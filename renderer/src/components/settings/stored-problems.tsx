import { useIntl } from 'react-intl';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useStores } from '../../app-context';
import { useStoreValue } from '../../hooks/use-store-value';

/** Fields whose problems their own section shows, next to the field. */
const SHOWN_BY_THEIR_SECTION = new Set([
  'providerDefaults',
  'webSearch',
  'stickyProvider',
  'reasoningByModel',
  'spending',
]);

/**
 * What main found wrong in the stored settings file, for the fields that show no problem of their
 * own: each bad value was replaced by its default (and is not sent) until it is set again here.
 */
export function StoredProblems() {
  const intl = useIntl();
  const problems = useStoreValue(useStores().settingsProblems).filter(
    (p) => !SHOWN_BY_THEIR_SECTION.has(p.field.split('.')[0] ?? p.field),
  );
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="field-error settings-problems">
      <p>{intl.formatMessage({ id: 'settings.problems.intro' })}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}:${p.message}`}>{formatAppError(intl, p)}</li>
        ))}
      </ul>
    </div>
  );
}
