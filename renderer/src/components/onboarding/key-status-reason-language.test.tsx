import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../../common/key-status';
import { renderApp } from '../../testing/render-app';

/**
 * Issue 20: why the key cannot be used (the key status's reason) is main's catalog message
 * (errors.key.*), worded by the window in its own language — on the start screen and in Settings →
 * "OpenRouter key" — and re-worded when the person switches language.
 */

const UNAVAILABLE: KeyStatus = {
  state: 'unavailable',
  reason: 'The macOS Keychain is not available, so the key can only be kept for this session.',
  reasonMessage: { messageId: 'errors.key.unavailable', values: { platform: 'darwin', kept: 'no' } },
  backend: 'unknown',
};
const UNREADABLE: KeyStatus = {
  state: 'unreadable',
  reason:
    "Your saved key can't be decrypted on this system (the keyring may have changed or the profile moved). Sign in again or remove it.",
  reasonMessage: { messageId: 'errors.key.unreadable' },
  backend: 'keychain',
};
const GERMAN = { locale: 'de', setting: 'de', pseudoAvailable: false } as const;
const GERMAN_UNAVAILABLE =
  'Der macOS-Schlüsselbund ist nicht verfügbar, daher kann der Schlüssel nur für diese Sitzung behalten werden.';
const GERMAN_UNREADABLE =
  'Ihr gespeicherter Schlüssel kann auf diesem System nicht entschlüsselt werden (der Schlüsselbund hat sich vielleicht geändert oder das Profil wurde verschoben).';

describe('the key status’s reason in the interface language', () => {
  it('start screen: English as before, then German after a switch (unavailable)', async () => {
    const { fake } = renderApp({ keyStatus: UNAVAILABLE });
    const section = await screen.findByRole('region', { name: 'Connect your OpenRouter key' });
    expect(section.textContent).toContain(UNAVAILABLE.state === 'unavailable' ? UNAVAILABLE.reason : '');
    fake.emitLocale(GERMAN);
    await screen.findByRole('region', { name: 'OpenRouter-Schlüssel verbinden' });
    expect(section.textContent).toContain(
      `Auf diesem Computer ist kein sicherer Speicher verfügbar: ${GERMAN_UNAVAILABLE}`,
    );
    expect(section.textContent).not.toContain('Keychain is not available');
  });

  it('start screen in German: the unreadable key’s reason is German', async () => {
    const { fake } = renderApp({ keyStatus: UNREADABLE });
    fake.emitLocale(GERMAN);
    const section = await screen.findByRole('region', { name: 'OpenRouter-Schlüssel verbinden' });
    expect(section.textContent).toContain(GERMAN_UNREADABLE);
    expect(section.textContent).not.toContain('decrypted');
  });

  it('Settings → "OpenRouter key" in German shows the German reason', async () => {
    const view = renderApp({ keyStatus: UNREADABLE });
    await view.user.click(await screen.findByRole('button', { name: 'Settings' }));
    await screen.findByRole('dialog', { name: 'Settings' });
    view.fake.emitLocale(GERMAN);
    const dialog = await screen.findByRole('dialog', { name: 'Einstellungen' });
    const key = within(dialog).getByRole('region', { name: 'OpenRouter-Schlüssel' });
    expect(key.textContent).toContain(
      `Der gespeicherte Schlüssel kann nicht mehr gelesen werden: ${GERMAN_UNREADABLE}`,
    );
    expect(key.textContent).not.toContain('decrypted');
  });

  it('a status from an older main (no message id) still shows its English reason', async () => {
    const { fake } = renderApp({
      keyStatus: { state: 'unreadable', reason: 'The keyring changed.', backend: 'keychain' },
    });
    fake.emitLocale(GERMAN);
    const section = await screen.findByRole('region', { name: 'OpenRouter-Schlüssel verbinden' });
    expect(section.textContent).toContain('The keyring changed.');
  });
});
