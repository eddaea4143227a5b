import { useState } from 'react';
import type { KeyInfo, KeyStatus } from '../../../../common/key-status';
import { useActions, useStores } from '../../app-context';
import { describeBackend, describeKeySource } from '../../format/key-storage';
import { useStoreValue } from '../../hooks/use-store-value';
import { hasUsableKey } from '../../state/key-status-store';
import { KeyOriginPaused } from '../onboarding/key-origin-paused';
import { KeyVerification } from './key-verification';

type Verification =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; info: KeyInfo }
  | { state: 'failed'; message: string };

function KeyFacts({ status }: { status: KeyStatus }) {
  switch (status.state) {
    case 'none':
      return <p>No key yet. The start screen shows the ways to add one.</p>;
    case 'unavailable':
      return <p>Secure storage is not available: {status.reason}</p>;
    case 'unreadable':
      return <p>The saved key can no longer be read: {status.reason} Add it again to keep chatting.</p>;
    case 'origin-mismatch':
      return <KeyOriginPaused status={status} />;
    case 'stored':
    case 'session-only':
      return (
        <dl className="key-facts">
          <dt>Key</dt>
          <dd>
            <code>{status.preview}</code>
          </dd>
          <dt>Added</dt>
          <dd>{describeKeySource(status.source)}</dd>
          <dt>Kept in</dt>
          <dd>
            {status.state === 'session-only'
              ? 'Memory only: it is forgotten when Switchboard quits'
              : describeBackend(status.backend)}
          </dd>
        </dl>
      );
  }
}

/** The key as main describes it (masked), with Verify and a two-step Remove. */
export function KeySection() {
  const stores = useStores();
  const actions = useActions();
  const status = useStoreValue(stores.keyStatus);
  const [verification, setVerification] = useState<Verification>({ state: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const verify = async () => {
    setVerification({ state: 'checking' });
    const result = await actions.key.verify();
    setVerification(
      result.ok ? { state: 'done', info: result.value } : { state: 'failed', message: result.error.message },
    );
  };

  const reportExposed = async () => {
    const result = await actions.key.reportExposed();
    setVerification({ state: 'idle' });
    setRemoveError(result.ok ? null : result.error.message);
    if (result.ok) {
      actions.toasts.show(
        'Key removed from Switchboard. Revoke it on the OpenRouter page that just opened, then add a new one.',
      );
    }
  };

  const remove = async () => {
    const result = await actions.key.remove();
    setConfirming(false);
    setVerification({ state: 'idle' });
    setRemoveError(result.ok ? null : result.error.message);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-key-heading">
      <h3 id="settings-key-heading">OpenRouter key</h3>
      {status ? <KeyFacts status={status} /> : <p>Checking the key…</p>}
      {status && !hasUsableKey(status) && (
        <p className="field-hint">Storage: {describeBackend(status.backend)}</p>
      )}
      {hasUsableKey(status) && (
        <>
          <div className="button-row">
            <button type="button" onClick={() => void verify()} disabled={verification.state === 'checking'}>
              Verify key
            </button>
            {!confirming && (
              <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
                Remove key
              </button>
            )}
            <button
              type="button"
              className="button-danger"
              onClick={() => void reportExposed()}
              aria-describedby="key-exposed-hint"
            >
              Key exposed?
            </button>
          </div>
          <p id="key-exposed-hint" className="field-hint">
            Removes the key here at once and opens openrouter.ai/settings/keys so you can revoke it. To
            replace the key, remove it and add the new one from the start screen.
          </p>
          {confirming && (
            <div className="confirm">
              <p>Remove the key from Switchboard? You will need to add it again to chat.</p>
              <div className="button-row">
                <button type="button" className="button-danger" onClick={() => void remove()}>
                  Confirm removal
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Keep key
                </button>
              </div>
            </div>
          )}
          <div role="status" className="verification">
            {verification.state === 'checking' && <p>Checking with OpenRouter…</p>}
            {verification.state === 'done' && <KeyVerification info={verification.info} />}
          </div>
          {verification.state === 'failed' && (
            <p role="alert" className="field-error">
              {verification.message}
            </p>
          )}
        </>
      )}
      {removeError && (
        <p role="alert" className="field-error">
          {removeError}
        </p>
      )}
    </section>
  );
}
