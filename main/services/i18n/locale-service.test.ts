import { describe, expect, it } from 'vitest';
import type { LanguageSetting } from '../../../common/i18n/locales';
import { resolveLocale } from '../../../common/i18n/resolve-locale';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createLocaleService } from './locale-service';

describe('resolveLocale: the system languages matched to ours', () => {
  const system = (preferred: string[]) => resolveLocale('system', preferred, { pseudoAllowed: false });
  it.each([
    [['de-AT', 'en-US'], 'de'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['pt-BR'], 'en'],
    [['pt-BR', 'fr-CA'], 'fr'],
    [['ja-JP'], 'ja'],
    [['es-419'], 'es'],
    [['en-GB', 'de'], 'en'],
    [[], 'en'],
    [['', 'C', 'de_DE.UTF-8'], 'de'],
  ])('%j → %s', (preferred, expected) => expect(system(preferred)).toBe(expected));

  it('a chosen language wins over the system; the pseudo-locale only where allowed', () => {
    expect(resolveLocale('ja', ['de-DE'], { pseudoAllowed: false })).toBe('ja');
    expect(resolveLocale('en-XA', ['de-DE'], { pseudoAllowed: true })).toBe('en-XA');
    expect(resolveLocale('en-XA', ['de-DE'], { pseudoAllowed: false })).toBe('de');
  });
});

describe('locale service', () => {
  it('follows the setting, tells listeners once per change, and formats in the new locale', () => {
    let setting: LanguageSetting = 'system';
    const service = createLocaleService({
      setting: () => setting,
      systemLanguages: () => ['fr-FR'],
      pseudoAllowed: false,
      log: createMemoryLogger(),
    });
    expect(service.locale()).toBe('fr');
    expect(service.intl().formatMessage({ id: 'settings.title' })).toBe('Paramètres');
    const heard: string[] = [];
    service.onChange((s) => heard.push(s.locale));
    setting = 'de';
    service.refresh();
    service.refresh();
    expect(heard).toEqual(['de']);
    expect(service.intl().formatMessage({ id: 'settings.title' })).toBe('Einstellungen');
  });

  it('starts in English when the system languages cannot be read', () => {
    const service = createLocaleService({
      setting: () => 'system',
      systemLanguages: () => {
        throw new Error('no ICU data');
      },
      pseudoAllowed: false,
      log: createMemoryLogger(),
    });
    expect(service.locale()).toBe('en');
  });
});
