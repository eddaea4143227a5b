import { match } from '@formatjs/intl-localematcher';
import {
  APP_LOCALES,
  type DisplayLocale,
  type LanguageSetting,
  PSEUDO_LOCALE,
  SOURCE_LOCALE,
} from './locales';

/**
 * The locale to show: the one chosen in Settings, or, for "System default", the best of ours for the
 * system's preferred languages in order (BCP 47 best-fit matching, so `de-AT` finds `de` and
 * `zh-Hans-CN` finds `zh-CN`); English when none of them is ours. The pseudo-locale only where allowed.
 */
export function resolveLocale(
  setting: LanguageSetting,
  systemPreferred: readonly string[],
  opts: { pseudoAllowed: boolean },
): DisplayLocale {
  if (setting === PSEUDO_LOCALE) return opts.pseudoAllowed ? PSEUDO_LOCALE : matchSystem(systemPreferred);
  if (setting !== 'system') return setting;
  return matchSystem(systemPreferred);
}

function matchSystem(preferred: readonly string[]): DisplayLocale {
  // The OS can hand over tags Intl rejects (`C`, `en_US.UTF-8`, empty strings): drop those, keep order.
  const valid = preferred.flatMap((tag) => {
    try {
      return Intl.getCanonicalLocales(tag.replace(/_/g, '-').replace(/\..*$/, ''));
    } catch {
      return [];
    }
  });
  if (valid.length === 0) return SOURCE_LOCALE;
  const found = match(valid, [...APP_LOCALES], SOURCE_LOCALE, { algorithm: 'best fit' });
  return (APP_LOCALES as readonly string[]).includes(found) ? (found as DisplayLocale) : SOURCE_LOCALE;
}
