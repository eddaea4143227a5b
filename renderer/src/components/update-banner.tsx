import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { UpdateStatus } from '../../../common/update-types';
import { ErrorText, type ShownError } from '../../shared/i18n/error-text';
import { useActions } from '../app-context';
import { useStoreValue } from '../hooks/use-store-value';
import { updateStatusText } from './update-status-text';
import './update-banner.css';

/*
 * The status is worded here from main's state, version and problem kind (update-status-text.ts), at
 * render time: a banner on screen follows a language switch.
 */

/** Problems worth interrupting for: a download that was refused or cannot happen. Others wait for Settings. */
const SHOWN_PROBLEMS = new Set(['bad-signature', 'checksum-mismatch', 'no-write-access']);

/** What the banner shows for a status, or null when it stays out of the way (Settings → Updates shows all). */
export function bannerFor(status: UpdateStatus | null): { restart: 'offer' | 'pressed' | 'none' } | null {
  if (status === null) return null;
  switch (status.state) {
    case 'downloaded':
      return { restart: 'offer' };
    case 'waiting-for-replies':
      return { restart: 'pressed' };
    case 'installing':
      return { restart: 'none' };
    case 'error':
      if (status.version !== undefined) return { restart: 'offer' };
      return SHOWN_PROBLEMS.has(status.problem) ? { restart: 'none' } : null;
    default:
      return null;
  }
}

/**
 * The non-modal update banner (issue 20): once main has downloaded an update, "Restart to update".
 * Main never restarts under a streaming reply: pressed then, the banner says the update will be
 * installed when the reply finishes (and the button stays where focus is, doing nothing more).
 */
export function UpdateBanner({ inert }: { inert: boolean }) {
  const actions = useActions();
  const intl = useIntl();
  const status = useStoreValue(actions.updates.status);
  const [dismissed, setDismissed] = useState<UpdateStatus | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const shown = dismissed === status ? null : bannerFor(status);
  const message = shown && status ? updateStatusText(status, intl) : null;
  // The live region stays mounted (empty while there is nothing to say), so a message that appears
  // in it is announced; a region inserted together with its text often is not.
  return (
    <section
      className="update-banner-host"
      aria-label={intl.formatMessage({ id: 'updates.banner.region' })}
      inert={inert}
    >
      <div
        className={
          message === null
            ? undefined
            : status?.state === 'error'
              ? 'update-banner update-banner-error'
              : 'update-banner'
        }
      >
        <div role="status" aria-live="polite" className="update-banner-text">
          {message !== null && <p>{message}</p>}
          {message !== null && error && (
            <p>
              <ErrorText error={error} />
            </p>
          )}
        </div>
        {message !== null && shown && shown.restart !== 'none' && (
          <button
            type="button"
            className="button-primary"
            aria-disabled={shown.restart === 'pressed'}
            onClick={() => {
              if (shown.restart === 'pressed') return;
              setError(null);
              void actions.updates.restart().then(setError);
            }}
          >
            {intl.formatMessage({ id: 'updates.banner.restart' })}
          </button>
        )}
        {message !== null && (
          <button
            type="button"
            className="button-quiet"
            aria-label={intl.formatMessage({ id: 'updates.banner.dismiss' })}
            onClick={() => setDismissed(status)}
          >
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
    </section>
  );
}
