import { describe, expect, it } from 'vitest';
import { catalogIntl, mainText } from '../i18n/catalog-intl';
import { failurePage, KEPT_PAGE, renderPage, SUCCESS_PAGE } from './callback-page';

const fr = mainText(() => catalogIntl('fr'));

describe('OAuth callback page', () => {
  it('is in French, with lang="fr", when the app is', () => {
    const html = renderPage(SUCCESS_PAGE, fr);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Connecté à Switchboard</title>');
    expect(html).toContain('<h1>Connecté à Switchboard</h1>');
    expect(html).toContain('Vous pouvez fermer cet onglet');
  });

  it('escapes translated text like any other text', () => {
    const html = renderPage(KEPT_PAGE, fr);
    expect(html).toContain('openrouter.ai/settings/keys');
    expect(html).not.toMatch(/<script|src=|href=/i);
  });

  it('shows the failure message as given, under the translated title', () => {
    const html = renderPage(failurePage({ text: 'Sign-in timed out <now>.' }), fr);
    expect(html).toContain('<h1>La connexion n’a pas abouti</h1>');
    expect(html).toContain('Sign-in timed out &#60;now&#62;.');
  });

  it('is English by default', () => {
    expect(renderPage(SUCCESS_PAGE)).toContain('<html lang="en">');
    expect(renderPage(SUCCESS_PAGE)).toContain('<h1>Signed in to Switchboard</h1>');
  });
});
