import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
import {
  emulatorLabel,
  emulatorOf,
  expect,
  expectNothingStored,
  expectSettingsShow,
  type KeyWindow,
  newKey,
  onboarding,
  scanForKeysAfterEachTest,
  storedRecord,
  test,
  verifications,
} from './helpers/key-intake';
import { findKeyIn } from './helpers/key-leak';

/**
 * Key intake, "Type it in a separate window": the key-entry window, the only window that ever holds a
 * typed key, on its own origin. Each test ends with the key-leak scan (helpers/key-intake.ts), which
 * also checks the key window's heap is not the chat page's.
 */

test.use({ harnessOptions: { withKey: false } });
scanForKeysAfterEachTest();

/**
 * Plays the key-entry window: main asked for it (keyWindowRequests), the test opens the URL main minted
 * for it (the key-entry origin, with that window's one-time token in the fragment) in a new page of the
 * same browser context. Unlike the app, the harness serves it from its own origin, so the chat page
 * cannot script it (the app denies window.open instead).
 */
async function openKeyWindow(
  app: Page,
  harness: Harness,
  keyWindows: KeyWindow[],
  expectedRequests = 1,
): Promise<KeyWindow> {
  await app.getByRole('button', { name: 'Type it in a separate window' }).click();
  await expect.poll(() => harness.keyWindowRequests).toBe(expectedRequests);
  const page = await app.context().newPage();
  const consoleLines: string[] = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  page.on('pageerror', (err) => consoleLines.push(`pageerror: ${err.message}`));
  await page.goto(harness.keyEntryUrl);
  await expect(page.getByRole('heading', { name: 'Enter your OpenRouter key' })).toBeVisible();
  expect(page.url(), 'the preload removed the one-time token from the address').toBe(
    `${harness.keyEntryOrigin}/key-entry.html`,
  );
  const canary = `canary-${randomBytes(16).toString('hex')}`;
  await page.evaluate((c) => {
    (window as unknown as { keyWindowCanary: string }).keyWindowCanary = `${c}`;
  }, canary);
  const w = { page, consoleLines, canary };
  keyWindows.push(w);
  return w;
}

// ---------------------------------------------------------------------------------------------------

test.describe('Type it in a separate window', () => {
  test('validation, show/hide, a rejected key, then a valid key closes the window', async ({
    app,
    harness,
    keysInvolved,
    keyWindows,
  }) => {
    const emulator = emulatorOf(harness);
    const key = newKey();
    const rejected = `sk-or-v1-${'f'.repeat(64)}`;
    keysInvolved.push(key, rejected);
    emulator.addKey({ key, label: 'Typed key', usage: 0.5, limit: null });

    const { page } = await openKeyWindow(app, harness, keyWindows);
    const field = page.getByLabel('API key');
    const save = page.getByRole('button', { name: 'Save key' });
    const alert = page.getByRole('alert');

    await save.click();
    await expect(alert).toHaveText('Enter your OpenRouter API key.');
    await field.fill('or-sk-v1-0123456789abcdef0123');
    await save.click();
    await expect(alert).toHaveText('OpenRouter keys start with “sk-or-”. Check you copied the whole key.');
    await field.fill('sk-or-v1-0123 4567 89ab cdef');
    await save.click();
    await expect(alert).toHaveText('The key contains spaces or line breaks. Copy it again without them.');
    await field.fill('sk-or-v1-0123');
    await save.click();
    await expect(alert).toHaveText('That key is too short. Check you copied the whole key.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // None of these left the window.
    expect(verifications(emulator)).toHaveLength(0);
    await expectNothingStored(harness);

    // Show / Hide
    await expect(field).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(field).toHaveAttribute('type', 'text');
    await expect(page.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Hide' }).click();
    await expect(field).toHaveAttribute('type', 'password');

    // A key OpenRouter rejects
    await field.fill(rejected);
    await save.click();
    await expect(alert).toContainText('rejected');
    expect(findKeyIn((await alert.textContent()) ?? '', rejected)).toBeNull();
    await expectNothingStored(harness);
    expect(harness.closedKeyWindows).toEqual([]);

    // A valid key
    await field.fill(key);
    await save.click();
    await expect(page.getByRole('status')).toHaveText('Key saved (Typed key).');
    await expect(field).toHaveValue('');
    await expect(field).toBeDisabled();
    expect(harness.closedKeyWindows).toHaveLength(1);
    expect(harness.closedKeyWindows[0]).toEqual(expect.any(Number));
    expect(harness.services.vault.status()).toMatchObject({ state: 'stored', source: 'typed' });
    expect(harness.services.vault.currentKey()).toBe(key);

    // The chat window heard about it through the status event alone.
    await expect(onboarding(app)).toBeHidden();
    await expectSettingsShow(app, key, 'Typed in', 'your desktop keyring');
  });

  test('"For this session only" in the key window keeps it in memory only', async ({
    app,
    harness,
    keyWindows,
  }) => {
    const emulator = emulatorOf(harness);
    const { page } = await openKeyWindow(app, harness, keyWindows);
    await page.getByRole('radio', { name: 'For this session only' }).check();
    await page.getByLabel('API key').fill(emulator.defaultKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect(page.getByRole('status')).toHaveText(`Key saved (${emulatorLabel(emulator.defaultKey)}).`);
    await expect(onboarding(app)).toBeHidden();
    expect(harness.services.vault.status()).toMatchObject({ state: 'session-only', source: 'typed' });
    expect(await storedRecord(harness)).toBeUndefined();
  });

  test('Cancel: main closes the window, nothing stored', async ({ app, harness, keyWindows }) => {
    const { page } = await openKeyWindow(app, harness, keyWindows);
    await page.getByLabel('API key').fill(emulatorOf(harness).defaultKey);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => harness.closedKeyWindows).toHaveLength(1);
    await expectNothingStored(harness);
    await expect(onboarding(app)).toBeVisible();
  });
});

test.describe('no keyring (basic_text backend)', () => {
  test.use({ harnessOptions: { withKey: false, cipherBackend: 'basic_text' } });

  test('the key window defaults to "For this session only"', async ({ app, harness, keyWindows }) => {
    const emulator = emulatorOf(harness);
    const { page } = await openKeyWindow(app, harness, keyWindows);
    await expect(page.getByRole('radio', { name: 'For this session only' })).toBeChecked();
    await page.getByLabel('API key').fill(emulator.defaultKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect(page.getByRole('status')).toContainText('Key saved');
    expect(harness.services.vault.status()).toMatchObject({ state: 'session-only', source: 'typed' });
  });
});
