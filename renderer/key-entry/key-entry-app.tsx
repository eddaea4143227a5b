import { type FormEvent, useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Persistence } from '../../common/key-status';
import { formatAppError, type ShownError } from '../shared/i18n/error-text';
import { KeepKeyChoice } from '../shared/keep-key-choice';
import { getKeyEntryBridge } from './bridge';
import { KEY_PROBLEM_MESSAGES, keyProblem } from './validate-key';

/** Text to show: a catalog message or an error from main, both translated when shown. */
type Note = { id: string; values?: Record<string, string> } | { error: ShownError };

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
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const show = (note: Note) => ('id' in note ? t(note.id, note.values) : formatAppError(intl, note.error));
  const [key, setKey] = useState('');
  const [shown, setShown] = useState(false);
  const [persistence, setPersistence] = useState<Persistence>('encrypted');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [context, setContext] = useState<Context | null>(null);
  const [error, setError] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Note | null>(null);
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
      setError({ id: KEY_PROBLEM_MESSAGES[problem] });
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
      setError({ error: result.error });
      return;
    }
    if (!result.value.ok) {
      setError({ error: result.value.error });
      return;
    }
    // Drop our copy at once; main closes this window.
    setKey('');
    const label = result.value.info?.label;
    setDone(
      !result.value.verified
        ? { id: 'keyEntry.savedUnverified' }
        : label
          ? { id: 'keyEntry.savedWithLabel', values: { label } }
          : { id: 'keyEntry.saved' },
    );
  };

  const weak = context?.persistenceIsWeak ?? false;
  const canEncrypt = context?.encryptionAvailable ?? true;

  const title = t('keyEntry.title');
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <main className="key-entry">
      <h1>{title}</h1>
      <p className="hint">{t('keyEntry.hint')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="key">{t('keyEntry.keyLabel')}</label>
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
            {shown ? t('keyEntry.hide') : t('keyEntry.show')}
          </button>
        </div>
        <KeepKeyChoice
          persistence={persistence}
          onPersistence={setPersistence}
          canEncrypt={canEncrypt}
          weak={weak}
          acceptWeak={acceptWeak}
          onAcceptWeak={setAcceptWeak}
          {...(context ? { encryptedDetail: t('keyEntry.backend', { backend: context.backend }) } : {})}
          hintClassName="warning"
        />
        {error && (
          <p id={errorId} role="alert" className="error">
            {show(error)}
          </p>
        )}
        {done && (
          <p role="status" className="done">
            {show(done)}
          </p>
        )}
        <div className="buttons">
          <button type="button" onClick={() => void bridge.cancel()}>
            {t('keyEntry.cancel')}
          </button>
          <button type="submit" disabled={busy || done !== null}>
            {busy ? t('keyEntry.checking') : t('keyEntry.save')}
          </button>
        </div>
      </form>
    </main>
  );
}
