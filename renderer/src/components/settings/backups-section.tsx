import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { type IntlShape, useIntl } from 'react-intl';
import type { BackupConversation, BackupKind, BackupSummary } from '../../../../common/backup-types';
import { formatAppError, type ShownError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { formatBytes } from '../../format/attachments';
import { shownConversationTitle } from '../../format/conversation-title';
import { localeOf } from '../../format/format-intl';

/*
 * Every sentence shown here is one message of `settings.backups` (no fragments joined at run time);
 * dates, sizes and counts go through Intl in the interface's language.
 */

/** A status line: a message id and its values, translated where it is shown. */
type Note = { id: string; values?: Record<string, string | number> } | null;

/** A backup's kind as the catalog's select key (ICU select keys take no dash). */
const KIND_KEYS: Record<BackupKind, string> = {
  daily: 'daily',
  weekly: 'weekly',
  'pre-update': 'preUpdate',
  'pre-restore': 'preRestore',
  manual: 'manual',
};

function formatDate(iso: string, intl: IntlShape): string {
  return intl.formatDate(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
}

function backupLabel(backup: BackupSummary, intl: IntlShape): string {
  const date = formatDate(backup.createdAt, intl);
  if (!backup.complete) return intl.formatMessage({ id: 'settings.backups.incomplete' }, { date });
  return intl.formatMessage(
    { id: 'settings.backups.label' },
    {
      date,
      kind: intl.formatMessage({ id: 'settings.backups.kind' }, { kind: KIND_KEYS[backup.kind] }),
      count: backup.conversationCount,
      size: formatBytes(backup.totalBytes, localeOf(intl)),
    },
  );
}

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm-restore' }
  | { kind: 'pick-conversation'; conversations: BackupConversation[] | null; chosen: string };

/**
 * Settings → "Backups" (issue 20): the snapshots main keeps in its data folder (date, why, how many
 * conversations, size), "Back up now", "Restore…" for the chosen snapshot (after a confirmation saying
 * the current state is backed up first) and "Restore a conversation…" from it. Main names each snapshot
 * by an id; no path reaches the window.
 */
export function BackupsSection() {
  const intl = useIntl();
  const text = (id: string) => intl.formatMessage({ id });
  const date = (iso: string) => formatDate(iso, intl);
  const actions = useActions();
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** What the status line says: one sentence, or two after a whole restore (settings and spending). */
  const [status, setNotes] = useState<readonly Note[]>([]);
  const setStatus = (...notes: Note[]) => setNotes(notes);
  /** Main's error as main gave it, or one of this section's own messages: worded where shown, so a
   * language switch re-words it. */
  const [error, setError] = useState<{ main: ShownError } | { id: string } | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const groupId = useId();
  const pickerId = useId();
  const passphraseId = useId();
  const [passphrase, setPassphrase] = useState('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const pickerRef = useRef<HTMLSelectElement>(null);
  const restoreRef = useRef<HTMLButtonElement>(null);
  const restoreOneRef = useRef<HTMLButtonElement>(null);
  /** Which button gets focus back when a confirmation or the picker closes (never lost to the page). */
  const [focusBack, setFocusBack] = useState<'restore' | 'restore-one' | null>(null);

  const load = useCallback(
    async (select?: string) => {
      const result = await actions.backups.list();
      if (!result.ok) {
        setError({ main: result.error });
        return;
      }
      setBackups(result.value.backups);
      const restorable = result.value.backups.filter((b) => b.complete);
      setSelected(
        (current) =>
          select ?? (restorable.some((b) => b.id === current) ? current : (restorable[0]?.id ?? null)),
      );
    },
    [actions],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (step.kind === 'confirm-restore') confirmRef.current?.focus();
    if (step.kind === 'pick-conversation' && step.conversations) pickerRef.current?.focus();
    if (step.kind === 'idle' && focusBack !== null) {
      (focusBack === 'restore' ? restoreRef : restoreOneRef).current?.focus();
      setFocusBack(null);
    }
  }, [step, focusBack]);

  const backToIdle = (focus: 'restore' | 'restore-one') => {
    setFocusBack(focus);
    setStep({ kind: 'idle' });
  };

  const chosen = backups?.find((b) => b.id === selected && b.complete) ?? null;

  const backUpNow = async () => {
    if (busy !== null) return;
    setBusy('settings.backups.busy.backingUp');
    setError(null);
    setStatus(null);
    const result = await actions.backups.backUpNow();
    setBusy(null);
    if (!result.ok) {
      setError({ main: result.error });
      return;
    }
    setStatus({
      id: 'settings.backups.backedUp',
      values: {
        count: result.value.conversationCount,
        size: formatBytes(result.value.totalBytes, localeOf(intl)),
      },
    });
    await load(result.value.id);
  };

  const restore = async (backup: BackupSummary) => {
    backToIdle('restore');
    setBusy('settings.backups.busy.restoring');
    setError(null);
    setStatus(null);
    const result = await actions.backups.restore(backup.id);
    setBusy(null);
    if (!result.ok) {
      setError({ main: result.error });
    } else {
      const { restored, movedToTrash, spendingEntriesAdded } = result.value;
      setStatus(
        movedToTrash === 0
          ? { id: 'settings.backups.restored', values: { count: restored, date: date(backup.createdAt) } }
          : {
              id: 'settings.backups.restoredMoved',
              values: { count: restored, moved: movedToTrash, date: date(backup.createdAt) },
            },
        {
          id: 'settings.backups.restoredAlso',
          values: { added: spendingEntriesAdded },
        },
      );
    }
    await load();
  };

  const openPicker = async (backup: BackupSummary) => {
    setError(null);
    setStatus(null);
    setStep({ kind: 'pick-conversation', conversations: null, chosen: '' });
    const result = await actions.backups.conversationsOf(backup.id);
    if (!result.ok) {
      backToIdle('restore-one');
      setError({ main: result.error });
      return;
    }
    const conversations = [...result.value.conversations].sort((a, b) =>
      b.updatedAt.localeCompare(a.updatedAt),
    );
    setStep({ kind: 'pick-conversation', conversations, chosen: conversations[0]?.id ?? '' });
  };

  const saveEncrypted = async (backup: BackupSummary) => {
    if (busy !== null) return;
    setBusy('settings.backups.busy.saving');
    setError(null);
    setStatus(null);
    const result = await actions.backups.saveEncrypted(backup.id, passphrase);
    setBusy(null);
    if (!result.ok) setError({ main: result.error });
    else if (result.value.saved)
      setStatus({ id: 'settings.backups.savedCopy', values: { fileName: result.value.fileName ?? '' } });
  };

  const openEncrypted = async () => {
    if (busy !== null) return;
    setBusy('settings.backups.busy.opening');
    setError(null);
    setStatus(null);
    const result = await actions.backups.openEncrypted(passphrase);
    setBusy(null);
    if (!result.ok) {
      setError({ main: result.error });
      return;
    }
    const opened = result.value.backup;
    if (!opened) return;
    setStatus({ id: 'settings.backups.openedCopy', values: { date: date(opened.createdAt) } });
    await load(opened.id);
  };

  const restoreConversation = async (backup: BackupSummary, conversationId: string) => {
    backToIdle('restore-one');
    setBusy('settings.backups.busy.restoringOne');
    setError(null);
    const result = await actions.backups.restoreConversation(backup.id, conversationId);
    setBusy(null);
    if (!result.ok) setError({ main: result.error });
    else
      setStatus({
        id: 'settings.backups.restoredOne',
        values: {
          title: shownConversationTitle(intl, result.value.title).text,
          date: date(backup.createdAt),
        },
      });
  };

  return (
    <section className="settings-section" aria-labelledby="settings-backups-heading">
      <h3 id="settings-backups-heading">{text('settings.backups.heading')}</h3>
      <p className="field-hint">{text('settings.backups.hint')}</p>
      <div className="button-row">
        <button type="button" onClick={() => void backUpNow()} aria-disabled={busy !== null}>
          {text('settings.backups.backUpNow')}
        </button>
      </div>
      {backups === null ? (
        <p>{text('settings.backups.loading')}</p>
      ) : backups.length === 0 ? (
        <p>{text('settings.backups.none')}</p>
      ) : (
        <fieldset className="backups-list" aria-describedby={`${groupId}-hint`}>
          <legend className="field-label">{text('settings.backups.kept')}</legend>
          <p id={`${groupId}-hint`} className="field-hint">
            {text('settings.backups.keptHint')}
          </p>
          {backups.map((backup) => (
            <label key={backup.id} className="choice">
              <input
                type="radio"
                name={groupId}
                value={backup.id}
                checked={selected === backup.id}
                disabled={!backup.complete}
                onChange={() => {
                  setSelected(backup.id);
                  setStep({ kind: 'idle' });
                }}
              />
              {backupLabel(backup, intl)}
            </label>
          ))}
        </fieldset>
      )}
      {chosen && step.kind === 'idle' && (
        <div className="button-row">
          <button
            ref={restoreRef}
            type="button"
            aria-disabled={busy !== null}
            onClick={() => {
              if (busy === null) setStep({ kind: 'confirm-restore' });
            }}
          >
            {text('settings.backups.restore')}
          </button>
          <button
            ref={restoreOneRef}
            type="button"
            aria-disabled={busy !== null}
            onClick={() => {
              if (busy === null) void openPicker(chosen);
            }}
          >
            {text('settings.backups.restoreOne')}
          </button>
        </div>
      )}
      {chosen && step.kind === 'confirm-restore' && (
        <div className="confirm">
          <p>{intl.formatMessage({ id: 'settings.backups.confirm' }, { date: date(chosen.createdAt) })}</p>
          <p>{text('settings.backups.confirmWhat')}</p>
          <div className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="button-danger"
              onClick={() => void restore(chosen)}
            >
              {text('settings.backups.confirmRestore')}
            </button>
            <button type="button" onClick={() => backToIdle('restore')}>
              {text('settings.backups.cancel')}
            </button>
          </div>
        </div>
      )}
      {chosen && step.kind === 'pick-conversation' && (
        <div className="settings-field">
          {step.conversations === null ? (
            <p>{text('settings.backups.loadingConversations')}</p>
          ) : step.conversations.length === 0 ? (
            <>
              <p>{text('settings.backups.noConversations')}</p>
              <div className="button-row">
                <button type="button" onClick={() => backToIdle('restore-one')}>
                  {text('settings.backups.cancel')}
                </button>
              </div>
            </>
          ) : (
            <>
              <label htmlFor={pickerId}>{text('settings.backups.pickLabel')}</label>
              <select
                id={pickerId}
                ref={pickerRef}
                value={step.chosen}
                onChange={(e) => setStep({ ...step, chosen: e.currentTarget.value })}
              >
                {step.conversations.map((c) => {
                  // A conversation's own title is the person's (or the model's) words; the stored
                  // placeholder is shown as the catalog's, in the window's language.
                  const title = shownConversationTitle(intl, c.title);
                  return (
                    <option key={c.id} value={c.id} {...(title.own ? { 'data-i18n-content': true } : {})}>
                      {title.text}
                    </option>
                  );
                })}
              </select>
              <p className="field-hint">{text('settings.backups.pickHint')}</p>
              <div className="button-row">
                <button type="button" onClick={() => void restoreConversation(chosen, step.chosen)}>
                  {text('settings.backups.restoreThis')}
                </button>
                <button type="button" onClick={() => backToIdle('restore-one')}>
                  {text('settings.backups.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <div className="settings-field">
        <label htmlFor={passphraseId}>{text('settings.backups.passphrase')}</label>
        <input
          id={passphraseId}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          aria-describedby={`${passphraseId}-hint`}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
        />
        <p id={`${passphraseId}-hint`} className="field-hint">
          {text('settings.backups.passphraseHint')}
        </p>
        <div className="button-row">
          {chosen && (
            <button
              type="button"
              aria-disabled={busy !== null || passphrase === ''}
              onClick={() => {
                if (passphrase === '') setError({ id: 'settings.backups.needPassphrase' });
                else void saveEncrypted(chosen);
              }}
            >
              {text('settings.backups.saveCopy')}
            </button>
          )}
          <button
            type="button"
            aria-disabled={busy !== null || passphrase === ''}
            onClick={() => {
              if (passphrase === '') setError({ id: 'settings.backups.needPassphrase' });
              else void openEncrypted();
            }}
          >
            {text('settings.backups.openCopy')}
          </button>
        </div>
      </div>
      <p role="status" className="field-hint">
        {busy !== null
          ? text(busy)
          : status
              .flatMap((note) => (note ? [intl.formatMessage({ id: note.id }, note.values)] : []))
              .join(' ')}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {'main' in error ? formatAppError(intl, error.main) : text(error.id)}
        </p>
      )}
    </section>
  );
}
