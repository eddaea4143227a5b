import { useId } from 'react';
import { useIntl } from 'react-intl';
import {
  APP_LOCALES,
  LANGUAGE_AUTONYMS,
  type LanguageSetting,
  LanguageSettingSchema,
  PSEUDO_LOCALE,
} from '../../../../common/i18n/locales';
import { useActions } from '../../app-context';
import { useSettingSaver } from '../../hooks/use-setting-saver';
import { useStoreValue } from '../../hooks/use-store-value';

/**
 * Settings → "Language": "System default" (the system's preferred languages, resolved by main) or one
 * language, each named in itself so a person lost in a language they cannot read still finds theirs.
 * Saved at once; main then tells every window, and the text changes without a reload.
 */
export function LanguageSection({ value }: { value: LanguageSetting }) {
  const intl = useIntl();
  const headingId = useId();
  const { save, error } = useSettingSaver();
  const pseudoAvailable = useStoreValue(useActions().locale.state)?.pseudoAvailable ?? false;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{intl.formatMessage({ id: 'settings.language.heading' })}</h3>
      <div className="settings-field">
        <select
          aria-labelledby={headingId}
          value={value}
          onChange={(e) => {
            const chosen = LanguageSettingSchema.safeParse(e.currentTarget.value);
            if (chosen.success) void save({ language: chosen.data });
          }}
        >
          <option value="system">{intl.formatMessage({ id: 'settings.language.system' })}</option>
          {APP_LOCALES.map((locale) => (
            // An autonym is the same in every language: marked so the pseudo-locale check skips it.
            <option key={locale} value={locale} lang={locale} translate="no">
              {LANGUAGE_AUTONYMS[locale]}
            </option>
          ))}
          {(pseudoAvailable || value === PSEUDO_LOCALE) && (
            <option value={PSEUDO_LOCALE} lang={PSEUDO_LOCALE} translate="no">
              {LANGUAGE_AUTONYMS[PSEUDO_LOCALE]}
            </option>
          )}
        </select>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
