import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  conversationButton,
  onlyConversation,
  pickModel,
  saveScreen,
  sendMessage,
  ui,
  waitForCompleteReply,
} from './helpers/ui';

/**
 * Issue 20, Settings → "Backups", end to end through the real services: "Back up now" lists a
 * backup; the conversation is deleted and a setting changed; "Restore…" (after its confirmation, which
 * says what comes back) brings the conversation back, byte for byte on disk and shown in the sidebar,
 * and the setting as it was, shown in Settings; the section passes axe; nothing under backups/ holds
 * the key.
 */

async function expectNoSeriousViolations(app: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect.soft(serious, `axe violations in ${state}:\n${serious.join('\n')}`).toEqual([]);
}

async function openBackups(app: Page): Promise<Locator> {
  await ui(app).settingsButton.click();
  const section = ui(app).settings.getByRole('region', { name: 'Backups' });
  await expect(section).toBeVisible();
  return section;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('Back up now lists a backup; a deleted conversation comes back with Restore…', async ({
  app,
  harness,
}) => {
  await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(app, 'Tell me about walruses');
  await waitForCompleteReply(ui(app).lastReply);
  const { id, title } = onlyConversation(harness);
  await harness.services.history.flush();
  const file = join(harness.dataDir, 'history', 'conversations', `${id}.json`);
  const original = await readFile(file);

  let section = await openBackups(app);
  // The theme as the backup will hold it (the radios follow the saved setting: click, then expect).
  const theme = (name: 'Light' | 'Dark') => ui(app).settings.getByRole('radio', { name });
  await theme('Light').click();
  await expect(theme('Light')).toBeChecked();
  const systemPrompt = ui(app).settings.getByLabel('System prompt');
  await systemPrompt.fill('Answer like a marine biologist.');
  await systemPrompt.blur();
  await expect
    .poll(() => harness.services.settings.get().systemPrompt)
    .toBe('Answer like a marine biologist.');
  await expect(section.getByText('No backups yet.')).toBeVisible();
  await section.getByRole('button', { name: 'Back up now' }).click();
  // It keeps focus while the backup runs and after (not disabled, which would drop focus to the page).
  await expect(section.getByRole('button', { name: 'Back up now' })).toBeFocused();
  await expect(section.getByRole('status')).toHaveText(/^Backed up 1 conversation \(\d+(\.\d)? KB\)\.$/);
  const listed = section.getByRole('radio', { name: /Made by you, 1 conversation, / });
  await expect(listed).toBeChecked();
  await expectNoSeriousViolations(app, 'Settings → Backups with one backup');
  // Changed after the backup: the restore puts it back.
  await theme('Dark').click();
  await expect(theme('Dark')).toBeChecked();
  await expect.poll(() => harness.services.settings.get().theme).toBe('dark');
  await systemPrompt.fill('Answer in one word.');
  await systemPrompt.blur();
  await expect.poll(() => harness.services.settings.get().systemPrompt).toBe('Answer in one word.');
  await ui(app).settings.getByRole('button', { name: 'Close' }).click();
  await expect(ui(app).settings).toBeHidden();

  await ui(app)
    .sidebar.getByRole('button', { name: `Actions for ${title}` })
    .click();
  await app.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(conversationButton(app, title)).toHaveCount(0);
  await expect.poll(() => harness.services.history.get(id)).toBeNull();

  section = await openBackups(app);
  await section.getByRole('button', { name: 'Restore…' }).click();
  await expect(section).toContainText(
    'Switchboard first backs up your conversations as they are now, so you can undo this by restoring that backup.',
  );
  await expect(section).toContainText(
    'Your conversations and settings go back to how they were in this backup. Your spending history is merged',
  );
  await expect(section.getByRole('button', { name: 'Restore this backup' })).toBeFocused();
  await expectNoSeriousViolations(app, 'Settings → Backups, confirming a restore');
  await saveScreen(app, 'backups-confirm');
  await section.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(section.getByRole('status')).toContainText('Restored 1 conversation from the backup of');
  await expect(section.getByRole('status')).toContainText('Your settings are back as they were.');
  // The reply's spending entry was in the backup and is still in the live ledger: nothing to add.
  await expect(section.getByRole('status')).toContainText(
    'Your spending history already had every entry of the backup.',
  );
  // The Settings screen shows the restored value, and the window uses it.
  await expect(theme('Light')).toBeChecked();
  await expect(systemPrompt).toHaveValue('Answer like a marine biologist.');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(harness.services.settings.get().theme).toBe('light');
  // The backup taken first is listed too, and can be chosen (it undoes the restore).
  await expect(section.getByRole('radio', { name: /Before a restore, 0 conversations, / })).toBeEnabled();
  await expect(section.getByRole('button', { name: 'Restore…' })).toBeFocused();
  await ui(app).settings.getByRole('button', { name: 'Close' }).click();

  await expect(conversationButton(app, title)).toBeVisible();
  expect(await readFile(file)).toEqual(original);
  await conversationButton(app, title).click();
  await expect(ui(app).userMessages).toContainText(['Tell me about walruses']);
  await expect(ui(app).replies).toHaveCount(1);

  for (const path of await filesUnder(join(harness.dataDir, 'backups'))) {
    expect((await readFile(path)).toString('latin1')).not.toContain('sk-or-');
  }
});

test('an encrypted copy is saved into the folder main picks and opened again with its passphrase', async ({
  app,
  harness,
}) => {
  await pickModel(app, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(app, 'Tell me about otters');
  await waitForCompleteReply(ui(app).lastReply);
  const section = await openBackups(app);
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(section.getByRole('status')).toContainText('Backed up 1 conversation');

  await section.getByLabel('Passphrase for encrypted copies').fill('correct horse battery staple');
  await section.getByRole('button', { name: 'Save encrypted copy…' }).click();
  await expect(section.getByRole('status')).toContainText('Saved the encrypted copy as switchboard-backup-', {
    timeout: 20_000,
  });
  const [name] = (await readdir(harness.exportDir)).filter((n) => n.endsWith('.age'));
  const file = join(harness.exportDir, name ?? '');
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
  expect(bytes.toString('latin1')).not.toContain('otters');
  await expectNoSeriousViolations(app, 'Settings → Backups, encrypted copy saved');

  harness.importFile = file;
  await section.getByLabel('Passphrase for encrypted copies').fill('not the right passphrase');
  await section.getByRole('button', { name: 'Open encrypted copy…' }).click();
  await expect(section.getByRole('alert')).toContainText('That passphrase does not open this file', {
    timeout: 20_000,
  });
  await section.getByLabel('Passphrase for encrypted copies').fill('correct horse battery staple');
  await section.getByRole('button', { name: 'Open encrypted copy…' }).click();
  await expect(section.getByRole('status')).toContainText('Opened the encrypted copy of the backup of', {
    timeout: 20_000,
  });
  await expect(section.getByRole('radio', { name: /Made by you, 1 conversation, / })).toBeChecked();
});
