import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { KeyInfo, KeyStatus } from '../../../../common/key-status';
import { ErrorText, type ShownError } from '../../../shared/i18n/error-text';
import { useActions, useStores } from '../../app-context';
import { describeBackend, describeKeySource } from '../../format/key-storage';
import { useStoreValue } from '../../hooks/use-store-value';
import { hasUsableKey } from '../../state/key-status-store';
import { KeyOriginPaused } from '../onboarding/key-origin-paused';
import { keyStatusReason } from '../onboarding/key-status-reason';
import { KeyVerification } from './key-verification';

type Verification =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; info: KeyInfo }
  // Main's error itself, worded where shown: it follows a language switch while on screen.
  | { state: 'failed'; error: ShownError };

function KeyFacts({ status }: { status: KeyStatus }) {
  const intl = useIntl();
  switch (status.state) {
    case 'none':
      return <p>{intl.formatMessage({ id: 'settings.key.none' })}</p>;
    case 'unavailable':
      return (
        <p>
          {intl.formatMessage({ id: 'settings.key.unavailable' }, { reason: keyStatusReason(intl, status) })}
        </p>
      );
    case 'unreadable':
      return (
        <p>
          {intl.formatMessage({ id: 'settings.key.unreadable' }, { reason: keyStatusReason(intl, status) })}
        </p>
      );
    case 'origin-mismatch':
      return <KeyOriginPaused status={status} />;
    case 'stored':
    case 'session-only':
      return (
        <dl className="key-facts">
          <dt>{intl.formatMessage({ id: 'settings.key.facts.key' })}</dt>
          <dd>
            <code>{status.preview}</code>
          </dd>
          <dt>{intl.formatMessage({ id: 'settings.key.facts.added' })}</dt>
          <dd>{describeKeySource(status.source, intl)}</dd>
          <dt>{intl.formatMessage({ id: 'settings.key.facts.keptIn' })}</dt>
          <dd>
            {status.state === 'session-only'
              ? intl.formatMessage({ id: 'settings.key.facts.sessionOnly' })
              : describeBackend(status.backend, intl)}
          </dd>
        </dl>
      );
  }
}

/** The key as main describes it (masked), with Verify and a two-step Remove. */
export function KeySection() {
  const intl = useIntl();
  const stores = useStores();
  const actions = useActions();
  const status = useStoreValue(stores.keyStatus);
  const [verification, setVerification] = useState<Verification>({ state: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<ShownError | null>(null);

  const verify = async () => {
    setVerification({ state: 'checking' });
    const result = await actions.key.verify();
    setVerification(
      result.ok ? { state: 'done', info: result.value } : { state: 'failed', error: result.error },
    );
  };

  const reportExposed = async () => {
    const result = await actions.key.reportExposed();
    setVerification({ state: 'idle' });
    setRemoveError(result.ok ? null : result.error);
    if (result.ok) {
      actions.toasts.show(intl.formatMessage({ id: 'settings.key.exposedDone' }));
    }
  };

  const remove = async () => {
    const result = await actions.key.remove();
    setConfirming(false);
    setVerification({ state: 'idle' });
    setRemoveError(result.ok ? null : result.error);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-key-heading">
      <h3 id="settings-key-heading">{intl.formatMessage({ id: 'settings.key.heading' })}</h3>
      {status ? (
        <KeyFacts status={status} />
      ) : (
        <p>{intl.formatMessage({ id: 'settings.key.checkingKey' })}</p>
      )}
      {status && !hasUsableKey(status) && (
        <p className="field-hint">
          {intl.formatMessage(
            { id: 'settings.key.storage' },
            { backend: describeBackend(status.backend, intl) },
          )}
        </p>
      )}
      {hasUsableKey(status) && (
        <>
          <div className="button-row">
            <button type="button" onClick={() => void verify()} disabled={verification.state === 'checking'}>
              {intl.formatMessage({ id: 'settings.key.verify' })}
            </button>
            {!confirming && (
              <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
                {intl.formatMessage({ id: 'settings.key.remove' })}
              </button>
            )}
            <button
              type="button"
              className="button-danger"
              onClick={() => void reportExposed()}
              aria-describedby="key-exposed-hint"
            >
              {intl.formatMessage({ id: 'settings.key.exposed' })}
            </button>
          </div>
          <p id="key-exposed-hint" className="field-hint">
            {intl.formatMessage({ id: 'settings.key.exposedHint' })}
          </p>
          {confirming && (
            <div className="confirm">
              <p>{intl.formatMessage({ id: 'settings.key.confirmQuestion' })}</p>
              <div className="button-row">
                <button type="button" className="button-danger" onClick={() => void remove()}>
                  {intl.formatMessage({ id: 'settings.key.confirmRemoval' })}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {intl.formatMessage({ id: 'settings.key.keep' })}
                </button>
              </div>
            </div>
          )}
          <div role="status" className="verification">
            {verification.state === 'checking' && (
              <p>{intl.formatMessage({ id: 'settings.key.checkingWithOpenRouter' })}</p>
            )}
            {verification.state === 'done' && <KeyVerification info={verification.info} />}
          </div>
          {verification.state === 'failed' && (
            <p role="alert" className="field-error">
              <ErrorText error={verification.error} />
            </p>
          )}
        </>
      )}
      {removeError && (
        <p role="alert" className="field-error">
          <ErrorText error={removeError} />
        </p>
      )}
    </section>
  );
}
