import { useId, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { UpdateStatus } from '../../../../common/update-types';
import { ErrorText, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';
import { updateStatusText } from '../update-status-text';

/*
 * Every sentence shown here comes from a catalog: this section's (`settings.updates`), or main's
 * status worded from its state, version and problem kind (`updates.status`, update-status-text.ts) at
 * render time, so it follows a language switch.
 */

function statusText(status: UpdateStatus | null, intl: IntlShape): string {
  if (status === null || status.state === 'idle') return intl.formatMessage({ id: 'settings.updates.idle' });
  return updateStatusText(status, intl) ?? intl.formatMessage({ id: 'settings.updates.checking' });
}

/**
 * Settings → "Updates" (issue 20): the automatic checks (at start and daily, on by default), "Check
 * for updates" (works with them off), what main's update service is doing, and "Restart to update"
 * once an update is downloaded.
 */
export function UpdatesSection({ automatic }: { automatic: boolean }) {
  const intl = useIntl();
  const actions = useActions();
  const status = useStoreValue(actions.updates.status);
  const { save, error } = useSettingSaver();
  const [callError, setCallError] = useState<ShownError | null>(null);
  const checkboxId = useId();
  const busy = status?.state === 'checking' || status?.state === 'downloading';
  const canRestart =
    status?.state === 'downloaded' || (status?.state === 'error' && status.version !== undefined);
  return (
    <section className="settings-section" aria-labelledby="settings-updates-heading">
      <h3 id="settings-updates-heading">{intl.formatMessage({ id: 'settings.updates.heading' })}</h3>
      <div className="settings-field settings-checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={automatic}
          aria-describedby={`${checkboxId}-hint`}
          onChange={(e) => void save({ checkForUpdatesAutomatically: e.currentTarget.checked })}
        />
        <label htmlFor={checkboxId}>{intl.formatMessage({ id: 'settings.updates.automatic' })}</label>
        <p id={`${checkboxId}-hint`} className="field-hint">
          {intl.formatMessage({ id: 'settings.updates.automaticHint' })}
        </p>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="settings-field">
        <p role="status" aria-live="polite">
          {statusText(status, intl)}
        </p>
        {status?.state === 'downloading' && (
          <progress
            max={100}
            value={status.percent}
            aria-label={intl.formatMessage({ id: 'settings.updates.progress' })}
          />
        )}
        <div className="button-row">
          <button
            type="button"
            aria-disabled={busy}
            onClick={() => {
              if (busy) return;
              setCallError(null);
              void actions.updates.check().then(setCallError);
            }}
          >
            {intl.formatMessage({ id: 'settings.updates.check' })}
          </button>
          {canRestart && (
            <button
              type="button"
              className="button-primary"
              onClick={() => {
                setCallError(null);
                void actions.updates.restart().then(setCallError);
              }}
            >
              {intl.formatMessage({ id: 'settings.updates.restart' })}
            </button>
          )}
        </div>
        {callError && (
          <p role="alert" className="field-error">
            <ErrorText error={callError} />
          </p>
        )}
      </div>
    </section>
  );
}
