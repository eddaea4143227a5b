import { useEffect, useId, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { KeyChoice, KeyStored, SignInProgress } from '../../../../common/key-intake-types';
import type { KeyStatus, Persistence } from '../../../../common/key-status';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { KeepKeyChoice } from '../../../shared/keep-key-choice';
import { useActions } from '../../app-context';
import { describeBackend } from '../../format/key-storage';
import { EnvKeyOffer } from './env-key-offer';
import { KeyOriginPaused } from './key-origin-paused';
import { keySavedMessage } from './key-saved-message';
import { keyStatusReason } from './key-status-reason';

/** What the start screen says went wrong: main's error, or a catalog message of its own. */
type StartProblem = { error: ShownError } | { id: string };

function Problem({ status }: { status: KeyStatus }) {
  const intl = useIntl();
  if (status.state === 'origin-mismatch') return <KeyOriginPaused status={status} />;
  if (status.state === 'unreadable') {
    return (
      <p className="onboarding-problem">
        {intl.formatMessage({ id: 'onboarding.unreadable' }, { reason: keyStatusReason(intl, status) })}
      </p>
    );
  }
  if (status.state === 'unavailable') {
    return (
      <p className="onboarding-problem">
        {intl.formatMessage({ id: 'onboarding.unavailable' }, { reason: keyStatusReason(intl, status) })}
      </p>
    );
  }
  return null;
}

function progressText(p: SignInProgress | null, intl: IntlShape): string | null {
  if (!p) return null;
  if (p.phase === 'waiting-for-browser') return intl.formatMessage({ id: 'onboarding.progress.waiting' });
  if (p.phase === 'exchanging') return intl.formatMessage({ id: 'onboarding.progress.exchanging' });
  return null;
}

/**
 * Shown while there is no usable key: what the key is for, the ways to add one — none of which puts
 * the key in this window — and where it will be kept.
 */
export function Onboarding({ status }: { status: KeyStatus }) {
  const intl = useIntl();
  const { addKey, toasts } = useActions();
  const headingId = useId();
  const weak = status.backend === 'basic_text';
  const canEncrypt = status.state !== 'unavailable';
  const [persistence, setPersistence] = useState<Persistence>(canEncrypt && !weak ? 'encrypted' : 'session');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [progress, setProgress] = useState<SignInProgress | null>(null);
  // Main's error (or the catalog's word for a cancelled sign-in), kept as such and worded at render,
  // so one on screen follows a language switch.
  const [error, setError] = useState<StartProblem | null>(null);
  const [busy, setBusy] = useState<'sign-in' | 'clipboard' | null>(null);
  // A sign-in started before this window (re)loaded can still be running in main: offer to cancel it.
  const [staleSignIn, setStaleSignIn] = useState(false);

  useEffect(() => addKey.onSignInProgress(setProgress), [addKey]);

  const choice: KeyChoice = {
    persistence,
    ...(persistence === 'encrypted' && weak ? { allowWeakEncryption: acceptWeak } : {}),
  };

  const saved = (stored: KeyStored) => toasts.show(keySavedMessage(stored, intl));

  const signIn = async () => {
    setError(null);
    setBusy('sign-in');
    const result = await addKey.signIn(choice);
    setBusy(null);
    setProgress(null);
    setStaleSignIn(!result.ok && result.error.code === 'sign_in_in_progress');
    if (!result.ok) setError({ error: result.error });
    else if (result.value.phase === 'failed') setError({ error: result.value.error });
    else if (result.value.phase === 'cancelled') setError({ id: 'onboarding.cancelled' });
    else if (result.value.phase === 'done') saved(result.value);
    // A key was added while the sign-in ran, and the person chose in main's dialog to keep it. A toast,
    // not an alert: it is the person's own decision, and this start screen may already have given way to chat.
    else if (result.value.phase === 'kept') toasts.show(intl.formatMessage({ id: 'onboarding.keptCurrent' }));
  };

  const paste = async () => {
    setError(null);
    setBusy('clipboard');
    const result = await addKey.pasteFromClipboard(choice);
    setBusy(null);
    if (!result.ok) setError({ error: result.error });
    else saved(result.value);
  };

  const typeIt = async () => {
    setError(null);
    const result = await addKey.openKeyWindow();
    if (!result.ok) setError({ error: result.error });
  };

  const waiting = progressText(progress, intl);
  return (
    <section className="onboarding" aria-labelledby={headingId}>
      <h2 id={headingId}>{intl.formatMessage({ id: 'onboarding.heading' })}</h2>
      <p>{intl.formatMessage({ id: 'onboarding.intro' })}</p>
      <Problem status={status} />
      <EnvKeyOffer choice={choice} onSaved={saved} onError={(failure) => setError({ error: failure })} />

      <KeepKeyChoice
        persistence={persistence}
        onPersistence={setPersistence}
        canEncrypt={canEncrypt}
        weak={weak}
        acceptWeak={acceptWeak}
        onAcceptWeak={setAcceptWeak}
        className="key-choice"
        hintClassName="field-hint"
      />

      <ul className="ways-in">
        <li>
          <button type="button" onClick={() => void signIn()} disabled={busy !== null}>
            {intl.formatMessage({ id: 'onboarding.signIn' })}
          </button>
          <p>{intl.formatMessage({ id: 'onboarding.signInHint' })}</p>
          {busy === 'sign-in' && (
            <p role="status">
              {waiting ?? intl.formatMessage({ id: 'onboarding.starting' })}{' '}
              <button type="button" onClick={() => void addKey.cancelSignIn()}>
                {intl.formatMessage({ id: 'onboarding.cancelSignIn' })}
              </button>
            </p>
          )}
        </li>
        <li>
          <button type="button" onClick={() => void paste()} disabled={busy !== null}>
            {intl.formatMessage({ id: 'onboarding.paste' })}
          </button>
          <p>{intl.formatMessage({ id: 'onboarding.pasteHint' })}</p>
        </li>
        <li>
          <button type="button" onClick={() => void typeIt()} disabled={busy !== null}>
            {intl.formatMessage({ id: 'onboarding.typeIt' })}
          </button>
          <p>{intl.formatMessage({ id: 'onboarding.typeItHint' })}</p>
        </li>
      </ul>
      {error && (
        <p role="alert" className="onboarding-problem">
          {'error' in error ? formatAppError(intl, error.error) : intl.formatMessage({ id: error.id })}
        </p>
      )}
      {staleSignIn && (
        <button
          type="button"
          onClick={() => {
            void addKey.cancelSignIn().then(() => {
              setStaleSignIn(false);
              setError(null);
            });
          }}
        >
          {intl.formatMessage({ id: 'onboarding.cancelSignIn' })}
        </button>
      )}
      <h3>{intl.formatMessage({ id: 'onboarding.whereKept' })}</h3>
      <p>{storageSentence(status.backend, intl)}</p>
    </section>
  );
}

function storageSentence(backend: string, intl: IntlShape): string {
  const described = describeBackend(backend, intl);
  if (backend === 'basic_text')
    return intl.formatMessage({ id: 'onboarding.storage.weak' }, { backend: described });
  return intl.formatMessage({ id: 'onboarding.storage.encrypted' }, { backend: described });
}
