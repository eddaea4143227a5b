import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { Theme } from '../../../../common/settings-types';
import { useSettingSaver } from '../../hooks/use-setting-saver';

/** Each theme with its label's id, translated at render time so a language switch updates it. */
const THEMES: readonly { value: Theme; labelId: string }[] = [
  { value: 'system', labelId: 'settings.theme.system' },
  { value: 'light', labelId: 'settings.theme.light' },
  { value: 'dark', labelId: 'settings.theme.dark' },
];

/** System / Light / Dark, saved as soon as it changes. */
export function ThemeField({ theme }: { theme: Theme }) {
  const intl = useIntl();
  const name = useId();
  const { save, error } = useSettingSaver();
  return (
    <fieldset className="settings-field">
      <legend>{intl.formatMessage({ id: 'settings.theme.legend' })}</legend>
      <div className="choice-row">
        {THEMES.map(({ value, labelId }) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={name}
              value={value}
              checked={theme === value}
              onChange={() => void save({ theme: value })}
            />
            {intl.formatMessage({ id: labelId })}
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
