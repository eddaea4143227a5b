import { describe, expect, it } from 'vitest';
import { catalogIntl, ENGLISH_TEXT, mainText } from '../services/i18n/catalog-intl';
import { linkDialogOptions } from './link-dialog';

const URL_SHOWN = new URL('https://example.com/a?b=c');

describe('the link confirmation box', () => {
  it('English as before; Cancel is the default and the Esc answer', () => {
    expect(linkDialogOptions(URL_SHOWN, ENGLISH_TEXT)).toEqual({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open this link in your browser?',
      detail: 'https://example.com/a?b=c',
    });
  });

  it('de: the question and buttons in German, the URL as given', () => {
    const options = linkDialogOptions(
      URL_SHOWN,
      mainText(() => catalogIntl('de')),
    );
    expect(options.message).toBe('Diesen Link im Browser öffnen?');
    expect(options.buttons).toEqual(['Im Browser öffnen', 'Abbrechen']);
    expect(options.detail).toBe('https://example.com/a?b=c');
  });
});
