import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLaunchConfig } from '../config/launch-config';
import { launchErrorText, launchText } from './launch-text';

/**
 * Issue 20: a wrong launch setting (the base URL, the user-data folder) is said inside the error box
 * in the system's language, as the box's title is — not in English inside a German box.
 */
function refusal(env: Record<string, string>): unknown {
  try {
    readLaunchConfig(env, [], isAbsolute);
  } catch (error) {
    return error;
  }
  throw new Error('expected the launch settings to be refused');
}

const GERMAN = launchText(() => ['de-DE', 'en-US']);
const ENGLISH = launchText(() => ['en-US']);

describe('launch settings refused, in the system’s language', () => {
  it('a base URL that is not a URL: German, with the value', () => {
    const error = refusal({ SWITCHBOARD_OPENROUTER_BASE_URL: 'not a url' });
    expect(launchErrorText(GERMAN, error)).toBe('SWITCHBOARD_OPENROUTER_BASE_URL ist keine URL: not a url');
    expect(launchErrorText(ENGLISH, error)).toBe('SWITCHBOARD_OPENROUTER_BASE_URL is not a URL: not a url');
  });

  it('plain http off loopback, and credentials or a query: German', () => {
    expect(
      launchErrorText(GERMAN, refusal({ SWITCHBOARD_OPENROUTER_BASE_URL: 'http://openrouter.ai/api/v1' })),
    ).toBe(
      'SWITCHBOARD_OPENROUTER_BASE_URL muss https verwenden (http ist nur für 127.0.0.1/localhost erlaubt).',
    );
    expect(
      launchErrorText(
        GERMAN,
        refusal({ SWITCHBOARD_OPENROUTER_BASE_URL: 'https://openrouter.ai/api/v1?x=1' }),
      ),
    ).toBe(
      'SWITCHBOARD_OPENROUTER_BASE_URL darf weder Zugangsdaten noch eine Abfrage oder ein Fragment enthalten.',
    );
  });

  it('a relative user-data folder: German', () => {
    expect(launchErrorText(GERMAN, refusal({ SWITCHBOARD_USER_DATA_DIR: 'data' }))).toBe(
      'SWITCHBOARD_USER_DATA_DIR muss ein absoluter Pfad sein.',
    );
  });

  it('English as before; anything else is shown as it is', () => {
    expect(
      launchErrorText(
        ENGLISH,
        refusal({ SWITCHBOARD_OPENROUTER_BASE_URL: 'https://u:p@openrouter.ai/api/v1' }),
      ),
    ).toBe('SWITCHBOARD_OPENROUTER_BASE_URL must not contain credentials, a query or a fragment.');
    expect(
      launchErrorText(ENGLISH, refusal({ SWITCHBOARD_OPENROUTER_BASE_URL: 'http://example.com/api/v1' })),
    ).toBe('SWITCHBOARD_OPENROUTER_BASE_URL must be https (http is allowed only on 127.0.0.1/localhost).');
    expect(refusal({ SWITCHBOARD_USER_DATA_DIR: 'data' })).toMatchObject({
      message: 'SWITCHBOARD_USER_DATA_DIR must be an absolute path.',
    });
    expect(launchErrorText(GERMAN, new Error('EPERM'))).toBe('Error: EPERM');
  });
});
