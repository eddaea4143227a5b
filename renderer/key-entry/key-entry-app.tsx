import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Persistence } from '../../common/key-status';
import { KeepKeyChoice } from '../shared/keep-key-choice';
import { getKeyEntryBridge } from './bridge';
import { keyProblem } from './validate-key';

interface Context {
  backend: string;
  persistenceIsWeak: boolean;
  encryptionAvailable: boolean;
}

/**
 * The only page that ever holds a typed key: a password field, a storage choice, Save and Cancel.
 * No markdown, no links, no chat; the window closes itself (from main) once the key is stored.
 */
export function KeyEntryApp() {
  const bridge = getKeyEntryBridge();
  const [key, setKey] = useState('');
  const [shown, setShown] = useState(false);
  const [persistence, setPersistence] = useState<Persistence>('encrypted');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [context, setContext] = useState<Context | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    void bridge.getKeyEntryContext().then((r) => {
      if (!r.ok) return;
      setContext(r.value);
      if (!r.value.encryptionAvailable || r.value.persistenceIsWeak) setPersistence('session');
    });
  }, [bridge]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = keyProblem(key);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await bridge.submit({
      key,
      persistence,
      ...(persistence === 'encrypted' && context?.persistenceIsWeak
        ? { allowWeakEncryption: acceptWeak }
        : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    if (!result.value.ok) {
      setError(result.value.error.message);
      return;
    }
    // Drop our copy at once; main closes this window.
    setKey('');
    const label = result.value.info?.label;
    setDone(
      result.value.verified
        ? `Key saved${label ? ` (${label})` : ''}.`
        : 'Key saved, but OpenRouter could not be reached to check it. Your first chat will tell you if it is wrong.',
    );
  };

  const weak = context?.persistenceIsWeak ?? false;
  const canEncrypt = context?.encryptionAvailable ?? true;

  return (
    <main className="key-entry">
      <h1>Enter your OpenRouter key</h1>
      <p className="hint">
        Find it at openrouter.ai → Settings → Keys. It stays in Switchboard’s main process; the chat window
        never sees it.
      </p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="key">API key</label>
        <div className="key-row">
          <input
            id="key"
            type={shown ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the window exists only to take this field; focusing it is what the person asked for.
            autoFocus
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setError(null);
            }}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            disabled={busy || done !== null}
          />
          <button type="button" onClick={() => setShown((s) => !s)} aria-pressed={shown}>
            {shown ? 'Hide' : 'Show'}
          </button>
        </div>
        <KeepKeyChoice
          persistence={persistence}
          onPersistence={setPersistence}
          canEncrypt={canEncrypt}
          weak={weak}
          acceptWeak={acceptWeak}
          onAcceptWeak={setAcceptWeak}
          {...(context ? { encryptedDetail: backendName(context.backend) } : {})}
          hintClassName="warning"
        />
        {error && (
          <p id={errorId} role="alert" className="error">
            {error}
          </p>
        )}
        {done && (
          <p role="status" className="done">
            {done}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => void bridge.cancel()}>
            Cancel
          </button>
          <button type="submit" disabled={busy || done !== null}>
            {busy ? 'Checking…' : 'Save key'}
          </button>
        </div>
      </form>
    </main>
  );
}

function backendName(backend: string): string {
  if (backend === 'keychain') return 'macOS Keychain';
  if (backend === 'dpapi') return 'Windows DPAPI';
  if (backend === 'basic_text') return 'no keyring available';
  return 'your desktop keyring';
}
