import {
  closeSettings,
  emulatorOf,
  expect,
  expectNothingStored,
  expectSettingsShow,
  newKey,
  onboarding,
  openSettingsKeySection,
  preview,
  scanForKeysAfterEachTest,
  storedRecord,
  test,
  toasts,
} from './helpers/key-intake';

/**
 * After a key got in: Settings' "Remove key" and "Key exposed?", and replacing a key. Each test ends
 * with the key-leak scan (helpers/key-intake.ts).
 */

test.use({ harnessOptions: { withKey: false } });
scanForKeysAfterEachTest();

test.describe('remove and replace', () => {
  test.use({ harnessOptions: { withKey: true } });

  test('Remove key → Confirm removal: onboarding back, record gone from the vault file', async ({
    app,
    harness,
  }) => {
    expect(await storedRecord(harness)).toMatchObject({ preview: preview(emulatorOf(harness).defaultKey) });
    const { dialog, section } = await openSettingsKeySection(app);
    await section.getByRole('button', { name: 'Remove key' }).click();
    await section.getByRole('button', { name: 'Confirm removal' }).click();
    await expect(section).toContainText('No key yet.');
    await closeSettings(dialog);
    await expect(onboarding(app)).toBeVisible();
    await expectNothingStored(harness);
    expect(harness.openedUrls).toEqual([]);
  });

  test('"Key exposed?": key removed and OpenRouter\'s key page opened', async ({ app, harness }) => {
    expect(await storedRecord(harness)).toBeDefined();
    const { dialog, section } = await openSettingsKeySection(app);
    await section.getByRole('button', { name: 'Key exposed?' }).click();
    await expect(toasts(app)).toContainText('Key removed from Switchboard. Revoke it on the OpenRouter page');
    await expect(section).toContainText('No key yet.');
    expect(harness.openedUrls).toEqual(['https://openrouter.ai/settings/keys']);
    await expectNothingStored(harness);
    await closeSettings(dialog);
    await expect(onboarding(app)).toBeVisible();
  });

  test('replace: remove, then paste another key; only the new one is kept', async ({
    app,
    harness,
    keysInvolved,
  }) => {
    const emulator = emulatorOf(harness);
    const replacement = newKey();
    keysInvolved.push(replacement);
    emulator.addKey({ key: replacement, label: 'Replacement' });
    const { dialog, section } = await openSettingsKeySection(app);
    await expect(section.locator('code')).toHaveText(preview(emulator.defaultKey));
    await section.getByRole('button', { name: 'Remove key' }).click();
    await section.getByRole('button', { name: 'Confirm removal' }).click();
    await closeSettings(dialog);

    harness.clipboard.text = replacement;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(toasts(app)).toContainText('Key saved: Replacement');
    expect(harness.services.vault.currentKey()).toBe(replacement);
    expect(await storedRecord(harness)).toMatchObject({ preview: preview(replacement), source: 'clipboard' });
    await expectSettingsShow(app, replacement, 'Pasted from the clipboard', 'your desktop keyring');
  });
});
