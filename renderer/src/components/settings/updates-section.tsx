import { useId, useState } from 'react';
import { CHECK_FOR_UPDATES, RESTART_TO_UPDATE, type UpdateStatus } from '../../../../common/update-types';
import { useActions } from '../../app-context';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';

/*
 * Every sentence shown here is main's whole sentence (common/update-types.ts) or written whole here,
 * so each can move to a message catalog as it is.
 */

function statusText(status: UpdateStatus | null): string {
  if (status === null || status.state === 'idle')
    return 'Switchboard has not checked for updates since it started.';
  if (status.state === 'checking') return 'Switchboard is checking for updates.';
  return status.message;
}

/**
 * Settings → "Updates" (issue 20): the automatic checks (at start and daily, on by default), "Check
 * for updates" (works with them off), what main's update service is doing, and "Restart to update"
 * once an update is downloaded.
 */
export function UpdatesSection({ automatic }: { automatic: boolean }) {
  const actions = useActions();
  const status = useStoreValue(actions.updates.status);
  const { save, error } = useSettingSaver();
  const [callError, setCallError] = useState<string | null>(null);
  const checkboxId = useId();
  const busy = status?.state === 'checking' || status?.state === 'downloading';
  const canRestart =
    status?.state === 'downloaded' || (status?.state === 'error' && status.version !== undefined);
  return (
    <section className="settings-section" aria-labelledby="settings-updates-heading">
      <h3 id="settings-updates-heading">Updates</h3>
      <div className="settings-field settings-checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={automatic}
          aria-describedby={`${checkboxId}-hint`}
          onChange={(e) => void save({ checkForUpdatesAutomatically: e.currentTarget.checked })}
        />
        <label htmlFor={checkboxId}>Check for updates automatically</label>
        <p id={`${checkboxId}-hint`} className="field-hint">
          When Switchboard starts and once a day. Updates download in the background and are installed only
          when you restart to update.
        </p>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
      <div className="settings-field">
        <p role="status" aria-live="polite">
          {statusText(status)}
        </p>
        {status?.state === 'downloading' && (
          <progress max={100} value={status.percent} aria-label="Update download progress" />
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
            {CHECK_FOR_UPDATES}
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
              {RESTART_TO_UPDATE}
            </button>
          )}
        </div>
        {callError && (
          <p role="alert" className="field-error">
            {callError}
          </p>
        )}
      </div>
    </section>
  );
}
