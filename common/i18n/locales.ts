import { z } from 'zod';

/** The languages Switchboard ships, complete. English is the source every other catalog translates. */
export const APP_LOCALES = ['en', 'zh-CN', 'ja', 'de', 'es', 'fr'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];

export const SOURCE_LOCALE: AppLocale = 'en';

/**
 * Pseudo-English, generated from the English catalog at load (pseudo-locale.ts): every message accented,
 * longer and bracketed, so a test sees at once any text that did not come from a catalog. Offered only
 * where main allows it (the harness and unpackaged builds), never to people using a release.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type PseudoLocale = typeof PSEUDO_LOCALE;

/** A locale the interface can be shown in. */
export type DisplayLocale = AppLocale | PseudoLocale;

export const LanguageSettingSchema = z.enum(['system', ...APP_LOCALES, PSEUDO_LOCALE]);
/** Settings → "Language": the system's preferred languages, or one language chosen. */
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;

export const DisplayLocaleSchema = z.enum([...APP_LOCALES, PSEUDO_LOCALE]);

/** What a window needs to show its text: the locale in effect and the setting it came from. */
export const LocaleStateSchema = z.object({
  locale: DisplayLocaleSchema,
  setting: LanguageSettingSchema,
  /** Whether Settings may offer the pseudo-locale (harness and development builds only). */
  pseudoAvailable: z.boolean(),
});
export type LocaleState = z.infer<typeof LocaleStateSchema>;

/**
 * Each language in its own name, as language pickers show them (a person who cannot read the current
 * language can still find theirs). Not translated, so not in a catalog.
 */
export const LANGUAGE_AUTONYMS: Readonly<Record<DisplayLocale, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
  ja: '日本語',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  [PSEUDO_LOCALE]: 'Pseudo-English (en-XA)',
};

export function isAppLocale(value: string): value is AppLocale {
  return (APP_LOCALES as readonly string[]).includes(value);
}

/** The locale `Intl` formats numbers and dates in: the pseudo-locale's are English. */
export function formattingLocale(locale: DisplayLocale): AppLocale {
  return locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale;
}
