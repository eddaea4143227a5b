import { resolveLocale } from '../../common/i18n/resolve-locale';
import { LaunchConfigError } from '../config/launch-config';
import { catalogIntl, type MainText, mainText } from '../services/i18n/catalog-intl';

/**
 * The words of the launch's error boxes (area `launch`), before anything else exists: the settings
 * file lives in the user-data folder these boxes may be about, so Settings → "Language" cannot be read;
 * the system's preferred languages can (they are what "System default" follows). Reading them must
 * never stop the message from showing: English when it fails.
 *
 * Pure (no `electron` import) so it is tested in Node; launch.ts passes
 * `app.getPreferredSystemLanguages`, which is a plain OS query with no `ready` requirement (Electron
 * shell/common/language_util_{linux,mac,win}.cc `GetPreferredLanguages`: g_get_language_names,
 * NSLocale preferredLanguages, GlobalizationPreferences — unlike `app.getLocale()`, which
 * docs/api/app.md says must wait for `ready`).
 */
export function launchText(systemLanguages: () => readonly string[]): MainText {
  let preferred: readonly string[] = [];
  try {
    preferred = systemLanguages();
  } catch {
    // English below.
  }
  const intl = catalogIntl(resolveLocale('system', preferred, { pseudoAllowed: false }));
  return mainText(() => intl);
}

/** What the error box says about a launch setting main refused: its catalog message in `text`'s language. */
export function launchErrorText(text: MainText, error: unknown): string {
  if (error instanceof LaunchConfigError) return text.message(error.text.id, error.text.values);
  return String(error);
}
