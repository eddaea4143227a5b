import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_PROFILE_NAME, userDataDirFor } from './dev-profile';

const appData = join('/home/ada', '.config');

describe('userDataDirFor', () => {
  it('an unpackaged run (npm start) without a named profile gets the development profile', () => {
    expect(DEVELOPMENT_PROFILE_NAME).toBe('Switchboard (development)');
    expect(userDataDirFor({ named: null, isPackaged: false, appData })).toBe(
      join(appData, 'Switchboard (development)'),
    );
  });

  it('a packaged app keeps the platform default (null: do not set userData)', () => {
    expect(userDataDirFor({ named: null, isPackaged: true, appData })).toBeNull();
  });

  it('a named profile (flag or variable) wins, packaged or not', () => {
    const named = join('/tmp', 'profile');
    expect(userDataDirFor({ named, isPackaged: false, appData })).toBe(named);
    expect(userDataDirFor({ named, isPackaged: true, appData })).toBe(named);
  });

  it("never picks the installed app's own profile for an unpackaged run", () => {
    const dir = userDataDirFor({ named: null, isPackaged: false, appData });
    expect(dir).not.toBe(join(appData, 'Switchboard'));
    expect(dir).not.toBe(join(appData, 'switchboard'));
  });
});
