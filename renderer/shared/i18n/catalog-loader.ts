/// <reference types="vite/client" />
import type { Messages } from '../../../common/i18n/catalogs';
import {
  type AppLocale,
  type DisplayLocale,
  PSEUDO_LOCALE,
  SOURCE_LOCALE,
} from '../../../common/i18n/locales';
import { pseudoLocalizeCatalog } from '../../../common/i18n/pseudo-locale';
import { mergeAreas } from './merge-areas';

/**
 * The window's catalogs (issue 19: page load → a composer that takes typing). common/i18n/catalogs.ts
 * imports every language's files, which main needs; a window shows one language at a time, so it
 * bundles English (the fallback every message has) and loads the language it is shown in as a chunk
 * of its own (./locales/<locale>.ts) before that language's first render — main.tsx before the first
 * paint, the locale actions before a switch. The pseudo-locale is made from English.
 */

let englishCatalog: Readonly<Record<string, string>> | null = null;

/**
 * English, merged on first use, not at module load: `import.meta.glob` exists only in Vite's build and
 * test runner, and code outside them (the Playwright specs, in plain Node) imports modules that import
 * this one without ever asking for a catalog.
 */
function english(): Readonly<Record<string, string>> {
  englishCatalog ??= mergeAreas(
    import.meta.glob<Record<string, string>>('../../../common/i18n/messages/*/en.json', {
      eager: true,
      import: 'default',
    }),
  );
  return englishCatalog;
}

type TranslatedLocale = Exclude<AppLocale, 'en'>;

const LOADERS: Readonly<Record<TranslatedLocale, () => Promise<{ default: Record<string, string> }>>> = {
  'zh-CN': () => import('./locales/zh-cn'),
  ja: () => import('./locales/ja'),
  de: () => import('./locales/de'),
  es: () => import('./locales/es'),
  fr: () => import('./locales/fr'),
};

/** The translated catalogs loaded so far (English is always there: `english()`). */
const loaded = new Map<AppLocale, Readonly<Record<string, string>>>();
const pending = new Map<AppLocale, Promise<void>>();
const composed = new Map<DisplayLocale, Messages>();

/** The catalog a display locale is made from (the pseudo-locale's is English). */
function sourceOf(locale: DisplayLocale): AppLocale {
  return locale === PSEUDO_LOCALE ? SOURCE_LOCALE : locale;
}

/** A source locale's own catalog, if it is here: English always, a translation once its chunk loaded. */
function ownCatalog(source: AppLocale): Readonly<Record<string, string>> | undefined {
  return source === SOURCE_LOCALE ? english() : loaded.get(source);
}

/** Whether `messagesFor(locale)` already has the locale's own text. */
export function isCatalogLoaded(locale: DisplayLocale): boolean {
  return ownCatalog(sourceOf(locale)) !== undefined;
}

/** Loads a locale's catalog chunk once; resolves at once for English and the pseudo-locale. */
export function loadCatalog(locale: DisplayLocale): Promise<void> {
  const source = sourceOf(locale);
  if (ownCatalog(source) !== undefined) return Promise.resolve();
  let load = pending.get(source);
  if (!load) {
    load = LOADERS[source as TranslatedLocale]().then(
      (chunk) => {
        loaded.set(source, chunk.default);
      },
      (error: unknown) => {
        // A later switch may try again (a chunk that failed to load is not cached as loaded).
        pending.delete(source);
        throw error;
      },
    );
    pending.set(source, load);
  }
  return load;
}

/**
 * All messages for a locale, as FormatJS takes them: the locale's own over English (a message missing
 * from a translation shows in English; the catalog test keeps that from happening in a release). A
 * locale whose chunk has not loaded yet gets English, not cached, so it is right once loaded.
 */
export function messagesFor(locale: DisplayLocale): Messages {
  const cached = composed.get(locale);
  if (cached) return cached;
  const own = ownCatalog(sourceOf(locale));
  if (!own) return messagesFor(SOURCE_LOCALE);
  const messages: Messages =
    locale === PSEUDO_LOCALE ? pseudoLocalizeCatalog(english()) : { ...english(), ...own };
  composed.set(locale, messages);
  return messages;
}
