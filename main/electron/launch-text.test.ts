import { describe, expect, it } from 'vitest';
import { launchText } from './launch-text';

/** Issue 20: the launch's error boxes, before settings can be read, in the system's language. */
describe('launch error boxes', () => {
  it('speak the system’s preferred language', () => {
    const text = launchText(() => ['de-AT', 'en-US']);
    expect(text.message('launch.cannotStart')).toBe('Switchboard kann nicht starten');
    expect(text.message('launch.userDataUnusable', { dir: '/x', reason: 'EACCES' })).toMatch(
      /^Das Benutzerdatenverzeichnis \/x kann nicht verwendet werden \(EACCES\)\./,
    );
  });

  it('say in English what they said before, also when the languages cannot be read', () => {
    const text = launchText(() => {
      throw new Error('no OS answer');
    });
    expect(text.message('launch.cannotStart')).toBe('Switchboard cannot start');
    expect(
      text.message('launch.userDataUnusable', { dir: '/data/sb', reason: 'EACCES: permission denied' }),
    ).toBe(
      'The user-data directory /data/sb cannot be used (EACCES: permission denied). Name a folder you can write to with --switchboard-user-data or SWITCHBOARD_USER_DATA_DIR, or remove the setting.',
    );
  });
});
