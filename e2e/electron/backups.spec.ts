import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import { pickModel, sendMessage, ui, waitForCompleteReply } from '../harness-specs/helpers/ui';
import { pasteKey, scanForTheKeyAfterEachTest } from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/**
 * Encrypted backup copies in the real app (issue 20): "Save encrypted copy…" asks main's folder dialog
 * (`dialog.showOpenDialog` with `openDirectory`, stubbed here to a folder of the test's own), and the
 * file written there is an age file (0600, no key, no message text); "Open encrypted copy…" asks the
 * open dialog for it and lists it. The rest of Settings → Backups needs no Electron and is covered by
 * the harness (e2e/harness-specs/backups.spec.ts).
 *
 * Electron evidence (docs/api/dialog.md in electron/electron, "dialog.showOpenDialog([window, ]options)"):
 * `properties` "Contains which features the dialog should use": `openFile` "Allow files to be
 * selected", `openDirectory` "Allow directories to be selected", `createDirectory` macOS "Allow
 * creating new directories from dialog"; it resolves to `{ canceled, filePaths }`; "The `window`
 * argument allows the dialog to attach itself to a parent window, making it modal". So the options are
 * the last argument, and a parent window, when given, is the first of two (as in save-dialog-stub.ts).
 */

test.skip(!electronBinary, SKIP_REASON);

scanForTheKeyAfterEachTest();

interface OpenDialogCall {
  parented: boolean;
  title: string | null;
  properties: string[];
}

/** Main's open dialog answers with `path` and records each call's options. */
async function stubOpenDialog(app: ElectronApplication, path: string): Promise<void> {
  await app.evaluate(({ dialog }, answer) => {
    const calls: OpenDialogCall[] = [];
    (globalThis as unknown as { e2eBackupDialogCalls?: OpenDialogCall[] }).e2eBackupDialogCalls = calls;
    dialog.showOpenDialog = ((...args: unknown[]) => {
      const options = (args[args.length - 1] ?? {}) as { title?: string; properties?: string[] };
      calls.push({
        parented: args.length > 1,
        title: options.title ?? null,
        properties: [...(options.properties ?? [])],
      });
      return Promise.resolve({ canceled: false, filePaths: [answer] });
    }) as typeof dialog.showOpenDialog;
  }, path);
}

async function openDialogCalls(app: ElectronApplication): Promise<OpenDialogCall[]> {
  return app.evaluate(
    () => (globalThis as unknown as { e2eBackupDialogCalls?: OpenDialogCall[] }).e2eBackupDialogCalls ?? [],
  );
}

test("an encrypted copy is written where main's folder dialog points, and opened from the file its open dialog picks", async ({
  switchboard,
  emulator,
}) => {
  const { app, page } = await switchboard.start();
  await pasteKey(switchboard, emulator.defaultKey, 'session');
  await pickModel(page, 'gpt-4o-mini', 'OpenAI: GPT-4o-mini');
  await sendMessage(page, 'Walruses in a backup');
  await waitForCompleteReply(ui(page).lastReply);

  await ui(page).settingsButton.click();
  const section = ui(page).settings.getByRole('region', { name: 'Backups' });
  await section.getByRole('button', { name: 'Back up now' }).click();
  await expect(section.getByRole('status')).toContainText('Backed up 1 conversation');

  const folder = await mkdtemp(join(tmpdir(), 'switchboard-e2e-synced-'));
  await stubOpenDialog(app, folder);
  await section.getByLabel('Passphrase for encrypted copies').fill('correct horse battery staple');
  await section.getByRole('button', { name: 'Save encrypted copy…' }).click();
  await expect(section.getByRole('status')).toContainText('Saved the encrypted copy as switchboard-backup-');
  expect(await openDialogCalls(app)).toEqual([
    {
      parented: true,
      title: 'Choose a folder for the encrypted copy',
      properties: ['openDirectory', 'createDirectory'],
    },
  ]);
  const [name] = await readdir(folder);
  expect(name).toMatch(/^switchboard-backup-.+\.age$/);
  const file = join(folder, name ?? '');
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');
  expect(bytes.toString('latin1')).not.toContain('Walruses');
  expect(bytes.toString('latin1')).not.toContain(emulator.defaultKey);
  if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

  await stubOpenDialog(app, file);
  await section.getByRole('button', { name: 'Open encrypted copy…' }).click();
  await expect(section.getByRole('status')).toContainText('Opened the encrypted copy of the backup of');
  expect((await openDialogCalls(app))[0]).toMatchObject({ parented: true, properties: ['openFile'] });
});
