import { describe, expect, it } from 'vitest';
import { formatWithNestedMessages } from '../../../common/i18n/nested-messages';
import { catalogIntl } from '../i18n/catalog-intl';
import { UNREADABLE_REASON, unavailableMessage, unavailableReason } from './vault-messages';

/** Issue 20: the key status's reasons come from the errors.key catalog; English is as before. */
describe('vault reasons', () => {
  const KEPT =
    ", so your saved key can't be unlocked right now. It is kept and will load once the keyring is available again; meanwhile a key can only be kept for this session.";
  const SESSION = ', so the key can only be kept for this session.';

  it('names each platform’s keyring, in the same English words as before', () => {
    expect(unavailableReason('linux', false)).toBe(
      `No OS keyring (GNOME Keyring/KWallet) is available${SESSION}`,
    );
    expect(unavailableReason('darwin', true)).toBe(`The macOS Keychain is not available${KEPT}`);
    expect(unavailableReason('win32', false)).toBe(
      `Windows data protection (DPAPI) is not available${SESSION}`,
    );
    expect(unavailableReason('freebsd', true)).toBe(`The system's secure storage is not available${KEPT}`);
    expect(UNREADABLE_REASON).toBe(
      "Your saved key can't be decrypted on this system (the keyring may have changed or the profile moved). Sign in again or remove it.",
    );
  });

  it('is a catalog message a window can show in German', () => {
    const message = unavailableMessage('darwin', false);
    expect(message).toEqual({ id: 'errors.key.unavailable', values: { platform: 'darwin', kept: 'no' } });
    expect(formatWithNestedMessages(catalogIntl('de'), message.id, message.values)).toBe(
      'Der macOS-Schlüsselbund ist nicht verfügbar, daher kann der Schlüssel nur für diese Sitzung behalten werden.',
    );
  });
});
