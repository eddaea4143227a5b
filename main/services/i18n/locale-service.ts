import type { DisplayLocale, LanguageSetting, LocaleState } from '../../../common/i18n/locales';
import { resolveLocale } from '../../../common/i18n/resolve-locale';
import type { Logger } from '../log/logger';
import { catalogIntl, type MainIntl, type MainText, mainText } from './catalog-intl';

/** The system's preferred languages, most preferred first (Electron: `app.getPreferredSystemLanguages()`). */
export type SystemLanguages = () => readonly string[];

export interface LocaleServiceDeps {
  /** Settings → "Language". */
  setting: () => LanguageSetting;
  systemLanguages: SystemLanguages;
  /** The pseudo-locale is offered in the harness and unpackaged builds only. */
  pseudoAllowed: boolean;
  log: Logger;
}

/**
 * The locale main shows its own text in (menu, dialogs, the OAuth callback page) and tells the windows
 * to use. Re-resolved when the setting changes (`refresh`); listeners hear only real changes.
 */
export function createLocaleService(deps: LocaleServiceDeps) {
  const intls = new Map<DisplayLocale, MainIntl>();
  const listeners = new Set<(state: LocaleState) => void>();

  const compute = (): LocaleState => {
    const setting = deps.setting();
    let preferred: readonly string[] = [];
    try {
      preferred = deps.systemLanguages();
    } catch (error) {
      // Reading the OS preference must never keep the app from starting: English, and say why in the log.
      deps.log.warn('could not read the system languages', { error: String(error) });
    }
    return {
      locale: resolveLocale(setting, preferred, { pseudoAllowed: deps.pseudoAllowed }),
      setting,
      pseudoAvailable: deps.pseudoAllowed,
    };
  };
  let state = compute();

  const intlFor = (locale: DisplayLocale): MainIntl => {
    let intl = intls.get(locale);
    if (!intl) {
      intl = catalogIntl(locale, (message) => deps.log.warn('i18n', { error: message }));
      intls.set(locale, intl);
    }
    return intl;
  };

  const text = mainText(() => intlFor(state.locale));

  return {
    state: (): LocaleState => state,
    locale: (): DisplayLocale => state.locale,
    /** FormatJS for the current locale: `intl().formatMessage({ id }, values)`. */
    intl: (): MainIntl => intlFor(state.locale),
    intlFor,
    /** Main's own text in whatever the locale is when it is shown (pages, dialogs). */
    text: (): MainText => text,
    /** Re-reads the setting (and the system languages); tells listeners if the locale or setting changed. */
    refresh(): void {
      const next = compute();
      if (next.locale === state.locale && next.setting === state.setting) return;
      state = next;
      for (const listener of listeners) listener(state);
    },
    onChange(listener: (state: LocaleState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type LocaleService = ReturnType<typeof createLocaleService>;
