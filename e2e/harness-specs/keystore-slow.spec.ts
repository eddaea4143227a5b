import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startEmulator } from '../emulator/server';
import { startHarness } from '../harness/harness';

/**
 * A keystore that takes its time (macOS can show a Keychain prompt at start-up): the window opens at
 * once and says it is checking the key; it never offers onboarding as if no key were stored, and it
 * is usable as soon as the stored key has been read.
 */
test('while the keystore is slow the window says it is checking the key, then the stored key is used', async ({
  page,
}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-keystore-'));
  // One emulator for both runs: a stored key is bound to the origin it was verified against, and a
  // harness's own emulator would listen on a new port (another origin) after the restart.
  const emulator = await startEmulator();
  try {
    // A first run stores the key encrypted.
    const first = await startHarness({ dataDir, baseUrl: emulator.baseUrl });
    await first.services.vault.store({
      key: emulator.defaultKey,
      source: 'clipboard',
      persistence: 'encrypted',
    });
    await first.close();

    // The next start: decryption waits until the test lets the "keystore" answer.
    let answer: () => void = () => {};
    const keystoreGate = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const second = await startHarness({ dataDir, baseUrl: emulator.baseUrl, keystoreGate });
    try {
      await page.goto(second.url);
      const composer = page.getByRole('textbox', { name: 'Message' });
      await expect(composer).toHaveAccessibleDescription(/Checking your OpenRouter key/);
      await expect(page.getByRole('button', { name: 'Sign in with OpenRouter' })).toHaveCount(0);
      expect(second.services.vault.status().state).toBe('none'); // still reading: the page was not told so

      answer();
      await expect(composer).not.toHaveAccessibleDescription(/Checking your OpenRouter key/);
      await expect(page.getByRole('button', { name: 'Sign in with OpenRouter' })).toHaveCount(0);
      expect(second.services.vault.status()).toMatchObject({ state: 'stored', source: 'clipboard' });
    } finally {
      answer();
      await second.close();
    }
  } finally {
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
