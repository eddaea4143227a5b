import { describe, expect, it } from 'vitest';
import { KeyStatusSchema } from '../../../common/key-status';
import { unavailableStatus, unreadableStatus } from './vault-status';

/**
 * Issue 20: a status that says why the key cannot be used carries the reason's catalog message
 * (errors.key.*), so each window words it in its own language; `reason` stays the English text.
 */
describe('key statuses with a reason', () => {
  it('unavailable: the reason’s id and values beside its English text, valid at the bridge', () => {
    const status = unavailableStatus('unknown', 'linux', true);
    expect(status).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(
        /^No OS keyring \(GNOME Keyring\/KWallet\) is available, so your saved key/,
      ),
      reasonMessage: { messageId: 'errors.key.unavailable', values: { platform: 'linux', kept: 'yes' } },
    });
    expect(KeyStatusSchema.parse(status)).toEqual(status);
  });

  it('unreadable: the reason’s id beside its English text, valid at the bridge', () => {
    const status = unreadableStatus('keychain');
    expect(status).toMatchObject({
      state: 'unreadable',
      reason: expect.stringMatching(/^Your saved key can't be decrypted on this system/),
      reasonMessage: { messageId: 'errors.key.unreadable' },
    });
    expect(KeyStatusSchema.parse(status)).toEqual(status);
  });

  it('the bridge refuses a reason whose id is not an error catalog id', () => {
    const bad = {
      state: 'unreadable',
      reason: 'x',
      backend: 'keychain',
      reasonMessage: { messageId: 'Sign in again' },
    };
    expect(KeyStatusSchema.safeParse(bad).success).toBe(false);
  });
});
