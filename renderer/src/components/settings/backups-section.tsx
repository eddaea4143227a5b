import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { BackupConversation, BackupKind, BackupSummary } from '../../../../common/backup-types';
import { useActions } from '../../app-context';
import { formatBytes } from '../../format/attachments';

/*
 * Every sentence shown here is written whole (no fragments joined at run time), so each can move to a
 * message catalog as it is when the window is translated.
 */

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  'pre-update': 'Before an update',
  'pre-restore': 'Before a restore',
  manual: 'Made by you',
};

const NEED_PASSPHRASE = 'Type the passphrase for encrypted copies first.';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (iso: string) => dateFormat.format(new Date(iso));

function conversationsText(count: number): string {
  return count === 1 ? '1 conversation' : `${count} conversations`;
}

function backupLabel(backup: BackupSummary): string {
  if (!backup.complete) return `${formatDate(backup.createdAt)}: incomplete, cannot be restored`;
  return `${formatDate(backup.createdAt)}, ${KIND_LABELS[backup.kind]}, ${conversationsText(backup.conversationCount)}, ${formatBytes(backup.totalBytes)}`;
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
  const actions = useActions();
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
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
        setError(result.error.message);
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
    setBusy('Backing up…');
    setError(null);
    setStatus('');
    const result = await actions.backups.backUpNow();
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setStatus(
      `Backed up ${conversationsText(result.value.conversationCount)} (${formatBytes(result.value.totalBytes)}).`,
    );
    await load(result.value.id);
  };

  const restore = async (backup: BackupSummary) => {
    backToIdle('restore');
    setBusy('Backing up the current state, then restoring…');
    setError(null);
    setStatus('');
    const result = await actions.backups.restore(backup.id);
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
    } else {
      const { restored, movedToTrash } = result.value;
      setStatus(
        movedToTrash === 0
          ? `Restored ${conversationsText(restored)} from the backup of ${formatDate(backup.createdAt)}. To undo, restore the backup marked "Before a restore".`
          : `Restored ${conversationsText(restored)} from the backup of ${formatDate(backup.createdAt)}, and moved ${conversationsText(movedToTrash)} made since then to the trash. To undo, restore the backup marked "Before a restore".`,
      );
    }
    await load();
  };

  const openPicker = async (backup: BackupSummary) => {
    setError(null);
    setStatus('');
    setStep({ kind: 'pick-conversation', conversations: null, chosen: '' });
    const result = await actions.backups.conversationsOf(backup.id);
    if (!result.ok) {
      backToIdle('restore-one');
      setError(result.error.message);
      return;
    }
    const conversations = [...result.value.conversations].sort((a, b) =>
      b.updatedAt.localeCompare(a.updatedAt),
    );
    setStep({ kind: 'pick-conversation', conversations, chosen: conversations[0]?.id ?? '' });
  };

  const saveEncrypted = async (backup: BackupSummary) => {
    if (busy !== null) return;
    setBusy('Saving the encrypted copy…');
    setError(null);
    setStatus('');
    const result = await actions.backups.saveEncrypted(backup.id, passphrase);
    setBusy(null);
    if (!result.ok) setError(result.error.message);
    else if (result.value.saved) setStatus(`Saved the encrypted copy as ${result.value.fileName}.`);
  };

  const openEncrypted = async () => {
    if (busy !== null) return;
    setBusy('Opening the encrypted copy…');
    setError(null);
    setStatus('');
    const result = await actions.backups.openEncrypted(passphrase);
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const opened = result.value.backup;
    if (!opened) return;
    setStatus(
      `Opened the encrypted copy of the backup of ${formatDate(opened.createdAt)}. It is chosen below: press "Restore…" to bring it back.`,
    );
    await load(opened.id);
  };

  const restoreConversation = async (backup: BackupSummary, conversationId: string) => {
    backToIdle('restore-one');
    setBusy('Restoring the conversation…');
    setError(null);
    const result = await actions.backups.restoreConversation(backup.id, conversationId);
    setBusy(null);
    if (!result.ok) setError(result.error.message);
    else
      setStatus(`"${result.value.title}" was restored from the backup of ${formatDate(backup.createdAt)}.`);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-backups-heading">
      <h3 id="settings-backups-heading">Backups</h3>
      <p className="field-hint">
        Switchboard keeps copies of your conversations, settings and spending record in its data folder: one a
        day while you use it, one before each update, and the ones you make. Your OpenRouter key is never in a
        backup.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => void backUpNow()} aria-disabled={busy !== null}>
          Back up now
        </button>
      </div>
      {backups === null ? (
        <p>Loading backups…</p>
      ) : backups.length === 0 ? (
        <p>No backups yet.</p>
      ) : (
        <fieldset className="backups-list" aria-describedby={`${groupId}-hint`}>
          <legend className="field-label">Backups kept</legend>
          <p id={`${groupId}-hint`} className="field-hint">
            Choose a backup, then restore all of it or one conversation from it.
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
              {backupLabel(backup)}
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
            Restore…
          </button>
          <button
            ref={restoreOneRef}
            type="button"
            aria-disabled={busy !== null}
            onClick={() => {
              if (busy === null) void openPicker(chosen);
            }}
          >
            Restore a conversation…
          </button>
        </div>
      )}
      {chosen && step.kind === 'confirm-restore' && (
        <div className="confirm">
          <p>
            Restore the backup of {formatDate(chosen.createdAt)}? Switchboard first backs up your
            conversations as they are now, so you can undo this by restoring that backup. Conversations made
            since then move to the trash.
          </p>
          <div className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="button-danger"
              onClick={() => void restore(chosen)}
            >
              Restore this backup
            </button>
            <button type="button" onClick={() => backToIdle('restore')}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {chosen && step.kind === 'pick-conversation' && (
        <div className="settings-field">
          {step.conversations === null ? (
            <p>Loading the conversations of this backup…</p>
          ) : step.conversations.length === 0 ? (
            <>
              <p>This backup has no conversations.</p>
              <div className="button-row">
                <button type="button" onClick={() => backToIdle('restore-one')}>
                  Cancel
                </button>
              </div>
            </>
          ) : (
            <>
              <label htmlFor={pickerId}>Conversation to restore</label>
              <select
                id={pickerId}
                ref={pickerRef}
                value={step.chosen}
                onChange={(e) => setStep({ ...step, chosen: e.currentTarget.value })}
              >
                {step.conversations.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
              <p className="field-hint">
                The conversation comes back as it was in this backup; a newer version of it is replaced.
              </p>
              <div className="button-row">
                <button type="button" onClick={() => void restoreConversation(chosen, step.chosen)}>
                  Restore this conversation
                </button>
                <button type="button" onClick={() => backToIdle('restore-one')}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <div className="settings-field">
        <label htmlFor={passphraseId}>Passphrase for encrypted copies</label>
        <input
          id={passphraseId}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          aria-describedby={`${passphraseId}-hint`}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
        />
        <p id={`${passphraseId}-hint`} className="field-hint">
          An encrypted copy of the chosen backup goes into a folder you pick, such as a synced folder, and
          opens on another computer with this passphrase. Switchboard does not keep the passphrase: without it
          the copy cannot be opened. Use at least 12 characters.
        </p>
        <div className="button-row">
          {chosen && (
            <button
              type="button"
              aria-disabled={busy !== null || passphrase === ''}
              onClick={() => {
                if (passphrase === '') setError(NEED_PASSPHRASE);
                else void saveEncrypted(chosen);
              }}
            >
              Save encrypted copy…
            </button>
          )}
          <button
            type="button"
            aria-disabled={busy !== null || passphrase === ''}
            onClick={() => {
              if (passphrase === '') setError(NEED_PASSPHRASE);
              else void openEncrypted();
            }}
          >
            Open encrypted copy…
          </button>
        </div>
      </div>
      <p role="status" className="field-hint">
        {busy ?? status}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
