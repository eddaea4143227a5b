import { useEffect, useId, useState } from 'react';
import type { KeyChoice, KeyStored, SignInProgress } from '../../../../common/key-intake-types';
import type { KeyStatus, Persistence } from '../../../../common/key-status';
import { KeepKeyChoice } from '../../../shared/keep-key-choice';
import { useActions } from '../../app-context';
import { describeBackend } from '../../format/key-storage';
import { EnvKeyOffer } from './env-key-offer';
import { KeyOriginPaused } from './key-origin-paused';
import { keySavedMessage } from './key-saved-message';

function Problem({ status }: { status: KeyStatus }) {
  if (status.state === 'origin-mismatch') return <KeyOriginPaused status={status} />;
  if (status.state === 'unreadable') {
    return (
      <p className="onboarding-problem">
        Your saved key can no longer be read: {status.reason} Add it again using one of the ways below.
      </p>
    );
  }
  if (status.state === 'unavailable') {
    return (
      <p className="onboarding-problem">Secure storage is not available on this computer: {status.reason}</p>
    );
  }
  return null;
}

/**
 * A key was added while the sign-in ran, and the person chose in main's dialog to keep it. A toast, not
 * an alert: it is the person's own decision, and this start screen may already have given way to chat.
 */
const KEPT_CURRENT_KEY =
  'Kept your current key. OpenRouter created a new key during this sign-in; if you do not need it, delete it at openrouter.ai/settings/keys.';

function progressText(p: SignInProgress | null): string | null {
  if (!p) return null;
  if (p.phase === 'waiting-for-browser') return 'Waiting for you to approve access in your browser…';
  if (p.phase === 'exchanging') return 'Approved. Getting your key from OpenRouter…';
  return null;
}

/**
 * Shown while there is no usable key: what the key is for, the ways to add one — none of which puts
 * the key in this window — and where it will be kept.
 */
export function Onboarding({ status }: { status: KeyStatus }) {
  const { addKey, toasts } = useActions();
  const headingId = useId();
  const weak = status.backend === 'basic_text';
  const canEncrypt = status.state !== 'unavailable';
  const [persistence, setPersistence] = useState<Persistence>(canEncrypt && !weak ? 'encrypted' : 'session');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [progress, setProgress] = useState<SignInProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'sign-in' | 'clipboard' | null>(null);
  // A sign-in started before this window (re)loaded can still be running in main: offer to cancel it.
  const [staleSignIn, setStaleSignIn] = useState(false);

  useEffect(() => addKey.onSignInProgress(setProgress), [addKey]);

  const choice: KeyChoice = {
    persistence,
    ...(persistence === 'encrypted' && weak ? { allowWeakEncryption: acceptWeak } : {}),
  };

  const saved = (stored: KeyStored) => toasts.show(keySavedMessage(stored));

  const signIn = async () => {
    setError(null);
    setBusy('sign-in');
    const result = await addKey.signIn(choice);
    setBusy(null);
    setProgress(null);
    setStaleSignIn(!result.ok && result.error.code === 'sign_in_in_progress');
    if (!result.ok) setError(result.error.message);
    else if (result.value.phase === 'failed') setError(result.value.error.message);
    else if (result.value.phase === 'cancelled') setError('Sign-in was cancelled.');
    else if (result.value.phase === 'done') saved(result.value);
    else if (result.value.phase === 'kept') toasts.show(KEPT_CURRENT_KEY);
  };

  const paste = async () => {
    setError(null);
    setBusy('clipboard');
    const result = await addKey.pasteFromClipboard(choice);
    setBusy(null);
    if (!result.ok) setError(result.error.message);
    else saved(result.value);
  };

  const typeIt = async () => {
    setError(null);
    const result = await addKey.openKeyWindow();
    if (!result.ok) setError(result.error.message);
  };

  const waiting = progressText(progress);
  return (
    <section className="onboarding" aria-labelledby={headingId}>
      <h2 id={headingId}>Connect your OpenRouter key</h2>
      <p>
        Switchboard sends your messages to models through OpenRouter, using your own API key. The key stays in
        Switchboard’s background process: this window never sees it.
      </p>
      <Problem status={status} />
      <EnvKeyOffer choice={choice} onSaved={saved} onError={setError} />

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
            Sign in with OpenRouter
          </button>
          <p>Opens OpenRouter in your browser. You approve access there and the key comes straight back.</p>
          {busy === 'sign-in' && (
            <p role="status">
              {waiting ?? 'Starting sign-in…'}{' '}
              <button type="button" onClick={() => void addKey.cancelSignIn()}>
                Cancel sign-in
              </button>
            </p>
          )}
        </li>
        <li>
          <button type="button" onClick={() => void paste()} disabled={busy !== null}>
            Paste from clipboard
          </button>
          <p>Copy a key from openrouter.ai; Switchboard reads it from the clipboard once, then clears it.</p>
        </li>
        <li>
          <button type="button" onClick={() => void typeIt()} disabled={busy !== null}>
            Type it in a separate window
          </button>
          <p>
            A small window run by Switchboard’s background process takes the key, so this window never sees
            it.
          </p>
        </li>
      </ul>
      {error && (
        <p role="alert" className="onboarding-problem">
          {error}
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
          Cancel sign-in
        </button>
      )}
      <h3>Where the key is kept</h3>
      <p>{storageSentence(status.backend)}</p>
    </section>
  );
}

function storageSentence(backend: string): string {
  if (backend === 'basic_text') return `There is ${describeBackend(backend)}.`;
  return `Encrypted with ${describeBackend(backend)}, so only your user account on this computer can read it.`;
}
