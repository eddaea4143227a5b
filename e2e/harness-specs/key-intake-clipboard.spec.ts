import {
  emulatorLabel,
  emulatorOf,
  expect,
  expectNothingStored,
  expectSettingsShow,
  newKey,
  onboarding,
  preview,
  scanForKeysAfterEachTest,
  storedRecord,
  test,
  toasts,
  verifications,
  type WithBridge,
} from './helpers/key-intake';
import { findKeyIn } from './helpers/key-leak';

/**
 * Key intake, "Paste from clipboard": read in main right after a real click, cleared afterwards, one
 * generic refusal for anything that is not a usable key; with no keyring and with OpenRouter
 * unreachable. Each test ends with the key-leak scan (helpers/key-intake.ts).
 */

test.use({ harnessOptions: { withKey: false } });
scanForKeysAfterEachTest();

/** The one answer the chat page gets for any clipboard that does not hold a usable key. */
const NOT_A_KEY =
  'The clipboard does not hold an OpenRouter key. Copy the key from openrouter.ai/settings/keys and try again.';

// ---------------------------------------------------------------------------------------------------

test.describe('Paste from clipboard', () => {
  test('a valid key: stored, clipboard cleared, toast with label and credits', async ({ app, harness }) => {
    const emulator = emulatorOf(harness);
    harness.clipboard.text = emulator.defaultKey;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(toasts(app)).toContainText(
      `Key saved: ${emulatorLabel(emulator.defaultKey)} — $1.25 used, no spending limit.`,
    );
    await expect(onboarding(app)).toBeHidden();
    expect(harness.clipboard.text).toBe('');
    expect(harness.services.vault.status()).toMatchObject({ state: 'stored', source: 'clipboard' });
    expect(harness.services.vault.currentKey()).toBe(emulator.defaultKey);
    expect((await storedRecord(harness))?.preview).toBe(preview(emulator.defaultKey));
    await expectSettingsShow(app, emulator.defaultKey, 'Pasted from the clipboard', 'your desktop keyring');
  });

  test('a key with a spending limit: the toast shows what remains', async ({
    app,
    harness,
    keysInvolved,
  }) => {
    const emulator = emulatorOf(harness);
    const key = newKey();
    keysInvolved.push(key);
    emulator.addKey({ key, label: 'Laptop', usage: 3.5, limit: 20, limitRemaining: 16.5 });
    // Surrounding whitespace (a copied line break) is tolerated and still cleared afterwards.
    harness.clipboard.text = `  ${key}\n`;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(toasts(app)).toContainText('Key saved: Laptop — $3.50 used, $16.50 remaining.');
    expect(harness.clipboard.text).toBe('');
    expect(harness.services.vault.currentKey()).toBe(key);
  });

  test('not a key: one generic message that does not repeat the clipboard, which is left alone', async ({
    app,
    harness,
  }) => {
    harness.clipboard.text = 'hello';
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    const alert = onboarding(app).getByRole('alert');
    await expect(alert).toHaveText(NOT_A_KEY);
    await expect(alert).not.toContainText('hello');
    await expectNothingStored(harness);
    expect(harness.clipboard.text, 'something that is not a key is left alone').toBe('hello');
    expect(verifications(emulatorOf(harness))).toHaveLength(0);
  });

  // An injected script calling the bridge must not learn what kind of text the clipboard holds.
  test('empty, not a key or a malformed key: the chat page gets the same answer for each', async ({
    app,
    harness,
  }) => {
    const cases = [
      '',
      'hello',
      `sk-or-v1-${'a'.repeat(30)} ${'b'.repeat(30)}`,
      `sk-or-v1-${'c'.repeat(8)}`,
      `sk-or-v1-${'d'.repeat(300)}`,
    ];
    const answers: unknown[] = [];
    for (const text of cases) {
      harness.clipboard.text = text;
      answers.push(
        await app.evaluate(() =>
          (window as unknown as WithBridge).switchboard.importKeyFromClipboard({ persistence: 'session' }),
        ),
      );
      expect(harness.clipboard.text).toBe(text);
    }
    for (const answer of answers) {
      // The same answer, word for word and with the same catalog id (issue 20), whatever was copied.
      expect(answer).toEqual({
        ok: false,
        error: {
          code: 'key_invalid_format',
          message: NOT_A_KEY,
          messageId: 'errors.signIn.clipboardNotAKey',
        },
      });
    }
    await expectNothingStored(harness);
    expect(verifications(emulatorOf(harness))).toHaveLength(0);
  });

  test('the key also in the Linux PRIMARY selection: both cleared; other selected text is left', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    harness.clipboard.text = emulator.defaultKey;
    harness.clipboard.selection = emulator.defaultKey;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.clipboard.text).toBe('');
    expect(harness.clipboard.selection).toBe('');

    await harness.services.vault.remove();
    await expect(onboarding(app)).toBeVisible();
    harness.clipboard.text = emulator.defaultKey;
    harness.clipboard.selection = 'a sentence the person selected since';
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.clipboard.text).toBe('');
    expect(harness.clipboard.selection).toBe('a sentence the person selected since');
  });

  test('without a fresh click or key press: refused, and the clipboard is not even read', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    let reads = 0;
    Object.defineProperty(harness.clipboard, 'text', {
      configurable: true,
      get: () => {
        reads += 1;
        return emulator.defaultKey;
      },
      set: () => undefined,
    });
    // What the app decides from real input ('input-event'), the harness is told.
    harness.userActivation = false;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(onboarding(app).getByRole('alert')).toHaveText(
      'Switchboard reads the clipboard only right after you click “Paste from clipboard” (or press Enter on it). Click it again to paste your key.',
    );
    expect(reads).toBe(0);
    await expectNothingStored(harness);
    expect(verifications(emulator)).toHaveLength(0);
  });

  test('the clipboard changed after it was read: key stored, the new content is not cleared', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    let reads = 0;
    let cleared = false;
    // First read: the key. Any later read (the check before clearing): something the person copied since.
    Object.defineProperty(harness.clipboard, 'text', {
      configurable: true,
      get: () => (++reads === 1 ? emulator.defaultKey : 'copied something else'),
      set: (value: string) => {
        if (value === '') cleared = true;
      },
    });
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(toasts(app)).toContainText('Key saved:');
    expect(harness.services.vault.currentKey()).toBe(emulator.defaultKey);
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(cleared, 'whatever the person copied since must not be wiped').toBe(false);
  });

  test('a key OpenRouter rejects: "rejected", nothing stored, clipboard kept', async ({
    app,
    harness,
    keysInvolved,
  }) => {
    const emulator = emulatorOf(harness);
    const rejected = `sk-or-v1-${'f'.repeat(64)}`;
    keysInvolved.push(rejected);
    harness.clipboard.text = rejected;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    const alert = onboarding(app).getByRole('alert');
    await expect(alert).toContainText('rejected');
    expect(findKeyIn((await alert.textContent()) ?? '', rejected)).toBeNull();
    await expectNothingStored(harness);
    expect(harness.clipboard.text, 'the person may want to check what they copied').toBe(rejected);
    const checked = verifications(emulator);
    expect(checked.map((r) => r.headers.authorization)).toEqual([`Bearer ${rejected}`]);
    expect(checked[0]?.responseStatus).toBe(401);
  });
});

test.describe('no keyring (basic_text backend)', () => {
  test.use({ harnessOptions: { withKey: false, cipherBackend: 'basic_text' } });

  test('"Encrypted" without accepting weak protection is refused; session-only works', async ({
    app,
    harness,
  }) => {
    const emulator = emulatorOf(harness);
    await expect(app.getByRole('radio', { name: 'For this session only' })).toBeChecked();
    await app.getByRole('radio', { name: 'Encrypted on this computer' }).check();
    const weak = app.getByRole('checkbox', { name: /accept this weak protection/ });
    await expect(weak).not.toBeChecked();

    harness.clipboard.text = emulator.defaultKey;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    const alert = onboarding(app).getByRole('alert');
    await expect(alert).toContainText('"basic_text" backend');
    await expect(alert).toContainText('Keep the key for this session only, or explicitly opt in');
    await expectNothingStored(harness);
    expect(verifications(emulator), 'refused before anything was sent to OpenRouter').toHaveLength(0);
    expect(harness.clipboard.text).toBe(emulator.defaultKey);

    await app.getByRole('radio', { name: 'For this session only' }).check();
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.services.vault.status()).toMatchObject({ state: 'session-only', source: 'clipboard' });
    expect(await storedRecord(harness)).toBeUndefined();
    expect(harness.clipboard.text).toBe('');
  });

  test('accepting weak protection stores it with basic_text', async ({ app, harness }) => {
    const emulator = emulatorOf(harness);
    await app.getByRole('radio', { name: 'Encrypted on this computer' }).check();
    await app.getByRole('checkbox', { name: /accept this weak protection/ }).check();
    harness.clipboard.text = emulator.defaultKey;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(onboarding(app)).toBeHidden();
    expect(harness.services.vault.status()).toMatchObject({ state: 'stored', backend: 'basic_text' });
    expect(await storedRecord(harness)).toMatchObject({ backend: 'basic_text', source: 'clipboard' });
  });
});

test.describe('OpenRouter unreachable', () => {
  // Port 9 (discard) on loopback: nothing listens, so every request to "OpenRouter" fails at once.
  test.use({ harnessOptions: { withKey: false, baseUrl: 'http://127.0.0.1:9/api/v1' } });

  test('a pasted key is kept unverified, with a "could not be reached" toast', async ({
    app,
    harness,
    keysInvolved,
  }) => {
    const key = newKey();
    keysInvolved.push(key);
    harness.clipboard.text = key;
    await app.getByRole('button', { name: 'Paste from clipboard' }).click();
    await expect(toasts(app)).toContainText(
      'Key saved. OpenRouter could not be reached to check it; your first chat will tell you if it is wrong.',
    );
    await expect(onboarding(app)).toBeHidden();
    expect(harness.services.vault.status()).toMatchObject({ state: 'stored', source: 'clipboard' });
    expect(harness.services.vault.currentKey()).toBe(key);
    expect(harness.clipboard.text).toBe('');
  });
});
