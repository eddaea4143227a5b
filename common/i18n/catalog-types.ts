import type { AppLocale } from './locales';

/** One area's messages (`<area>.<key>` → ICU MessageFormat text) in every shipped language. */
export type AreaCatalog = Readonly<Record<AppLocale, Readonly<Record<string, string>>>>;
