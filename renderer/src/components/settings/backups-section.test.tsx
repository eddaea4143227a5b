import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../../common/backup-types';
import { fail, ok } from '../../testing/fake-bridge';
import { renderApp } from '../../testing/render-app';

const daily: BackupSummary = {
  id: '2026-03-02T09-00-00-000Z-daily-0a0b0c',
  kind: 'daily',
  createdAt: '2026-03-02T09:00:00.000Z',
  conversationCount: 3,
  totalBytes: 2048,
  complete: true,
};
const cutShort: BackupSummary = {
  id: '2026-03-03T09-00-00-000Z-manual-0d0e0f',
  kind: 'manual',
  createdAt: '2026-03-03T09:00:00.000Z',
  conversationCount: 0,
  totalBytes: 0,
  complete: false,
};

async function openBackups(backups: BackupSummary[]) {
  const view = renderApp();
  view.fake.override('listBackups', async () => ok({ backups }));
  await waitFor(() => expect(view.fake.callsTo('getSettings')).toHaveLength(1));
  await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Backups' });
  return { ...view, section };
}

describe('Settings → Backups (issue 20)', () => {
  it('lists each backup with its date, kind, conversation count and size; an incomplete one cannot be chosen', async () => {
    const { section } = await openBackups([cutShort, daily]);
    const complete = await within(section).findByRole('radio', { name: /Daily, 3 conversations, 2 KB$/ });
    expect((complete as HTMLInputElement).checked).toBe(true);
    const incomplete = within(section).getByRole('radio', { name: /incomplete, cannot be restored$/ });
    expect((incomplete as HTMLInputElement).disabled).toBe(true);
  });

  it('"Back up now" asks main, says what was backed up, and lists the new backup', async () => {
    const { section, user, fake } = await openBackups([]);
    await within(section).findByText('No backups yet.');
    const made = { ...daily, id: '2026-03-04T09-00-00-000Z-manual-111111', kind: 'manual' as const };
    fake.override('backUpNow', async () => ok(made));
    fake.override('listBackups', async () => ok({ backups: [made] }));
    await user.click(within(section).getByRole('button', { name: 'Back up now' }));
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toBe('Backed up 3 conversations (2 KB).'),
    );
    // The button keeps focus (it is not disabled while the backup runs, which would drop focus).
    expect(document.activeElement).toBe(within(section).getByRole('button', { name: 'Back up now' }));
    expect(
      (within(section).getByRole('radio', { name: /Made by you, 3 conversations/ }) as HTMLInputElement)
        .checked,
    ).toBe(true);
  });

  it('"Restore…" restores only after a confirmation saying the current state is backed up first', async () => {
    const { section, user, fake } = await openBackups([daily]);
    await user.click(await within(section).findByRole('button', { name: 'Restore…' }));
    expect(section.textContent).toContain(
      'Switchboard first backs up your conversations as they are now, so you can undo this by restoring that backup.',
    );
    // What a restore brings back, and that spending is merged, not replaced.
    expect(section.textContent).toContain(
      'Your conversations and settings go back to how they were in this backup. Your spending history is merged: the entries in the backup are added, and nothing recorded since is removed.',
    );
    await user.click(within(section).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('restoreBackup')).toEqual([]);
    // Focus goes back to the button that opened the confirmation, never to the page.
    await waitFor(() =>
      expect(document.activeElement).toBe(within(section).getByRole('button', { name: 'Restore…' })),
    );

    fake.override('restoreBackup', async () =>
      ok({
        restored: 3,
        movedToTrash: 0,
        spendingEntriesAdded: 2,
        undoBackupId: '2026-03-05T09-00-00-000Z-pre-restore-222222',
      }),
    );
    const settingsReads = fake.callsTo('getSettings').length;
    await user.click(within(section).getByRole('button', { name: 'Restore…' }));
    await user.click(within(section).getByRole('button', { name: 'Restore this backup' }));
    await waitFor(() => expect(fake.callsTo('restoreBackup')).toEqual([{ backupId: daily.id }]));
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toMatch(
        /^Restored 3 conversations from the backup of .*\. Your settings are back as they were\. 2 spending entries from the backup were added to your spending history\.$/,
      ),
    );
    expect(fake.callsTo('listConversations').length).toBeGreaterThan(1);
    // The restored settings are read again from main (the fields and the theme show them).
    expect(fake.callsTo('getSettings').length).toBeGreaterThan(settingsReads);
  });

  it('says what went wrong and what to do when a restore is refused', async () => {
    const { section, user, fake } = await openBackups([daily]);
    const message =
      'A reply is still being written, so nothing was restored. Wait for it to finish (or stop it), then restore again.';
    fake.override('restoreBackup', async () => fail('validation', message));
    await user.click(await within(section).findByRole('button', { name: 'Restore…' }));
    await user.click(within(section).getByRole('button', { name: 'Restore this backup' }));
    expect((await within(section).findByRole('alert')).textContent).toBe(message);
  });

  it('"Restore a conversation…" picks one conversation of the chosen backup', async () => {
    const { section, user, fake } = await openBackups([daily]);
    fake.override('listBackupConversations', async () =>
      ok({
        conversations: [
          { id: 'c1', title: 'Walruses', updatedAt: '2026-03-01T00:00:00.000Z', messageCount: 2 },
          { id: 'c2', title: 'Otters', updatedAt: '2026-03-02T00:00:00.000Z', messageCount: 4 },
        ],
      }),
    );
    fake.override('restoreBackupConversation', async ({ conversationId }) =>
      ok({
        id: conversationId,
        title: 'Walruses',
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
        messageCount: 2,
        model: null,
      }),
    );
    await user.click(await within(section).findByRole('button', { name: 'Restore a conversation…' }));
    const picker = await within(section).findByRole('combobox', { name: 'Conversation to restore' });
    await waitFor(() => expect(document.activeElement).toBe(picker));
    await user.selectOptions(picker, 'Walruses');
    await user.click(within(section).getByRole('button', { name: 'Restore this conversation' }));
    await waitFor(() =>
      expect(fake.callsTo('restoreBackupConversation')).toEqual([
        { backupId: daily.id, conversationId: 'c1' },
      ]),
    );
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toMatch(
        /^"Walruses" was restored from the backup of/,
      ),
    );
  });

  it('saves an encrypted copy of the chosen backup with the passphrase typed, and opens one', async () => {
    const { section, user, fake } = await openBackups([daily]);
    await user.click(await within(section).findByRole('button', { name: 'Save encrypted copy…' }));
    expect((await within(section).findByRole('alert')).textContent).toBe(
      'Type the passphrase for encrypted copies first.',
    );
    expect(fake.callsTo('saveEncryptedBackup')).toEqual([]);
    await user.type(
      within(section).getByLabelText('Passphrase for encrypted copies'),
      'correct horse battery staple',
    );
    await user.click(within(section).getByRole('button', { name: 'Save encrypted copy…' }));
    await waitFor(() =>
      expect(fake.callsTo('saveEncryptedBackup')).toEqual([
        { backupId: daily.id, passphrase: 'correct horse battery staple' },
      ]),
    );
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toBe(
        `Saved the encrypted copy as switchboard-backup-${daily.id}.age.`,
      ),
    );

    const opened = { ...daily, id: '2026-02-01T09-00-00-000Z-manual-333333', kind: 'manual' as const };
    fake.override('openEncryptedBackup', async () => ok({ cancelled: false, backup: opened }));
    fake.override('listBackups', async () => ok({ backups: [daily, opened] }));
    await user.click(within(section).getByRole('button', { name: 'Open encrypted copy…' }));
    await waitFor(() =>
      expect(within(section).getByRole('status').textContent).toMatch(
        /^Opened the encrypted copy of the backup of/,
      ),
    );
    expect(fake.callsTo('openEncryptedBackup')).toEqual([{ passphrase: 'correct horse battery staple' }]);
    expect(
      (within(section).getByRole('radio', { name: /Made by you, 3 conversations/ }) as HTMLInputElement)
        .checked,
    ).toBe(true);
  });

  it('a refusal from main and the placeholder title follow a language switch (kept as main gave them, worded where shown)', async () => {
    const { section, user, fake } = await openBackups([daily]);
    fake.override('listBackupConversations', async () =>
      ok({
        conversations: [
          { id: 'c1', title: 'New conversation', updatedAt: '2026-03-01T00:00:00.000Z', messageCount: 2 },
        ],
      }),
    );
    fake.override('restoreBackupConversation', async () =>
      fail(
        'validation',
        'That conversation is not in this backup. Choose another backup or another conversation.',
        { messageId: 'errors.backups.conversationNotInBackup' },
      ),
    );
    await user.click(await within(section).findByRole('button', { name: 'Restore a conversation…' }));
    const picker = await within(section).findByRole('combobox', { name: 'Conversation to restore' });
    expect(within(picker).getByRole('option').textContent).toBe('New conversation');
    await user.click(within(section).getByRole('button', { name: 'Restore this conversation' }));
    await waitFor(() =>
      expect(within(section).getByRole('alert').textContent).toBe(
        'That conversation is not in this backup. Choose another backup or another conversation.',
      ),
    );
    act(() => fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    await waitFor(() =>
      expect(within(section).getByRole('alert').textContent).toBe(
        'Diese Unterhaltung ist nicht in dieser Sicherung. Wählen Sie eine andere Sicherung oder eine andere Unterhaltung.',
      ),
    );
  });

  it('shows the stored placeholder title in the window’s language in the picker', async () => {
    const { section, user, fake } = await openBackups([daily]);
    act(() => fake.emitLocale({ locale: 'de', setting: 'de', pseudoAvailable: false }));
    fake.override('listBackupConversations', async () =>
      ok({
        conversations: [
          { id: 'c1', title: 'New conversation', updatedAt: '2026-03-01T00:00:00.000Z', messageCount: 2 },
          { id: 'c2', title: 'Otters', updatedAt: '2026-03-02T00:00:00.000Z', messageCount: 4 },
        ],
      }),
    );
    const restoreOne = await within(section).findByRole('button', {
      name: 'Eine Unterhaltung wiederherstellen …',
    });
    await user.click(restoreOne);
    const options = await within(section).findAllByRole('option');
    // Newest first (the list's order).
    expect(options.map((o) => o.textContent)).toEqual(['Otters', 'Neue Unterhaltung']);
    expect(options[0]?.hasAttribute('data-i18n-content')).toBe(true);
    expect(options[1]?.hasAttribute('data-i18n-content')).toBe(false);
  });
});
