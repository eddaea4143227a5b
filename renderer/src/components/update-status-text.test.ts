import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../common/i18n/catalogs';
import { APP_LOCALES } from '../../../common/i18n/locales';
import type { UpdateStatus } from '../../../common/update-types';
import { updateStatusText } from './update-status-text';

const intlIn = (locale: (typeof APP_LOCALES)[number]) =>
  createIntl({ locale, messages: messagesFor(locale) });

/**
 * Every status main reports, with the English sentence main itself wrote before the status carried no
 * words (main/services/updates/update-service.ts, update-problems.ts at ed1cbd5): byte for byte.
 */
const ENGLISH: Array<[UpdateStatus, string]> = [
  [
    { state: 'unavailable', reason: 'not-packaged' },
    'Updates are checked only in the installed app. This is a development build, so Switchboard does not check for updates.',
  ],
  [
    { state: 'unavailable', reason: 'unsupported-package' },
    'This kind of package cannot update itself. Install new versions with the package manager you installed Switchboard with.',
  ],
  [{ state: 'not-available' }, 'Switchboard is up to date.'],
  [
    { state: 'available', version: '2.0.0' },
    'Version 2.0.0 is available. Switchboard is downloading it in the background.',
  ],
  [
    { state: 'downloading', version: '2.0.0', percent: 10 },
    'Switchboard is downloading version 2.0.0 in the background.',
  ],
  [
    { state: 'downloaded', version: '2.0.0' },
    'Version 2.0.0 is ready. Restart Switchboard to finish updating.',
  ],
  [
    { state: 'waiting-for-replies', version: '2.0.0' },
    'The update will be installed when the reply finishes.',
  ],
  [
    { state: 'installing', version: '2.0.0' },
    'Switchboard is saving a backup and will then restart to install version 2.0.0.',
  ],
  [
    { state: 'error', problem: 'offline' },
    'Switchboard could not reach the update server. Check your internet connection; Switchboard will try again later.',
  ],
  [
    { state: 'error', problem: 'feed-unavailable' },
    'The update server did not answer as expected. Switchboard will try again later, or you can check again in Settings.',
  ],
  [
    { state: 'error', problem: 'bad-signature' },
    'The downloaded update failed its signature check and was deleted. Switchboard will try again later.',
  ],
  [
    { state: 'error', problem: 'checksum-mismatch' },
    'The downloaded update did not match its published checksum and was deleted. Switchboard will try again later.',
  ],
  [
    { state: 'error', problem: 'no-write-access' },
    'Switchboard cannot write to the folder it is installed in, so it cannot update itself. Install the new version from the releases page, or ask your administrator.',
  ],
  [
    { state: 'error', problem: 'snapshot-failed', version: '2.0.0' },
    'The update was not installed because the backup before updating failed. Check that the disk has free space, then press "Restart to update" again.',
  ],
  [
    { state: 'error', problem: 'install-failed' },
    'The update could not be started. Quit Switchboard and open it again to retry, or install the new version from the releases page.',
  ],
  [
    { state: 'error', problem: 'unknown' },
    'Checking for updates failed. Switchboard will try again later, or you can check again in Settings.',
  ],
];

describe('updateStatusText', () => {
  it.each(ENGLISH)('%j in English is main’s former sentence, unchanged', (status, text) => {
    expect(updateStatusText(status, intlIn('en'))).toBe(text);
  });

  it('says every status in every language, each different from English, the version kept', () => {
    for (const locale of APP_LOCALES.filter((l) => l !== 'en')) {
      for (const [status, english] of ENGLISH) {
        const text = updateStatusText(status, intlIn(locale));
        expect(text, `${locale} ${JSON.stringify(status)}`).not.toBe(english);
        if (english.includes('2.0.0')) expect(text).toContain('2.0.0');
      }
    }
  });

  it('leaves idle and checking to the place that shows them', () => {
    expect(updateStatusText({ state: 'idle' }, intlIn('en'))).toBeNull();
    expect(updateStatusText({ state: 'checking' }, intlIn('de'))).toBeNull();
  });
});
