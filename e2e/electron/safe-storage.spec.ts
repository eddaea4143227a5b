import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogIntl } from '../../main/services/i18n/catalog-intl';
import { backendMessageValues } from '../../renderer/src/format/key-storage';

import { previewOf } from '../harness-specs/helpers/key-leak';
import {
  assertNoKeyOnDiskAfterQuit,
  expectSettingsShow,
  keepingOf,
  keptInText,
  onboarding,
  pasteKey,
  readClipboard,
  setClipboard,
  storageFacts,
  storedRecord,
  verifications,
} from './app-helpers';
import { electronBinary, expect, SKIP_REASON, test } from './fixtures';

/** The backend in English words, as the window says it (its catalog message, read here in Node). */
const describeBackend = (backend: string) =>
  catalogIntl('en').formatMessage({ id: 'format.key.backend' }, backendMessageValues(backend));

/**
 * The OS keystore as it really is on this machine (Keychain, DPAPI, libsecret/KWallet, or Linux's
 * `basic_text` when there is no keyring, as on CI under xvfb). Whatever it is, the app must be honest
 * about it: encrypted with the keystore when there is one, an explicit opt-in before the weak
 * `basic_text` protection, memory only when encryption is unavailable; and never the key on disk.
 */

test.skip(!electronBinary, SKIP_REASON);

const LINUX_BACKENDS = ['basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];

test('a key kept on this platform is safeStorage ciphertext only, and loads again after a restart', async ({
  switchboard,
  emulator,
}) => {
  test.slow();
  const { app, page } = await switchboard.start();
  const key = emulator.defaultKey;
  const facts = await storageFacts(app);
  const keeping = keepingOf(facts);
  test.info().annotations.push({
    type: 'safeStorage',
    description: `${facts.platform}: backend ${facts.backend}, encryption available: ${facts.available}`,
  });
  if (facts.platform === 'linux') expect(LINUX_BACKENDS).toContain(facts.backend);

  const start = onboarding(page);
  await expect(start).toContainText(
    facts.backend === 'basic_text'
      ? `There is ${describeBackend('basic_text')}.`
      : `Encrypted with ${describeBackend(facts.backend)}, so only your user account on this computer can read it.`,
  );
  const encrypted = page.getByRole('radio', { name: 'Encrypted on this computer' });
  const session = page.getByRole('radio', { name: 'For this session only' });

  if (keeping === 'session-only') {
    // No encryption at all: "Encrypted" cannot even be chosen, and the window says why.
    await expect(encrypted).toBeDisabled();
    await expect(session).toBeChecked();
    await expect(start).toContainText('Secure storage is not available on this computer');
    await pasteKey(switchboard, key, 'session');
    expect(await storedRecord(switchboard.dataDir)).toBeUndefined();
    await expectSettingsShow(page, key, 'Pasted from the clipboard', keptInText('session', facts.backend));
  } else {
    if (keeping === 'weak') {
      // basic_text: memory only by default; saving needs the explicit opt-in after the warning.
      await expect(session).toBeChecked();
      await encrypted.check();
      const optIn = page.getByRole('checkbox', { name: /accept this weak protection/ });
      await expect(optIn).not.toBeChecked();
      await setClipboard(app, key);
      await start.getByRole('button', { name: 'Paste from clipboard' }).click();
      await expect(start.getByRole('alert')).toContainText('"basic_text" backend');
      expect(verifications(emulator), 'refused before anything was sent to OpenRouter').toHaveLength(0);
      expect(await readClipboard(app), 'a refused key is left on the clipboard').toBe(key);
      expect(await storedRecord(switchboard.dataDir)).toBeUndefined();
    } else {
      await expect(encrypted).toBeChecked();
    }
    await pasteKey(switchboard, key, 'encrypted');

    const record = await storedRecord(switchboard.dataDir);
    expect(record).toMatchObject({
      version: 2,
      source: 'clipboard',
      preview: previewOf(key),
      backend: facts.backend,
    });
    const ciphertext = String(record?.ciphertext);
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // It is this platform's safeStorage ciphertext of the key sealed with the origin it was verified
    // against (main/services/vault/key-binding.ts): main decrypts it back. The comparison happens in
    // main, so nothing of the key travels back.
    const decryptsToKey = await app.evaluate(
      async ({ safeStorage }, input) => {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(input.ciphertext, 'base64'));
        const sealed = JSON.parse(result) as { v?: unknown; origin?: unknown; key?: unknown };
        return sealed.v === 2 && sealed.origin === input.origin && sealed.key === input.key;
      },
      { ciphertext, key, origin: emulator.origin },
    );
    expect(decryptsToKey).toBe(true);
    if (process.platform !== 'win32') {
      expect((await stat(join(switchboard.dataDir, 'vault.json'))).mode & 0o777).toBe(0o600);
    }
    await expectSettingsShow(page, key, 'Pasted from the clipboard', keptInText(keeping, facts.backend));
  }

  // Every file of the profile (vault, settings, history, logs, Chromium's own), after a clean quit.
  await assertNoKeyOnDiskAfterQuit(switchboard, [key]);

  const { page: again } = await switchboard.restart();
  if (keeping === 'session-only') {
    await expect(onboarding(again)).toBeVisible();
  } else {
    await expect(onboarding(again)).toBeHidden();
    await expectSettingsShow(again, key, 'Pasted from the clipboard', keptInText(keeping, facts.backend));
  }
});

test('a stored key that no longer decrypts is reported and kept, never deleted', async ({ switchboard }) => {
  // As after a keyring change or a profile moved to another machine: well-formed, undecryptable.
  const record = {
    version: 1,
    ciphertext: Buffer.concat([Buffer.from('v10'), randomBytes(48)]).toString('base64'),
    source: 'clipboard',
    storedAt: '2025-01-02T03:04:05.000Z',
    preview: 'sk-or-v1-…dead',
    backend: 'elsewhere',
  };
  const file = join(switchboard.dataDir, 'vault.json');
  await writeFile(file, JSON.stringify({ openrouterKey: record }), { mode: 0o600 });

  const { app, page } = await switchboard.start();
  const facts = await storageFacts(app);
  const start = onboarding(page);
  await expect(start).toBeVisible();
  if (facts.available) {
    await expect(start).toContainText('Your saved key can no longer be read');
  } else {
    // No keystore this session: the record is kept for a later start.
    await expect(start).toContainText("your saved key can't be unlocked right now. It is kept");
  }
  await switchboard.close();
  const after = JSON.parse(await readFile(file, 'utf8')) as { openrouterKey?: unknown };
  expect(after.openrouterKey, 'the unreadable record must be left as it was').toEqual(record);
});
